#pragma once

#include "domain/Account.h"
#include "domain/Money.h"
#include "domain/Transaction.h"

#include <QString>

#include <optional>
#include <variant>

namespace billing {

// Who asked, why, and once-only-ness. Ids and time are given to the command when it is issued,
// so that deciding it later, on any desk, gives the same events.
struct CommandMeta
{
    QString commandId;
    QString idempotencyKey;
    QString correlationId;
    QString operatorName;
    qint64 issuedAtMs = 0;
};

struct CreateAccount
{
    QString accountId;
    AccountType type = AccountType::User;
    QString ownerId;
    QString ownerType;
    QString currency;
    std::optional<Money> minBalance;
    std::optional<Money> maxBalance;
};

struct ChangeAccountStatus
{
    QString accountId;
    AccountStatus target = AccountStatus::Active;
};

struct ChangeAccountLimits
{
    QString accountId;
    Money minBalance;
    std::optional<Money> maxBalance;
    // A kept limit is the account's as it stands when the command is decided, not as someone
    // read it before: a change decided in between is not undone, and a retry stays the same
    // command.
    bool keepMin = false;
    bool keepMax = false;
};

// TopupCommand (EXTERNAL -> USER), WithdrawalCommand (USER -> EXTERNAL), TransferCommand
// (USER -> USER) and PaymentCommand (USER -> SYSTEM) share one shape; `type` says which.
struct MoveMoney
{
    TransactionType type = TransactionType::Transfer;
    QString transactionId;
    QString sourceAccountId;
    QString destinationAccountId;
    Money amount;
    QString currency; // empty: the currency of the USER side's account
    QString reference;
};

// RefundCommand: SYSTEM -> the USER account that paid, up to what is left of the payment.
struct Refund
{
    QString transactionId;
    QString paymentId;
    Money amount;
    QString currency; // empty: the payment's currency
    QString reference;
};

using CommandBody =
    std::variant<CreateAccount, ChangeAccountStatus, ChangeAccountLimits, MoveMoney, Refund>;

struct Command
{
    CommandMeta meta;
    CommandBody body;
};

// The command's name as the CLI and the logs spell it ("topup", "account.create", ...).
QString commandName(const CommandBody &body);

} // namespace billing
