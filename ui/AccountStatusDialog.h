#pragma once

#include "CommandDialog.h"
#include "domain/Account.h"

class QComboBox;

namespace billing::ui {

class EntityPicker;

// Suspends, reactivates or closes an account. The rules (closing needs a zero balance and is
// final) are the core's; the form only asks.
class AccountStatusDialog final : public CommandDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountStatusDialog)

public:
    explicit AccountStatusDialog(LedgerClient &client, QWidget *parent = nullptr);

    EntityPicker *accountPicker() const { return m_accountPicker; }
    QComboBox *statusCombo() const { return m_statusCombo; }
    void setAccount(const QString &accountId);
    void setTarget(AccountStatus status);

protected:
    std::optional<CommandBody> commandBody() override;
    QString summary() const override;

private:
    EntityPicker *m_accountPicker = nullptr;
    QComboBox *m_statusCombo = nullptr;
};

} // namespace billing::ui
