#pragma once

#include "domain/Money.h"

#include <QDataStream>

namespace billing {

// An amount in a binary cache (snapshots, the account timeline) as its exact units: a sign and
// the two 64-bit halves of the magnitude (|units| < 10^28 < 2^94). No text to parse, no
// floating point.
void writeUnits(QDataStream &out, const Money &money);
// False, leaving `money` as it was, for a value outside Money's range or a short stream.
bool readUnits(QDataStream &in, Money &money);

} // namespace billing
