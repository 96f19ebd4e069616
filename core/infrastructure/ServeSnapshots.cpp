#include "ServeSnapshots.h"

#include "PostgresDatabase.h"
#include "PostgresSnapshotStore.h"

namespace billing {

ServeSnapshots::ServeSnapshots(PostgresLocation location, qint64 every)
    : m_location(std::move(location))
    , m_every(every)
    , m_thread([this] { run(); })
{}

ServeSnapshots::~ServeSnapshots()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

void ServeSnapshots::offer(const LedgerState &state, const KafkaEventLog &log,
                           const EventEnvelope &last)
{
    if (m_every <= 0 || m_busy.load() || state.position() - m_newest.load() < m_every)
        return;
    BILLING_ASSERT(last.position == state.position());
    // Strictly before, as PostgresSnapshotStore::save() anchors it: opening checks the topics
    // from there up to the snapshot's event.
    std::optional<ReadPoint> from = log.readPointAtOrBefore(state.position() - 1);
    if (!from)
        return;
    m_busy = true;
    {
        const std::lock_guard lock(m_mutex);
        m_pending = Pending{state, std::move(*from), last.hash};
    }
    m_wake.notify_one();
}

void ServeSnapshots::run()
{
    PostgresDatabase database;
    if (Status opened = database.open(m_location); !opened.ok()) {
        qWarning("The serve saves no snapshots: %s", qPrintable(opened.error().message));
        return; // busy for good: nothing is offered
    }
    const Result<qint64> newest = PostgresSnapshotStore::newestPosition(database);
    if (!newest.ok()) {
        qWarning("The serve saves no snapshots: %s", qPrintable(newest.error().message));
        return;
    }
    m_newest = newest.value();
    m_busy = false;
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stopping || m_pending; });
        if (m_stopping)
            return; // a stop is not held up by a save that has not begun
        const Pending pending = std::move(*m_pending);
        m_pending.reset();
        lock.unlock();
        // Only a cache: a failure costs the next reader time, never a wrong answer.
        if (Status saved = PostgresSnapshotStore::write(database, pending.state, pending.from,
                                                        pending.eventHash);
            !saved.ok())
            qWarning("Snapshot not saved: %s", qPrintable(saved.error().message));
        else
            ++m_saved;
        m_newest = pending.state.position();
        m_busy = false;
        lock.lock();
    }
}

} // namespace billing
