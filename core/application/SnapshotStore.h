#pragma once

#include "domain/LedgerState.h"
#include "domain/Result.h"

#include <optional>

namespace billing {

// Saved states of the ledger, so that opening it folds only the events after the newest one.
// A cache and nothing more: without snapshots every answer is the same, only slower, and a
// snapshot that does not match the log it claims to summarise is ignored.
class SnapshotStore
{
public:
    // A reader saves one after folding this many events past the newest (desks, `billing-cli`,
    // the serve), unless told otherwise (BILLING_SNAPSHOT_EVERY).
    static constexpr qint64 defaultEvery = 50000;

    virtual ~SnapshotStore() = default;

    // The newest usable snapshot at or before `atOrBefore` (any when <= 0).
    virtual Result<std::optional<LedgerState>> load(qint64 atOrBefore) = 0;
    virtual Status save(const LedgerState &state) = 0;
    virtual Status clear() = 0;
};

} // namespace billing
