#pragma once

#include "CommandDialog.h"

class QComboBox;
class QLineEdit;

namespace billing::ui {

class AmountEdit;

// A new account: its type, currency and owner, and for USER accounts an optional overdraft
// (the negative minimum balance) and maximum balance.
class CreateAccountDialog final : public CommandDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CreateAccountDialog)

public:
    explicit CreateAccountDialog(LedgerClient &client, QWidget *parent = nullptr);

    QComboBox *typeCombo() const { return m_typeCombo; }
    QComboBox *currencyCombo() const { return m_currencyCombo; }
    QLineEdit *ownerEdit() const { return m_ownerEdit; }
    QLineEdit *ownerTypeEdit() const { return m_ownerTypeEdit; }
    AmountEdit *overdraftEdit() const { return m_overdraftEdit; }
    AmountEdit *maximumEdit() const { return m_maximumEdit; }

protected:
    std::optional<CommandBody> commandBody() override;
    QString summary() const override;

private:
    void followChoices();
    // An optional limit: nothing when empty, else the amount or an error under the field.
    std::optional<std::optional<Money>> optionalAmount(const AmountEdit &edit,
                                                       const QString &field);

    QComboBox *m_typeCombo = nullptr;
    QComboBox *m_currencyCombo = nullptr;
    QLineEdit *m_ownerEdit = nullptr;
    QLineEdit *m_ownerTypeEdit = nullptr;
    AmountEdit *m_overdraftEdit = nullptr;
    AmountEdit *m_maximumEdit = nullptr;
};

} // namespace billing::ui
