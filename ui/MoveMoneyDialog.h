#pragma once

#include "CommandDialog.h"
#include "domain/Transaction.h"

class QLineEdit;

namespace billing::ui {

class AmountEdit;
class EntityPicker;

// Top-up (EXTERNAL → USER), withdrawal (USER → EXTERNAL), transfer (USER → USER) and payment
// (USER → SYSTEM): one form, the pickers offering only accounts of the right type, the second
// one only in the currency of the first.
class MoveMoneyDialog final : public CommandDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MoveMoneyDialog)

public:
    MoveMoneyDialog(TransactionType type, LedgerClient &client, QWidget *parent = nullptr);

    // The USER side of the operation ("account", or "from" for a transfer) comes first.
    EntityPicker *firstPicker() const { return m_firstPicker; }
    EntityPicker *secondPicker() const { return m_secondPicker; }
    AmountEdit *amountEdit() const { return m_amountEdit; }
    QLineEdit *referenceEdit() const { return m_referenceEdit; }
    // Prefills the first account (from a context menu).
    void setFirstAccount(const QString &accountId);

protected:
    std::optional<CommandBody> commandBody() override;
    QString summary() const override;

private:
    void followFirstAccount();

    TransactionType m_type;
    QString m_firstField;
    QString m_secondField;
    EntityPicker *m_firstPicker = nullptr;
    EntityPicker *m_secondPicker = nullptr;
    AmountEdit *m_amountEdit = nullptr;
    QLineEdit *m_referenceEdit = nullptr;
};

} // namespace billing::ui
