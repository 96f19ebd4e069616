#include "ServeSnapshots.h"

#include "PostgresDatabase.h"
#include "PostgresSnapshotStore.h"

#include <algorithm>
#include <chrono>
#include <utility>

namespace billing {
namespace {

// While PostgreSQL cannot be reached, how often the saving thread tries again.
constexpr auto reconnectEvery = std::chrono::seconds(30);

} // namespace

ServeSnapshots::ServeSnapshots(PostgresLocation location, qint64 every)
    : m_location(std::move(location))
    , m_every(every)
    , m_thread([this] { run(); })
{
    BILLING_ASSERT(every > 0);
}

ServeSnapshots::~ServeSnapshots()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

bool ServeSnapshots::due(qint64 position) const
{
    const qint64 newest = m_newest.load();
    return position - newest >= std::max(m_every, newest / 4);
}

void ServeSnapshots::offer(const LedgerState &state, const KafkaEventLog &log,
                           const EventEnvelope &last)
{
    if (m_busy.load() || !due(state.position()))
        return;
    BILLING_ASSERT(last.position == state.position());
    // Strictly before, as PostgresSnapshotStore::save() anchors it: opening checks the topics
    // from there up to the snapshot's event.
    std::optional<ReadPoint> from = log.readPointAtOrBefore(state.position() - 1);
    if (!from)
        return;
    m_busy = true;
    Pending pending{state, std::move(*from), last.hash};
    {
        const std::lock_guard lock(m_mutex);
        m_pending = std::move(pending);
    }
    m_wake.notify_one();
}

void ServeSnapshots::run()
{
    PostgresDatabase database;
    bool open = false;
    bool warned = false;
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        if (!open) {
            lock.unlock();
            const Status opened = database.open(m_location);
            const Result<qint64> newest = opened.ok()
                                              ? PostgresSnapshotStore::newestPosition(database)
                                              : Result<qint64>(opened.error());
            lock.lock();
            if (newest.ok()) {
                open = true;
                m_newest = newest.value();
                m_busy = false;
            } else {
                database.close();
                if (!std::exchange(warned, true))
                    qWarning("The serve saves no snapshots for now: %s",
                             qPrintable(newest.error().message));
                m_wake.wait_for(lock, reconnectEvery, [this] { return m_stopping; });
                continue;
            }
        }
        m_wake.wait(lock, [this] { return m_stopping || m_pending; });
        if (m_stopping)
            return; // a stop is not held up by a save that has not begun
        const Pending pending = std::move(*m_pending);
        m_pending.reset();
        lock.unlock();
        // Someone else (a desk, `balances`, the serve held the role before this one) may have
        // saved one since; only a cache: a failure costs the next reader time, never a wrong
        // answer.
        if (const Result<qint64> newest = PostgresSnapshotStore::newestPosition(database);
            newest.ok())
            m_newest = std::max(m_newest.load(), newest.value());
        if (due(pending.state.position())) {
            if (Status saved = PostgresSnapshotStore::write(database, pending.state, pending.from,
                                                            pending.eventHash);
                !saved.ok())
                qWarning("Snapshot not saved: %s", qPrintable(saved.error().message));
            m_newest = std::max(m_newest.load(), pending.state.position());
        }
        m_busy = false;
        lock.lock();
    }
}

} // namespace billing
