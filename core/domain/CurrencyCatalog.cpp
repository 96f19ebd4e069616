#include "CurrencyCatalog.h"

#include "ReasonCode.h"

#include <algorithm>

namespace billing {

QString toString(CurrencyType type)
{
    return type == CurrencyType::Fiat ? QStringLiteral("fiat") : QStringLiteral("non-fiat");
}

CurrencyCatalog::CurrencyCatalog(QList<Currency> currencies)
    : m_currencies(std::move(currencies))
{}

const CurrencyCatalog &CurrencyCatalog::standard()
{
    static const CurrencyCatalog catalog({
        {QStringLiteral("USD"), QStringLiteral("US Dollar"), CurrencyType::Fiat, 2, true},
        {QStringLiteral("EUR"), QStringLiteral("Euro"), CurrencyType::Fiat, 2, true},
        {QStringLiteral("GBP"), QStringLiteral("British Pound"), CurrencyType::Fiat, 2, true},
        {QStringLiteral("JPY"), QStringLiteral("Japanese Yen"), CurrencyType::Fiat, 0, true},
        {QStringLiteral("BTC"), QStringLiteral("Bitcoin"), CurrencyType::NonFiat, 8, true},
        {QStringLiteral("ETH"), QStringLiteral("Ethereum"), CurrencyType::NonFiat, 8, true},
        {QStringLiteral("POINTS"), QStringLiteral("Loyalty Points"), CurrencyType::NonFiat, 0,
         true},
    });
    return catalog;
}

int CurrencyCatalog::decimalsOf(const QString &code) const
{
    for (const Currency &currency : m_currencies) {
        if (currency.code == code)
            return currency.decimals;
    }
    return Money::scale;
}

Result<Currency> CurrencyCatalog::find(const QString &code) const
{
    for (const Currency &currency : m_currencies) {
        if (currency.code != code)
            continue;
        if (!currency.active)
            return Error{reason::currencyInactive,
                         QStringLiteral("currency %1 is not active").arg(code),
                         QStringLiteral("currency")};
        return currency;
    }
    return Error{reason::currencyUnknown, QStringLiteral("unknown currency '%1'").arg(code),
                 QStringLiteral("currency")};
}

QString CurrencyCatalog::format(const QString &code, const Money &amount) const
{
    for (const Currency &currency : m_currencies) {
        // More decimals than the currency has (a forged event, which verify must still show)
        // are written out, not cut.
        if (currency.code == code)
            return amount.toString(std::max(currency.decimals, amount.decimalsUsed()));
    }
    return amount.toString();
}

} // namespace billing
