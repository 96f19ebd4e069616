#include "CurrencySource.h"

#include <utility>

namespace billing {

int CurrencySource::decimalsFor(const QString &currency, const QString &accountId)
{
    const QString code =
        currency.isEmpty() && !accountId.isEmpty() ? ofAccount(accountId) : currency;
    const Result<Currency> found = catalog().find(code);
    return found.ok() ? found.value().decimals : Money::scale;
}

QString StateCurrencies::ofAccount(const QString &accountId)
{
    const Account *account = m_state.account(accountId);
    return account ? account->currency : QString();
}

QString StateCurrencies::ofTransaction(const QString &transactionId)
{
    const Transaction *transaction = m_state.transaction(transactionId);
    return transaction ? transaction->currency : QString();
}

bool ProjectedCurrencies::caughtUpAfterMiss(const QString &found)
{
    if (!found.isEmpty() || !m_catchUp)
        return false;
    std::exchange(m_catchUp, {})();
    return true;
}

QString ProjectedCurrencies::ofAccount(const QString &accountId)
{
    const auto look = [&] {
        const Result<std::optional<AccountView>> account = m_projections.account(accountId);
        return account.ok() && account.value() ? account.value()->currency : QString();
    };
    const QString found = look();
    return caughtUpAfterMiss(found) ? look() : found;
}

QString ProjectedCurrencies::ofTransaction(const QString &transactionId)
{
    const auto look = [&] {
        const Result<QList<TransactionLegView>> legs = m_projections.transaction(transactionId);
        return legs.ok() && !legs.value().isEmpty() ? legs.value().first().currency : QString();
    };
    const QString found = look();
    return caughtUpAfterMiss(found) ? look() : found;
}

} // namespace billing
