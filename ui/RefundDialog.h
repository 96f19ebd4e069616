#pragma once

#include "CommandDialog.h"

class QLineEdit;

namespace billing::ui {

class AmountEdit;
class EntityPicker;

// A refund of a completed payment, back to the account that paid. The picker lists payments
// with what is left to refund; the amount may be anything up to that.
class RefundDialog final : public CommandDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefundDialog)

public:
    RefundDialog(LedgerClient &client, QWidget *parent = nullptr);

    EntityPicker *paymentPicker() const { return m_paymentPicker; }
    AmountEdit *amountEdit() const { return m_amountEdit; }
    void setPayment(const QString &paymentId);

protected:
    std::optional<CommandBody> commandBody() override;
    QString summary() const override;

private:
    EntityPicker *m_paymentPicker = nullptr;
    AmountEdit *m_amountEdit = nullptr;
    QLineEdit *m_referenceEdit = nullptr;
};

} // namespace billing::ui
