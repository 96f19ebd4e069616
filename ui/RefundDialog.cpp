#include "RefundDialog.h"

#include "AmountEdit.h"
#include "EntityPicker.h"
#include "PickerSearches.h"

#include <QLineEdit>

namespace billing::ui {

RefundDialog::RefundDialog(LedgerClient &client, QWidget *parent)
    : CommandDialog(client, tr("Refund"), parent)
{
    m_paymentPicker = new EntityPicker(client, PickerSearches::refundablePayments(), this);
    m_amountEdit = new AmountEdit(this);
    m_referenceEdit = new QLineEdit(this);
    m_referenceEdit->setPlaceholderText(tr("Ticket or reason (optional)"));
    addField(tr("&Payment:"), m_paymentPicker, QStringLiteral("payment"));
    addField(tr("A&mount:"), m_amountEdit, QStringLiteral("amount"));
    addField(tr("&Reference:"), m_referenceEdit, QStringLiteral("reference"));
    connect(m_paymentPicker, &EntityPicker::selectionChanged, this, [this] {
        if (const std::optional<PickerChoice> &payment = m_paymentPicker->selected())
            m_amountEdit->setDecimals(payment->decimals);
    });
    m_paymentPicker->setFocus();
}

void RefundDialog::setPayment(const QString &paymentId)
{
    m_paymentPicker->select(paymentId);
}

std::optional<CommandBody> RefundDialog::commandBody()
{
    const bool chosen = checkChosen(*m_paymentPicker, QStringLiteral("payment"));
    const std::optional<Money> amount = checkedAmount(*m_amountEdit, QStringLiteral("amount"));
    if (!chosen || !amount)
        return std::nullopt;
    Refund body;
    body.paymentId = m_paymentPicker->selectedId();
    body.amount = *amount;
    body.reference = m_referenceEdit->text().trimmed();
    return body;
}

QString RefundDialog::summary() const
{
    const std::optional<PickerChoice> &payment = m_paymentPicker->selected();
    return tr("Refund of %1 %2 from payment %3")
        .arg(payment ? payment->currency : QString(), m_amountEdit->shownAmount(),
             payment ? payment->id : QString());
}

} // namespace billing::ui
