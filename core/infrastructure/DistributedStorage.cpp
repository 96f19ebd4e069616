#include "DistributedStorage.h"

#include "KafkaTopics.h"
#include "PostgresLogPlaces.h"
#include "domain/ReasonCode.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QThread>

#include <utility>

namespace billing {
namespace {

// How long a client waits for the decision maker's projections before it projects itself.
int projectionWaitMs()
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue("BILLING_PROJECTION_WAIT_MS", &ok);
    return ok && value >= 0 ? value : 5000;
}

} // namespace

QString DistributedStorage::writerId(const KafkaSettings &kafka)
{
    const QString fromEnvironment = qEnvironmentVariable("BILLING_KAFKA_TRANSACTIONAL_ID");
    return fromEnvironment.isEmpty() ? kafka.topicPrefix + QStringLiteral("billing-writer")
                                     : fromEnvironment;
}

Result<std::unique_ptr<DistributedStorage>>
DistributedStorage::open(const KafkaSettings &kafka, const PostgresLocation &postgres,
                         PostgresDatabase::Access access)
{
    std::unique_ptr<DistributedStorage> storage(new DistributedStorage());
    storage->m_readOnly = access == PostgresDatabase::Access::ReadOnly;
    storage->m_kafka = kafka;
    if (Status opened = storage->m_database.open(postgres, access); !opened.ok())
        return opened.error();
    storage->m_projector = std::make_unique<PostgresProjector>(storage->m_database);
    storage->m_projector->notePlacesEvery(kafka.checkpointEvery());
    storage->m_reader = std::make_unique<PostgresProjectionReader>(storage->m_database);
    if (!storage->m_readOnly) {
        if (Status seeded = storage->m_projector->seedCurrencies(); !seeded.ok())
            return seeded.error();
    }
    if (Status created = kafka::ensureTopics(kafka); !created.ok())
        return created.error();
    Result<std::unique_ptr<KafkaEventLog>> log =
        KafkaEventLog::open(kafka, writerId(kafka), KafkaEventLog::WriterMode::Shared);
    if (!log.ok())
        return log.error();
    storage->m_log = std::move(log.value());
    storage->m_snapshots = std::make_unique<PostgresSnapshotStore>(
        storage->m_database, *storage->m_log, storage->m_readOnly);
    DistributedStorage *self = storage.get();
    storage->m_log->setPlaceLookup([self, warned = false](qint64 atOrBefore) mutable {
        // Only a shortcut: without one (an older schema, a table it may not read) the read
        // starts further back. On the storage's thread, as every read of its log.
        Result<std::optional<ReadPoint>> place =
            PostgresLogPlaces(self->m_database).atOrBefore(atOrBefore);
        if (!place.ok()) {
            if (!std::exchange(warned, true))
                qWarning("No place in the log from PostgreSQL: %s",
                         qPrintable(place.error().message));
            return std::optional<ReadPoint>();
        }
        return place.value();
    });
    storage->m_log->setAfterCommitHook([self] {
        // Best effort: a failure here leaves the projections behind, never wrong.
        if (Result<qint64> done = self->catchUpProjections(); !done.ok())
            qWarning("Projections are behind the log: %s", qPrintable(done.error().message));
    });
    // The projections are not caught up here: a caller that folds the log from its start does
    // it first (LedgerService::open), since a catch-up that read the log to its end first would
    // leave its early events to be read from the topics a second time (KafkaEventLog keeps
    // only the newest). billing-cli's queries and serve catch up when they start; a desk, as
    // it follows the log.
    return storage;
}

Result<qint64> DistributedStorage::catchUpProjections(const std::function<bool(qint64)> &progress)
{
    // A reader writes nothing: the projections stand where the writers brought them.
    if (m_readOnly)
        return m_reader->checkpoint();
    if (Status started = startAtProjections(); !started.ok())
        return started.error();
    return m_projector->catchUp(*m_log, 2000, progress);
}

Status DistributedStorage::startAtProjections()
{
    // A log that has read nothing yet (a query of billing-cli, a serve as it starts) reads
    // only what came after the projections: from their checkpoint's offsets, not from the
    // beginning of every partition (7 s on a log of 418,000 events, for an `account get`).
    if (!m_log->untouched())
        return Done{};
    const Result<std::optional<ReadPoint>> point = m_projector->resumePoint();
    if (!point.ok())
        return point.error();
    if (point.value())
        m_log->startAfter(*point.value());
    return Done{};
}

Result<CommandBus *> DistributedStorage::commandBus()
{
    if (m_client)
        return static_cast<CommandBus *>(m_client.get());
    Result<std::unique_ptr<KafkaCommandClient>> client = KafkaCommandClient::open(m_kafka);
    if (!client.ok())
        return client.error();
    m_client = std::move(client.value());
    m_client->setAfterOutcomesHook([this](qint64 lastPosition) { awaitProjections(lastPosition); });
    return static_cast<CommandBus *>(m_client.get());
}

Result<qint64> DistributedStorage::projectCommitted(const QList<EventEnvelope> &committed,
                                                    const SourceRecords &records, qint64 budgetMs)
{
    const Result<qint64> at = m_projector->checkpoint();
    if (at.ok() && !committed.isEmpty() && at.value() + 1 >= committed.first().position)
        return m_projector->applyBatch(committed, records);
    // Behind (a batch whose projection failed, another writer's events): from the log.
    QElapsedTimer spent;
    spent.start();
    return catchUpProjections([&spent, budgetMs](qint64) { return spent.elapsed() < budgetMs; });
}

void DistributedStorage::awaitProjections(qint64 position)
{
    // The decision maker projects right after its commit; a client that projected too only
    // queued behind it on the checkpoint row (docs/distributed.md, "Speed").
    const QDeadlineTimer deadline(projectionWaitMs());
    for (;;) {
        const Result<qint64> at = m_projector->checkpoint();
        if (at.ok() && at.value() >= position)
            return;
        if (deadline.hasExpired())
            break;
        QThread::msleep(2);
    }
    // The decision maker stopped between its commit and its projection, or is far behind: the
    // events are in the log (a commit is acknowledged before every partition's marker is
    // written, so they may need a moment to become readable), and this client projects them.
    const QDeadlineTimer readable(10000);
    if (Status started = startAtProjections(); !started.ok())
        qWarning("Projections are behind the log: %s", qPrintable(started.error().message));
    for (Result<qint64> last = m_log->lastPosition();
         last.ok() && last.value() < position && !readable.hasExpired();
         last = m_log->lastPosition())
        QThread::msleep(20);
    if (Result<qint64> done = catchUpProjections(); !done.ok())
        qWarning("Projections are behind the log: %s", qPrintable(done.error().message));
}

Status DistributedStorage::resetProjections()
{
    if (m_readOnly)
        return Error{reason::readOnly,
                     QStringLiteral("a read-only connection cannot rebuild the projections"),
                     {}};
    return m_projector->reset();
}

} // namespace billing
