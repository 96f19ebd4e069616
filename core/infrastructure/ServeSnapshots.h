#pragma once

#include "KafkaEventLog.h"
#include "PostgresLocation.h"
#include "domain/LedgerState.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

namespace billing {

// Snapshots that a serve saves of the state it decides on, so that the next serve, desk or
// `balances` on a long log starts from a recent one where no desk runs to save them. The
// deciding thread only copies the state, with the place in the log before it (about 80 ms at
// 100,000 accounts and a million events; encoding it would take five times that); a thread of
// this object's own encodes and saves it with a PostgreSQL connection of its own, one at a
// time. A state is taken once `every` events, and a quarter of the log, came after the newest
// snapshot (a snapshot grows with the log: so the bytes saved per event stay the same); one
// offered while another is saved, or before the newest snapshot's position is known, is not.
class ServeSnapshots
{
public:
    ServeSnapshots(PostgresLocation location, qint64 every);
    // Waits for a save under way; one not begun is dropped.
    ~ServeSnapshots();
    ServeSnapshots(const ServeSnapshots &) = delete;
    ServeSnapshots &operator=(const ServeSnapshots &) = delete;

    // On the deciding thread, after a commit whose last event is `last`.
    void offer(const LedgerState &state, const KafkaEventLog &log, const EventEnvelope &last);

private:
    struct Pending
    {
        LedgerState state;
        ReadPoint from;
        QString eventHash;
    };
    void run();
    bool due(qint64 position) const;

    PostgresLocation m_location;
    qint64 m_every;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<Pending> m_pending;
    bool m_stopping = false;
    std::atomic<bool> m_busy{true}; // until the newest snapshot's position is known
    std::atomic<qint64> m_newest{0};
    std::thread m_thread;
};

} // namespace billing
