#pragma once

#include "KafkaCommandClient.h"
#include "KafkaEventLog.h"
#include "PostgresDatabase.h"
#include "PostgresProjectionReader.h"
#include "PostgresProjector.h"
#include "PostgresSnapshotStore.h"
#include "application/LedgerStorage.h"

#include <memory>

namespace billing {

// The distributed mode: the event log on Kafka, the projections in PostgreSQL. The CLI and the
// desk send their commands to the ledger's decision maker (commandBus()); a process that appends
// itself (none ships) shares the one transactional id of every writer (WriterMode::Shared),
// so at any moment at most one of them can commit, and only on a decision made over the whole
// log. After each commit the projections are brought up to the log; another process's
// projector, or the next catch-up, finishes the job if this one stops in between (the
// checkpoint makes that safe).
class DistributedStorage final : public LedgerStorage
{
public:
    // ReadOnly (the auditor): the projections are only read, with a connection that may write
    // nothing (PostgresDatabase::Access::ReadOnly); the writers keep them up to the log.
    static Result<std::unique_ptr<DistributedStorage>>
    open(const KafkaSettings &kafka, const PostgresLocation &postgres,
         PostgresDatabase::Access access = PostgresDatabase::Access::Migrate);

    EventStore &events() override { return *m_log; }
    ProjectionReader &projections() override { return *m_reader; }
    // In PostgreSQL, anchored in the Kafka log: a desk that opens reads from there.
    SnapshotStore *snapshots() override { return m_snapshots.get(); }
    Result<qint64> catchUpProjections(const std::function<bool(qint64)> &progress = {}) override;
    Status resetProjections() override;
    // Brings the projections up to `committed` (events this process just committed, in order,
    // with `records`: where the broker put each), straight from memory when the checkpoint is
    // right below them, else from the log for at most `budgetMs`. Either way the offsets of the
    // events applied are stored with them. The decision maker calls this after each batch.
    Result<qint64> projectCommitted(const QList<EventEnvelope> &committed,
                                    const SourceRecords &records, qint64 budgetMs);
    // Commands go to `billing-cli serve` through the command topic; after their outcomes, this
    // waits until the decision maker's projections show them (a read that follows sees the
    // write), without projecting itself unless they stay behind for BILLING_PROJECTION_WAIT_MS.
    Result<CommandBus *> commandBus() override;
    const KafkaSettings &kafka() const { return m_kafka; }
    const PostgresLocation &postgres() const { return m_database.location(); }

    // The transactional id every writer of this ledger uses: BILLING_KAFKA_TRANSACTIONAL_ID, else
    // one derived from the topic prefix.
    static QString writerId(const KafkaSettings &kafka);

private:
    DistributedStorage() = default;
    void awaitProjections(qint64 position);
    // Starts a log that has read nothing yet where the projections stand.
    Status startAtProjections();

    KafkaSettings m_kafka;
    std::unique_ptr<KafkaEventLog> m_log;
    std::unique_ptr<KafkaCommandClient> m_client;
    PostgresDatabase m_database;
    std::unique_ptr<PostgresProjector> m_projector;
    std::unique_ptr<PostgresProjectionReader> m_reader;
    std::unique_ptr<PostgresSnapshotStore> m_snapshots;
    bool m_readOnly = false;
};

} // namespace billing
