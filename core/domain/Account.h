#pragma once

#include "Money.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace billing {

// One byte each: they sit in every account the ledger holds.
enum class AccountType : quint8 { User, External, System };
enum class AccountStatus : quint8 { Active, Suspended, Closed };

QString toString(AccountType type);
// The owner type an account gets when its command names none: "user", "external", "system".
QString defaultOwnerType(AccountType type);
QString toString(AccountStatus status);
std::optional<AccountType> accountTypeFromString(const QString &text);
std::optional<AccountStatus> accountStatusFromString(const QString &text);

// The account aggregate's state, changed only by LedgerState::apply. The small members sit
// together so that padding does not grow every account.
struct Account
{
    QString id;
    QString ownerId;
    QString ownerType; // shared with every account of the same owner type
    QString currency;  // shared with every account in the currency
    AccountType type = AccountType::User;
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
