#include "AccountRules.h"

#include "ReasonCode.h"

namespace billing::rules {
namespace {

// Errors about the account itself name no field: the decider names the side (`from`, `to`,
// `account`) it stands on in the command.
std::optional<Error> mustMoveMoney(const Account &account, const QString &currency)
{
    if (account.status != AccountStatus::Active)
        return Error{reason::accountNotActive,
                     QStringLiteral("account %1 is %2").arg(account.id, toString(account.status)),
                     {}};
    if (account.currency != currency)
        return Error{reason::currencyMismatch,
                     QStringLiteral("account %1 holds %2, not %3")
                         .arg(account.id, account.currency, currency),
                     QStringLiteral("currency")};
    return std::nullopt;
}

} // namespace

std::optional<Error> canSend(const Account &account, const QString &currency, const Money &amount,
                             int decimals)
{
    if (auto error = mustMoveMoney(account, currency))
        return error;
    const Result<Money> after = account.balance.minus(amount);
    if (!after.ok())
        return Error{reason::balanceOverflow, QStringLiteral("balance out of range"),
                     QStringLiteral("amount")};
    // EXTERNAL accounts mirror money outside the ledger and may go negative; SYSTEM accounts only
    // give back what they were paid, which the refund rule bounds.
    if (account.type == AccountType::User && after.value() < account.minBalance)
        return Error{reason::insufficientFunds,
                     QStringLiteral("account %1 has %2 %3, below the amount")
                         .arg(account.id, account.balance.toString(decimals), account.currency),
                     QStringLiteral("amount")};
    return std::nullopt;
}

std::optional<Error> canReceive(const Account &account, const QString &currency,
                                const Money &amount)
{
    if (auto error = mustMoveMoney(account, currency))
        return error;
    const Result<Money> after = account.balance.plus(amount);
    if (!after.ok())
        return Error{reason::balanceOverflow, QStringLiteral("balance out of range"),
                     QStringLiteral("amount")};
    if (account.type == AccountType::User && account.maxBalance &&
        after.value() > *account.maxBalance)
        return Error{reason::balanceAboveMaximum,
                     QStringLiteral("account %1 would exceed its maximum balance").arg(account.id),
                     QStringLiteral("amount")};
    return std::nullopt;
}

std::optional<Error> canChangeStatus(const Account &account, AccountStatus target, int decimals)
{
    if (account.status == AccountStatus::Closed)
        return Error{reason::accountClosed,
                     QStringLiteral("account %1 is closed for good").arg(account.id),
                     QStringLiteral("account")};
    if (account.status == target)
        return Error{reason::invalidStatusTransition,
                     QStringLiteral("account %1 is already %2").arg(account.id, toString(target)),
                     QStringLiteral("status")};
    if (target == AccountStatus::Closed && !account.balance.isZero())
        return Error{reason::balanceNotZero,
                     QStringLiteral("account %1 still holds %2 %3")
                         .arg(account.id, account.balance.toString(decimals), account.currency),
                     QStringLiteral("account")};
    return std::nullopt;
}

std::optional<Error> canSetLimits(const Account &account, const Money &minBalance,
                                  const std::optional<Money> &maxBalance, int decimals)
{
    if (account.status == AccountStatus::Closed)
        return Error{reason::accountClosed,
                     QStringLiteral("account %1 is closed for good").arg(account.id),
                     QStringLiteral("account")};
    if (account.type != AccountType::User)
        return Error{reason::limitsInvalid, QStringLiteral("limits apply to USER accounts only"),
                     QStringLiteral("type")};
    if (minBalance.isPositive())
        return Error{reason::limitsInvalid,
                     QStringLiteral("the minimum balance must be zero or negative"),
                     QStringLiteral("min")};
    if (maxBalance && *maxBalance < minBalance)
        return Error{reason::limitsInvalid,
                     QStringLiteral("the maximum balance is below the minimum"),
                     QStringLiteral("max")};
    if (account.balance < minBalance)
        return Error{reason::limitsExcludeBalance,
                     QStringLiteral("the current balance %1 lies below the new minimum")
                         .arg(account.balance.toString(decimals)),
                     QStringLiteral("min")};
    if (maxBalance && account.balance > *maxBalance)
        return Error{reason::limitsExcludeBalance,
                     QStringLiteral("the current balance %1 lies above the new maximum")
                         .arg(account.balance.toString(decimals)),
                     QStringLiteral("max")};
    return std::nullopt;
}

} // namespace billing::rules
