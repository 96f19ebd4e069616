#include "UnitsStream.h"

#include <limits>

namespace billing {

void writeUnits(QDataStream &out, const Money &money)
{
    const Units &units = money.units();
    const bool negative = units < 0;
    const Units magnitude = negative ? Units(-units) : units;
    const Units lowMask = Units(std::numeric_limits<quint64>::max());
    out << negative << quint64(magnitude >> 64) << quint64(magnitude & lowMask);
}

bool readUnits(QDataStream &in, Money &money)
{
    bool negative = false;
    quint64 high = 0;
    quint64 low = 0;
    in >> negative >> high >> low;
    if (in.status() != QDataStream::Ok)
        return false;
    const Units magnitude = (Units(high) << 64) | Units(low);
    if (magnitude > Money::maxUnits())
        return false;
    money = Money::fromUnits(negative ? Units(-magnitude) : magnitude);
    return true;
}

} // namespace billing
