#pragma once

#include "BenchOptions.h"
#include "CrudBaseline.h"
#include "LedgerReplay.h"
#include "LedgerWorkload.h"
#include "ProcessMemory.h"
#include "Stats.h"
#include "StorageFloor.h"

#include <QJsonObject>
#include <QString>

namespace billing::bench {

// The figures the desk is held to, printed next to what was measured.
namespace target {
constexpr double singlePerSecond = 2000;
constexpr double singleP99Ms = 5;
constexpr double batchedPerSecond = 100000;
constexpr double replayEventsPerSecond = 1000000;
constexpr double peakRssMB = 200; // 10^6 bytes, the stricter reading of "MB"
// The memory target is stated for this size of store; other sizes get the figure, no verdict.
constexpr qint64 rssAccounts = 100000;
constexpr qint64 rssEvents = 1000000;
} // namespace target

struct BenchResults
{
    BenchOptions options;
    QString ledgerPath;
    QString baselinePath;
    QString sqliteVersion;
    BuildFigures build;
    FloorFigures floor; // the batched transfers' rows, copied by SQLite alone
    LatencySummary single;
    ReplayFigures replay;
    OpenFigures open;
    LatencySummary baseline;
    BatchedCrudFigures baselineBatched; // the baseline's transfers, a batch to a commit
    double baselineSeedSeconds = 0;
    qint64 baselineFileBytes = 0;
    qint64 peakKiB = -1;      // the highest VmHWM read during the run (see MemoryWatch)
    MemoryReading afterBuild; // the build and the single transfers, one service alive
    MemoryReading afterReplay;
    MemoryReading atEnd;
};

QString textReport(const BenchResults &results);
QJsonObject jsonReport(const BenchResults &results);

} // namespace billing::bench
