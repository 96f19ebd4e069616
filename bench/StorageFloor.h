#pragma once

#include "domain/Result.h"

#include <QString>

namespace billing::bench {

struct FloorFigures
{
    qint64 events = 0;
    qint64 commits = 0;
    double seconds = 0;
    double eventsPerSecond = 0;
    double transfersPerSecond = 0; // events/s over the events one transfer writes
};

// What SQLite alone gives for the batched path's bytes: the log's events at positions
// [first, last] copied as they are into a bare table of a new file (the same columns, no index
// but the rowid, no projection, no hash, no JSON), `perCommit` rows per durable commit, with
// the ledger's durability. The rows are read into memory before the clock starts and nothing
// is checkpointed meanwhile, so a design that stores these rows in SQLite cannot write them
// faster; the batched figure is shown next to this as well as next to the CRUD ledger.
// The rows in memory raise the process's peak RSS: measure it before.
Result<FloorFigures> timeStorageFloor(const QString &ledgerPath, const QString &floorPath,
                                      qint64 first, qint64 last, qint64 perCommit,
                                      int eventsPerTransfer);

} // namespace billing::bench
