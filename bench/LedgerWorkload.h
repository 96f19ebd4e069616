#pragma once

#include "AccountPool.h"
#include "ProcessMemory.h"
#include "Stats.h"
#include "application/Clock.h"
#include "application/LedgerService.h"
#include "infrastructure/EmbeddedStorage.h"

#include <functional>
#include <memory>

namespace billing::bench {

using Progress = std::function<void(const QString &)>;

// A transfer that completes writes Requested, two BalanceChanged and Completed.
constexpr int eventsPerTransfer = 4;

// The import path: transfers handed to executeBatch `batchSize` at a time. Only the time inside
// executeBatch counts; building the commands beforehand does not.
struct BatchFigures
{
    qint64 transfers = 0;
    qint64 batches = 0;
    double seconds = 0;
    double perSecond = 0;
    double batchP50Ms = 0;
    double batchP99Ms = 0;
    qint64 firstPosition = 0; // the log's events that these transfers wrote
    qint64 lastPosition = 0;
};

struct BuildFigures
{
    qint64 accounts = 0;
    qint64 events = 0;
    double seconds = 0; // the whole build, wall clock, command preparation included
    double createSeconds = 0;
    double topupSeconds = 0;
    double transferSeconds = 0;
    BatchFigures transfers;
    qint64 fileBytes = 0; // the .db file and its -wal, after the build
};

// Drives LedgerService over one embedded SQLite store the way the desk does: SystemClock,
// random ids and idempotency keys, one command per durable commit unless batched.
class LedgerWorkload
{
public:
    // `memory` is sampled after every batch, while the state is at its largest so far.
    LedgerWorkload(QString path, AccountPool &pool, MemoryWatch &memory, Progress progress);

    // `cacheMb` > 0 raises SQLite's page cache for this connection: a bulk load whose random-key
    // index pages stay in memory instead of being read back from the OS for every insert.
    Status open(SqliteDatabase::Durability durability = SqliteDatabase::Durability::Full,
                int cacheMb = 0);
    // Commands are issued by `operators` operators in turn, one per batch ("bench" when 1), and
    // every `rareEvery`th batch by "night-shift": the history benchmark filters on both.
    void setOperators(int operators, int rareEvery);
    // An EXTERNAL account, every USER account of the pool topped up, then batched transfers
    // until the store holds at least `minEvents` events.
    Result<BuildFigures> build(qint64 minEvents, qint64 batchSize);
    // `count` transfers, each its own execute() and so its own durable commit.
    Result<LatencySummary> runSingleTransfers(qint64 count);
    // Transfers at a steady `perSecond` for `seconds`, each its own durable commit: the load of
    // other desks writing while one desk is watched.
    Result<qint64> runPacedTransfers(int perSecond, double seconds);
    qint64 eventCount() const { return m_service->state().position(); }

private:
    Result<double> executeBatchTimed(const QList<Command> &commands);
    Command transferCommand();
    Command issue(CommandBody body);

    QString m_path;
    AccountPool &m_pool;
    MemoryWatch &m_memory;
    Progress m_progress;
    SystemClock m_clock;
    TimeOrderedIds m_ids;
    Money m_transferAmount;
    Money m_topupAmount;
    std::unique_ptr<EmbeddedStorage> m_storage;
    std::unique_ptr<LedgerService> m_service; // declared last: it holds a reference to the store
    QString m_externalId;
    int m_operators = 1;
    int m_rareEvery = 0;
    qint64 m_batchesIssued = 0;
    QString m_operatorName = QStringLiteral("bench");
};

// The size of a SQLite file together with its -wal file.
qint64 sqliteFileBytes(const QString &path);

} // namespace billing::bench
