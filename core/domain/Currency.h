#pragma once

#include <QString>

namespace billing {

enum class CurrencyType { Fiat, NonFiat };

struct Currency
{
    QString code;
    QString name;
    CurrencyType type = CurrencyType::Fiat;
    int decimals = 2;
    bool active = true;
};

QString toString(CurrencyType type);

} // namespace billing
