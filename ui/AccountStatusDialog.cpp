#include "AccountStatusDialog.h"

#include "EntityPicker.h"
#include "PickerSearches.h"

#include <QComboBox>

namespace billing::ui {

AccountStatusDialog::AccountStatusDialog(LedgerClient &client, QWidget *parent)
    : CommandDialog(client, tr("Change account status"), parent)
{
    m_accountPicker = new EntityPicker(client, PickerSearches::accounts({}, {}), this);
    m_statusCombo = new QComboBox(this);
    for (const AccountStatus status :
         {AccountStatus::Active, AccountStatus::Suspended, AccountStatus::Closed})
        m_statusCombo->addItem(PickerSearches::statusName(status), toString(status));
    addField(tr("&Account:"), m_accountPicker, QStringLiteral("account"));
    addField(tr("New &status:"), m_statusCombo, QStringLiteral("status"));
    setTarget(AccountStatus::Suspended);
}

void AccountStatusDialog::setAccount(const QString &accountId)
{
    m_accountPicker->select(accountId);
}

void AccountStatusDialog::setTarget(AccountStatus status)
{
    m_statusCombo->setCurrentIndex(m_statusCombo->findData(toString(status)));
}

std::optional<CommandBody> AccountStatusDialog::commandBody()
{
    if (!checkChosen(*m_accountPicker, QStringLiteral("account")))
        return std::nullopt;
    ChangeAccountStatus body;
    body.accountId = m_accountPicker->selectedId();
    body.target = *accountStatusFromString(m_statusCombo->currentData().toString());
    return body;
}

QString AccountStatusDialog::summary() const
{
    return tr("Set the status of %1 to %2")
        .arg(m_accountPicker->selectedId(), m_statusCombo->currentText());
}

} // namespace billing::ui
