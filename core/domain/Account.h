#pragma once

#include "Money.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace billing {

enum class AccountType { User, External, System };
enum class AccountStatus { Active, Suspended, Closed };

QString toString(AccountType type);
QString toString(AccountStatus status);
std::optional<AccountType> accountTypeFromString(const QString &text);
std::optional<AccountStatus> accountStatusFromString(const QString &text);

// The account aggregate's state, changed only by LedgerState::apply.
struct Account
{
    QString id;
    QString ownerId;
    QString ownerType;
    AccountType type = AccountType::User;
    QString currency;
    AccountStatus status = AccountStatus::Active;
    Money balance;
    // USER accounts: the lowest allowed balance (zero, or negative for an agreed overdraft).
    Money minBalance;
    std::optional<Money> maxBalance;
    qint64 version = 0;
    QDateTime createdAt;
    QDateTime updatedAt;
};

} // namespace billing
