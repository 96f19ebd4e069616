#include "LedgerLookup.h"

#include "CurrencySource.h"

#include <algorithm>

namespace billing {
namespace {

AccountChoice choiceOf(const LedgerState &state, const Account &account)
{
    return {account.id,     account.ownerId,  account.type,
            account.status, account.currency, decimalsFor(state, account.currency),
            account.balance};
}

bool matches(const QString &text, const QString &a, const QString &b)
{
    return text.isEmpty() || a.contains(text, Qt::CaseInsensitive) ||
           b.contains(text, Qt::CaseInsensitive);
}

std::optional<PaymentChoice> refundable(const LedgerState &state, const Transaction &payment)
{
    if (payment.type != TransactionType::Payment || payment.status != TransactionStatus::Completed)
        return std::nullopt;
    const Result<Money> left = payment.amount.minus(payment.refunded);
    BILLING_ASSERT(left.ok() && !left.value().isNegative());
    if (left.value().isZero())
        return std::nullopt;
    const Account *payer = state.account(payment.sourceAccountId);
    BILLING_ASSERT(payer);
    return PaymentChoice{payment.id,
                         payer->id,
                         payer->ownerId,
                         payment.currency,
                         decimalsFor(state, payment.currency),
                         payment.amount,
                         left.value()};
}

} // namespace

int decimalsFor(const LedgerState &state, const QString &currency, const QString &accountId)
{
    return StateCurrencies(state).decimalsFor(currency, accountId);
}

QList<AccountChoice> findAccounts(const LedgerState &state, const AccountSearch &search)
{
    BILLING_ASSERT(search.limit > 0);
    QList<const Account *> found;
    for (const Account &account : state.accounts()) {
        if (!search.types.isEmpty() && !search.types.contains(account.type))
            continue;
        if (!search.currency.isEmpty() && account.currency != search.currency)
            continue;
        if (search.activeOnly && account.status != AccountStatus::Active)
            continue;
        if (matches(search.text, account.ownerId, account.id))
            found.append(&account);
    }
    const auto byOwner = [](const Account *a, const Account *b) {
        return std::tie(a->ownerId, a->id) < std::tie(b->ownerId, b->id);
    };
    const qsizetype kept = std::min<qsizetype>(found.size(), search.limit);
    std::partial_sort(found.begin(), found.begin() + kept, found.end(), byOwner);
    QList<AccountChoice> choices;
    choices.reserve(kept);
    for (qsizetype i = 0; i < kept; ++i)
        choices.append(choiceOf(state, *found.at(i)));
    return choices;
}

std::optional<AccountChoice> accountChoice(const LedgerState &state, const QString &id)
{
    const Account *account = state.account(id);
    if (!account)
        return std::nullopt;
    return choiceOf(state, *account);
}

QList<PaymentChoice> findRefundablePayments(const LedgerState &state, const QString &text,
                                            int limit)
{
    BILLING_ASSERT(limit > 0);
    QList<PaymentChoice> found;
    for (const Transaction &transaction : state.transactions()) {
        std::optional<PaymentChoice> choice = refundable(state, transaction);
        if (choice && matches(text, choice->payerOwnerId, choice->id))
            found.append(*choice);
    }
    const auto byPayer = [](const PaymentChoice &a, const PaymentChoice &b) {
        return std::tie(a.payerOwnerId, a.id) < std::tie(b.payerOwnerId, b.id);
    };
    const qsizetype kept = std::min<qsizetype>(found.size(), limit);
    std::partial_sort(found.begin(), found.begin() + kept, found.end(), byPayer);
    found.resize(kept);
    return found;
}

std::optional<PaymentChoice> paymentChoice(const LedgerState &state, const QString &id)
{
    const Transaction *transaction = state.transaction(id);
    return transaction ? refundable(state, *transaction) : std::nullopt;
}

} // namespace billing
