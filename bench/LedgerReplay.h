#pragma once

#include "ProcessMemory.h"
#include "domain/Result.h"

#include <QString>

namespace billing::bench {

// replayTo(store, 0): the whole log folded from scratch, as an audit or a rebuild does.
struct ReplayFigures
{
    qint64 events = 0;
    qint64 accounts = 0;
    double seconds = 0;
    double eventsPerSecond = 0;
};

// What a desk pays to start on an existing file: the storage (schema check, projection
// catch-up) and then LedgerService::open(), which folds the log into the service's state.
struct OpenFigures
{
    qint64 events = 0;
    double storageOpenMs = 0;
    double serviceOpenMs = 0;
    qint64 residentKiB = -1;   // VmRSS while the freshly opened service holds the whole state
    double snapshotSaveMs = 0; // saving a snapshot of that state
    double snapshotOpenMs = 0; // LedgerService::open() again, starting from the snapshot
};

// Each opens its own connection to `path` and closes it before returning, so that no two
// ledger states are alive at once and the peak memory stays that of one desk. Each samples
// `memory` while its state is still alive.
Result<ReplayFigures> timeReplay(const QString &path, MemoryWatch &memory);
Result<OpenFigures> timeFreshOpen(const QString &path, MemoryWatch &memory);

} // namespace billing::bench
