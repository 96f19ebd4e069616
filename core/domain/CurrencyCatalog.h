#pragma once

#include "Currency.h"
#include "Money.h"
#include "Result.h"

#include <QList>

namespace billing {

// The currencies money may move in. The seeded set is the original system's plus JPY; the
// catalog is configuration, identical on every desk, so decisions stay deterministic.
class CurrencyCatalog
{
public:
    CurrencyCatalog() = default;
    explicit CurrencyCatalog(QList<Currency> currencies);
    static const CurrencyCatalog &standard();

    // CURRENCY_UNKNOWN or CURRENCY_INACTIVE, both naming the field "currency".
    Result<Currency> find(const QString &code) const;
    // The decimals of a known currency, in use or not (balances kept in one no longer in use
    // are still written with them); the ledger's scale for an unknown code.
    int decimalsOf(const QString &code) const;
    const QList<Currency> &all() const { return m_currencies; }
    // `amount` written with the currency's decimals ("0.00" USD, "0" JPY); every decimal the
    // amount holds when the code is not in the catalog.
    QString format(const QString &code, const Money &amount) const;

private:
    QList<Currency> m_currencies;
};

} // namespace billing
