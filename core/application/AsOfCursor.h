#pragma once

#include "EventStore.h"
#include "SnapshotStore.h"
#include "domain/LedgerState.h"

#include <optional>

namespace billing {

// The ledger as it stood at any position, for time travel. Moving forward folds only the events
// in between; moving back starts again from the nearest base (the newest snapshot at or before
// the point, or the last base it folded from), so stepping either way costs little.
class AsOfCursor
{
public:
    AsOfCursor(EventStore &store, SnapshotStore *snapshots);

    // 0 is the empty ledger before the first event.
    Result<const LedgerState *> moveTo(qint64 position);
    const LedgerState *state() const { return m_current ? &*m_current : nullptr; }
    // The event right after the current position, if there is one: the one a step forward
    // would apply.
    Result<std::optional<EventEnvelope>> nextEvent();
    // The last position whose event was stamped at or before `ms` (0 when none). Timestamps
    // follow positions in one store; the search is a bisection over the log.
    Result<qint64> positionAt(qint64 ms);

private:
    Status foldTo(LedgerState &state, qint64 position);

    EventStore &m_store;
    SnapshotStore *m_snapshots;
    std::optional<LedgerState> m_base;
    std::optional<LedgerState> m_current;
};

} // namespace billing
