#include "CreateAccountDialog.h"

#include "AmountEdit.h"
#include "LedgerTerms.h"
#include "PickerSearches.h"
#include "domain/CurrencyCatalog.h"

#include <QComboBox>
#include <QLineEdit>

namespace billing::ui {

CreateAccountDialog::CreateAccountDialog(LedgerClient &client, QWidget *parent)
    : CommandDialog(client, tr("New account"), parent)
{
    m_typeCombo = new QComboBox(this);
    for (const AccountType type : {AccountType::User, AccountType::External, AccountType::System})
        m_typeCombo->addItem(PickerSearches::typeName(type), toString(type));
    m_currencyCombo = new QComboBox(this);
    for (const Currency &currency : CurrencyCatalog::standard().all()) {
        if (currency.active)
            m_currencyCombo->addItem(
                tr("%1 — %2").arg(currency.code, LedgerTerms::label(currency.name)), currency.code);
    }
    m_ownerEdit = new QLineEdit(this);
    m_ownerEdit->setPlaceholderText(tr("Customer, bank or merchant id"));
    // Empty gives the account type's own (the placeholder shows which).
    m_ownerTypeEdit = new QLineEdit(this);
    m_overdraftEdit = new AmountEdit(this);
    m_overdraftEdit->setZeroAllowed(true);
    m_overdraftEdit->setToolTip(tr("How far below zero the balance may go; empty for none."));
    m_maximumEdit = new AmountEdit(this);
    m_maximumEdit->setZeroAllowed(true);
    m_maximumEdit->setToolTip(tr("The highest balance allowed; empty for no maximum."));
    addField(tr("&Type:"), m_typeCombo, QStringLiteral("type"));
    addField(tr("C&urrency:"), m_currencyCombo, QStringLiteral("currency"));
    addField(tr("&Owner:"), m_ownerEdit, QStringLiteral("owner"));
    addField(tr("Owner t&ype:"), m_ownerTypeEdit, QStringLiteral("owner-type"));
    addField(tr("O&verdraft:"), m_overdraftEdit, QStringLiteral("min"));
    addField(tr("Ma&ximum balance:"), m_maximumEdit, QStringLiteral("max"));
    connect(m_typeCombo, &QComboBox::currentIndexChanged, this,
            &CreateAccountDialog::followChoices);
    connect(m_currencyCombo, &QComboBox::currentIndexChanged, this,
            &CreateAccountDialog::followChoices);
    followChoices();
}

void CreateAccountDialog::followChoices()
{
    // Limits are for USER accounts: EXTERNAL ones mirror money outside, SYSTEM ones collect.
    const AccountType type = *accountTypeFromString(m_typeCombo->currentData().toString());
    const bool user = type == AccountType::User;
    m_ownerTypeEdit->setPlaceholderText(defaultOwnerType(type));
    m_overdraftEdit->setEnabled(user);
    m_maximumEdit->setEnabled(user);
    const Result<Currency> currency =
        CurrencyCatalog::standard().find(m_currencyCombo->currentData().toString());
    BILLING_ASSERT(currency.ok());
    m_overdraftEdit->setDecimals(currency.value().decimals);
    m_maximumEdit->setDecimals(currency.value().decimals);
}

std::optional<std::optional<Money>> CreateAccountDialog::optionalAmount(const AmountEdit &edit,
                                                                        const QString &field)
{
    if (!edit.isEnabled() || edit.text().trimmed().isEmpty())
        return std::optional<Money>();
    const std::optional<Money> amount = checkedAmount(edit, field);
    if (!amount)
        return std::nullopt;
    return std::optional<Money>(*amount);
}

std::optional<CommandBody> CreateAccountDialog::commandBody()
{
    bool valid = true;
    if (m_ownerEdit->text().trimmed().isEmpty()) {
        setFieldError(QStringLiteral("owner"), tr("Enter who owns the account."));
        valid = false;
    }
    const auto overdraft = optionalAmount(*m_overdraftEdit, QStringLiteral("min"));
    const auto maximum = optionalAmount(*m_maximumEdit, QStringLiteral("max"));
    if (!valid || !overdraft || !maximum)
        return std::nullopt;
    CreateAccount body;
    body.type = *accountTypeFromString(m_typeCombo->currentData().toString());
    body.currency = m_currencyCombo->currentData().toString();
    body.ownerId = m_ownerEdit->text().trimmed();
    body.ownerType = m_ownerTypeEdit->text().trimmed();
    if (*overdraft)
        body.minBalance = (*overdraft)->negated();
    body.maxBalance = *maximum;
    return body;
}

QString CreateAccountDialog::summary() const
{
    return tr("New %1 account for %2 in %3")
        .arg(m_typeCombo->currentText(), m_ownerEdit->text().trimmed(),
             m_currencyCombo->currentData().toString());
}

} // namespace billing::ui
