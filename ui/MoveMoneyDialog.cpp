#include "MoveMoneyDialog.h"

#include "AmountEdit.h"
#include "EntityPicker.h"
#include "PickerSearches.h"

#include <QLineEdit>

namespace billing::ui {
namespace {

struct Shape
{
    QString title;
    AccountType first;
    QString firstField;
    QString firstLabel;
    AccountType second;
    QString secondField;
    QString secondLabel;
    bool firstIsSource;
};

Shape shapeOf(TransactionType type)
{
    const QString account = QStringLiteral("account");
    const QString from = QStringLiteral("from");
    const QString to = QStringLiteral("to");
    switch (type) {
    case TransactionType::Topup:
        return {MoveMoneyDialog::tr("Top up"),
                AccountType::User,
                account,
                MoveMoneyDialog::tr("&Account to credit:"),
                AccountType::External,
                from,
                MoveMoneyDialog::tr("&From (external):"),
                false};
    case TransactionType::Withdrawal:
        return {MoveMoneyDialog::tr("Withdraw"),
                AccountType::User,
                account,
                MoveMoneyDialog::tr("&Account to debit:"),
                AccountType::External,
                to,
                MoveMoneyDialog::tr("&To (external):"),
                true};
    case TransactionType::Transfer:
        return {MoveMoneyDialog::tr("Transfer"),
                AccountType::User,
                from,
                MoveMoneyDialog::tr("&From:"),
                AccountType::User,
                to,
                MoveMoneyDialog::tr("&To:"),
                true};
    case TransactionType::Payment:
    case TransactionType::Refund:
        break;
    }
    return {MoveMoneyDialog::tr("Payment"),
            AccountType::User,
            account,
            MoveMoneyDialog::tr("&Paying account:"),
            AccountType::System,
            to,
            MoveMoneyDialog::tr("&To (system):"),
            true};
}

} // namespace

MoveMoneyDialog::MoveMoneyDialog(TransactionType type, LedgerClient &client, QWidget *parent)
    : CommandDialog(client, shapeOf(type).title, parent)
    , m_type(type)
{
    BILLING_ASSERT(type != TransactionType::Refund);
    const Shape shape = shapeOf(type);
    m_firstField = shape.firstField;
    m_secondField = shape.secondField;
    m_firstPicker = new EntityPicker(client, PickerSearches::accounts({shape.first}, {}), this);
    m_secondPicker = new EntityPicker(client, PickerSearches::accounts({shape.second}, {}), this);
    m_amountEdit = new AmountEdit(this);
    m_referenceEdit = new QLineEdit(this);
    m_referenceEdit->setPlaceholderText(tr("Invoice or ticket number (optional)"));
    addField(shape.firstLabel, m_firstPicker, m_firstField);
    addField(shape.secondLabel, m_secondPicker, m_secondField);
    addField(tr("A&mount:"), m_amountEdit, QStringLiteral("amount"));
    addField(tr("&Reference:"), m_referenceEdit, QStringLiteral("reference"));
    connect(m_firstPicker, &EntityPicker::selectionChanged, this,
            &MoveMoneyDialog::followFirstAccount);
    m_firstPicker->setFocus();
}

void MoveMoneyDialog::setFirstAccount(const QString &accountId)
{
    m_firstPicker->select(accountId);
}

void MoveMoneyDialog::followFirstAccount()
{
    const Shape shape = shapeOf(m_type);
    const std::optional<PickerChoice> &first = m_firstPicker->selected();
    const QString currency = first ? first->currency : QString();
    m_secondPicker->setSearch(PickerSearches::accounts({shape.second}, currency));
    if (first)
        m_amountEdit->setDecimals(first->decimals);
}

std::optional<CommandBody> MoveMoneyDialog::commandBody()
{
    const bool firstChosen = checkChosen(*m_firstPicker, m_firstField);
    const bool secondChosen = checkChosen(*m_secondPicker, m_secondField);
    const std::optional<Money> amount = checkedAmount(*m_amountEdit, QStringLiteral("amount"));
    if (!firstChosen || !secondChosen || !amount)
        return std::nullopt;
    const bool firstIsSource = shapeOf(m_type).firstIsSource;
    MoveMoney body;
    body.type = m_type;
    body.sourceAccountId =
        firstIsSource ? m_firstPicker->selectedId() : m_secondPicker->selectedId();
    body.destinationAccountId =
        firstIsSource ? m_secondPicker->selectedId() : m_firstPicker->selectedId();
    body.amount = *amount;
    body.reference = m_referenceEdit->text().trimmed();
    return body;
}

QString MoveMoneyDialog::summary() const
{
    const QString amount = m_amountEdit->shownAmount();
    const QString currency =
        m_firstPicker->selected() ? m_firstPicker->selected()->currency : QString();
    return tr("%1 of %2 %3").arg(shapeOf(m_type).title, currency, amount);
}

} // namespace billing::ui
