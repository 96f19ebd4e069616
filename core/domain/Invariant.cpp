#include "Invariant.h"

#include <QtGlobal>

namespace billing {

void invariantFailed(const char *condition, const char *file, int line)
{
    qFatal("Ledger invariant broken: %s (%s:%d)", condition, file, line);
}

} // namespace billing
