#pragma once

#include "domain/LedgerState.h"

#include <QList>
#include <QSet>

namespace billing {

// What an account picker shows for one account.
struct AccountChoice
{
    QString id;
    QString ownerId;
    AccountType type = AccountType::User;
    AccountStatus status = AccountStatus::Active;
    QString currency;
    int decimals = 2;
    Money balance;
};

// A completed payment that still has something left to refund.
struct PaymentChoice
{
    QString id;
    QString payerAccountId;
    QString payerOwnerId;
    QString currency;
    int decimals = 2;
    Money amount;
    Money refundable;
};

struct AccountSearch
{
    QString text; // part of the owner or of the id; empty matches all
    QSet<AccountType> types;
    QString currency; // empty: any
    bool activeOnly = false;
    int limit = 50;
};

// The decimals of `currency`, or of the account's currency when `currency` is empty; the full
// scale when neither is known (the rules then say what is wrong).
int decimalsFor(const LedgerState &state, const QString &currency, const QString &accountId = {});

// Type-ahead over the folded state: the same answer in both storage modes, no SQL involved.
// Owners first, then ids, both in text order.
QList<AccountChoice> findAccounts(const LedgerState &state, const AccountSearch &search);
std::optional<AccountChoice> accountChoice(const LedgerState &state, const QString &id);
QList<PaymentChoice> findRefundablePayments(const LedgerState &state, const QString &text,
                                            int limit = 50);
std::optional<PaymentChoice> paymentChoice(const LedgerState &state, const QString &id);

} // namespace billing
