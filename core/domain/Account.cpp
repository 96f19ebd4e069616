#include "Account.h"

namespace billing {

QString toString(AccountType type)
{
    switch (type) {
    case AccountType::User:
        return QStringLiteral("USER");
    case AccountType::External:
        return QStringLiteral("EXTERNAL");
    case AccountType::System:
        return QStringLiteral("SYSTEM");
    }
    return {};
}

QString defaultOwnerType(AccountType type)
{
    return toString(type).toLower();
}

QString toString(AccountStatus status)
{
    switch (status) {
    case AccountStatus::Active:
        return QStringLiteral("active");
    case AccountStatus::Suspended:
        return QStringLiteral("suspended");
    case AccountStatus::Closed:
        return QStringLiteral("closed");
    }
    return {};
}

std::optional<AccountType> accountTypeFromString(const QString &text)
{
    for (AccountType type : {AccountType::User, AccountType::External, AccountType::System}) {
        if (text.compare(toString(type), Qt::CaseInsensitive) == 0)
            return type;
    }
    return std::nullopt;
}

std::optional<AccountStatus> accountStatusFromString(const QString &text)
{
    for (AccountStatus status :
         {AccountStatus::Active, AccountStatus::Suspended, AccountStatus::Closed}) {
        if (text.compare(toString(status), Qt::CaseInsensitive) == 0)
            return status;
    }
    return std::nullopt;
}

} // namespace billing
