#pragma once

#include "EventStore.h"
#include "SnapshotStore.h"
#include "domain/LedgerState.h"

#include <functional>

namespace billing {

// The ledger as it stood after the event at `upToPosition` (all of it when <= 0), or after the
// last event stamped at or before `asOfMs`. Replayed from the log, not from projections.
// With `snapshots`, the fold starts from the newest usable snapshot at or before the point.
Result<LedgerState> replayTo(EventStore &store, qint64 upToPosition,
                             SnapshotStore *snapshots = nullptr);
Result<LedgerState> replayAsOf(EventStore &store, qint64 asOfMs);

} // namespace billing
