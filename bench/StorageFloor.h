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

// What SQLite alone gives for the batched path's bytes: the last `events` rows of the ledger's
// log copied as they are into a bare table of a new file (the same columns, no index but the
// rowid, no projection, no hash, no JSON), `perCommit` rows per durable commit, with the
// ledger's durability. A design that stores these rows in SQLite cannot write them faster, so
// the batched figure is shown next to this as well as next to the CRUD ledger.
Result<FloorFigures> timeStorageFloor(const QString &ledgerPath, const QString &floorPath,
                                      qint64 events, qint64 perCommit, int eventsPerTransfer);

} // namespace billing::bench
