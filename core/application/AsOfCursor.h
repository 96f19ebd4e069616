#pragma once

#include "EventStore.h"
#include "SnapshotStore.h"
#include "domain/LedgerState.h"

#include <optional>

namespace billing {

// The ledger as it stood at any position, for time travel. Moving forward folds only the events
// in between. Moving back starts again from a base: the state a little before the point the
// cursor last jumped to (folded from the newest snapshot at or before it, or from the start),
// so that stepping back near that point folds at most a window of events.
class AsOfCursor
{
public:
    static constexpr qint64 backWindow = 2000;

    AsOfCursor(EventStore &store, SnapshotStore *snapshots);

    // 0 is the empty ledger before the first event.
    Result<const LedgerState *> moveTo(qint64 position);
    // Takes a state folded elsewhere (the desk's own, at the newest event) as the current point:
    // a copy that shares its tables, instead of a second fold of the whole log.
    void adopt(const LedgerState &state);
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
