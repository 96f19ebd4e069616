#pragma once

#include "CommandBus.h"
#include "EventStore.h"
#include "ProjectionReader.h"
#include "SnapshotStore.h"

#include <QHash>

#include <functional>

namespace billing {

// One way to store the ledger: an event store with the projections fed from it. Embedded is a
// SQLite file; distributed is Kafka with PostgreSQL projections.
class LedgerStorage
{
public:
    virtual ~LedgerStorage() = default;

    virtual EventStore &events() = 0;
    virtual ProjectionReader &projections() = 0;
    // Where snapshots of the folded state are kept; none when the storage keeps none.
    virtual SnapshotStore *snapshots() { return nullptr; }
    // Where commands go when this process does not decide them itself (the distributed mode's
    // `serve`); null: LedgerService decides and appends here.
    virtual Result<CommandBus *> commandBus() { return static_cast<CommandBus *>(nullptr); }
    // Brings the projections up to the log. `progress` gets the checkpoint after each batch and
    // may return false to stop (what was done stays done).
    virtual Result<qint64> catchUpProjections(const std::function<bool(qint64)> &progress = {}) = 0;
    // Empties the projections; catchUpProjections() then rebuilds them from the log.
    virtual Status resetProjections() = 0;
};

} // namespace billing
