#pragma once

#include "EventStore.h"
#include "domain/LedgerState.h"

#include <functional>

namespace billing {

// The ledger as it stood after the event at `upToPosition` (all of it when <= 0), or after the
// last event stamped at or before `asOfMs`. Replayed from the log, not from projections.
Result<LedgerState> replayTo(EventStore &store, qint64 upToPosition);
Result<LedgerState> replayAsOf(EventStore &store, qint64 asOfMs);

} // namespace billing
