#include "ServeRole.h"

#include "KafkaCommandServer.h"
#include "PostgresSnapshotStore.h"
#include "ServeSnapshots.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

namespace billing {
namespace {

// A few seconds at most per catch-up from the log, so that a stop is not held up for long.
constexpr qint64 projectionBudgetMs = 2000;
// While no batch comes, how often the projections are compared with the log.
constexpr int idleCheckMs = 1000;
// Events waiting for the projector beyond this are dropped from memory: the projector then
// finds its checkpoint behind and reads them from the log instead.
constexpr qsizetype queuedEventsMax = 200000;

// The events the decision maker committed, in order, with where the broker put each, on their
// way to the projector. The decision maker's thread pushes, the storage's thread takes:
// projecting the last batch while the next one is decided and committed, instead of one after
// the other.
class CommittedEvents
{
public:
    void push(const QList<EventEnvelope> &events, const SourceRecords &records)
    {
        const std::lock_guard lock(m_mutex);
        if (m_queued + events.size() > queuedEventsMax) {
            m_batches.clear();
            m_records.clear();
            m_queued = 0;
        }
        m_batches.push_back(events);
        m_records.insert(records);
        m_queued += events.size();
        m_last = events.last().position;
        m_changed.notify_one();
    }
    void finish()
    {
        const std::lock_guard lock(m_mutex);
        m_finished = true;
        m_changed.notify_one();
    }
    // Everything queued, as one run (empty after `timeoutMs` without any); false once finished
    // and drained.
    bool take(QList<EventEnvelope> &run, SourceRecords &records, qint64 &lastCommitted,
              int timeoutMs)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait_for(lock, std::chrono::milliseconds(timeoutMs),
                           [this] { return !m_batches.empty() || m_finished; });
        run.clear();
        for (QList<EventEnvelope> &batch : m_batches)
            run += std::move(batch);
        m_batches.clear();
        records = std::exchange(m_records, {});
        m_queued = 0;
        lastCommitted = m_last;
        return !(m_finished && run.isEmpty());
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<QList<EventEnvelope>> m_batches;
    SourceRecords m_records; // of the events in m_batches
    qsizetype m_queued = 0;
    qint64 m_last = 0;
    bool m_finished = false;
};

} // namespace

qint64 holdServeRole(DistributedStorage &storage, const std::atomic<bool> &stop,
                     std::function<void(const QJsonObject &)> report, qint64 snapshotEvery)
{
    // Declared before the server, so that it outlives the deciding thread that offers to it.
    std::optional<ServeSnapshots> saving;
    if (snapshotEvery > 0)
        saving.emplace(storage.postgres(), snapshotEvery);
    KafkaCommandServer server(storage.kafka(), DistributedStorage::writerId(storage.kafka()));
    server.setReportHook(std::move(report));
    if (saving) {
        server.setStateCommittedHook(
            [&saving](const LedgerState &state, const KafkaEventLog &log,
                      const EventEnvelope &last) { saving->offer(state, log, last); });
    }
    // A standby starts from the newest snapshot, read on the deciding thread with a connection
    // of its own (the storage's belongs to this thread): a serve that starts on a long log
    // then reads only what came after it.
    server.setSnapshotLoader([location = storage.postgres()](KafkaEventLog &log) {
        std::optional<LedgerState> loaded;
        PostgresDatabase database;
        if (Status opened = database.open(location, PostgresDatabase::Access::ReadOnly);
            !opened.ok()) {
            qWarning("No snapshot for the standby: %s", qPrintable(opened.error().message));
            return loaded;
        }
        PostgresSnapshotStore snapshots(database, log, true);
        Result<std::optional<LedgerState>> found = snapshots.load(0);
        if (!found.ok())
            qWarning("No snapshot for the standby: %s", qPrintable(found.error().message));
        else
            loaded = std::move(found.value());
        return loaded;
    });
    CommittedEvents committed;
    server.setAfterCommitHook(
        [&committed](const QList<EventEnvelope> &events, const SourceRecords &records) {
            if (!events.isEmpty())
                committed.push(events, records);
        });
    // The decision maker on a thread of its own; this thread keeps the storage's PostgreSQL
    // connection, which belongs to it, and projects.
    std::thread deciding([&server, &stop, &committed] {
        server.run(stop);
        committed.finish();
    });
    QList<EventEnvelope> run;
    SourceRecords records;
    qint64 lastCommitted = 0;
    while (committed.take(run, records, lastCommitted, idleCheckMs)) {
        if (run.isEmpty()) {
            // Idle: only when the projections are behind what this holder committed (reading
            // the log again just to find nothing new cost a second read of every event).
            const Result<qint64> at = storage.projections().checkpoint();
            if (lastCommitted == 0 || (at.ok() && at.value() >= lastCommitted))
                continue;
        }
        // Left behind, the projections are behind, never wrong; the next run finishes the job.
        if (const Result<qint64> done = storage.projectCommitted(run, records, projectionBudgetMs);
            !done.ok())
            qWarning("Projections are behind the log: %s", qPrintable(done.error().message));
    }
    deciding.join();
    return server.commandsDecided();
}

} // namespace billing
