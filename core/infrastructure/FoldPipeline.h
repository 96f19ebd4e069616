#pragma once

#include "FoldRow.h"

#include <QtGlobal>

#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

namespace billing {

class LedgerState;

// Reads rows on a second thread while the caller's applies them, so that stepping SQLite and
// parsing JSON take one core and applying takes the other. Rows go over in batches through a
// ring of a few, and are applied in the order they were added: the state is exactly what
// reading and applying them one by one would give. The state is built on the caller's thread,
// as any other change to it is, so its memory comes from the caller's allocator arena (with
// glibc, a second thread's allocations go to an arena of their own, which does not reuse what
// the first freed).
class FoldPipeline
{
public:
    explicit FoldPipeline(LedgerState &state);
    Q_DISABLE_COPY_MOVE(FoldPipeline)
    ~FoldPipeline() = default;

    // Runs `readRows` on a thread of its own, where it add()s rows in log order, and applies
    // them here. Returns once all it added are applied: readRows's failure, or Done. Should
    // applying throw (a broken invariant under an InvariantAudit), the reading is stopped and
    // joined before the exception goes on.
    using Reader = std::function<Status(FoldPipeline &pipeline)>;
    Status run(const Reader &readRows);

    // For readRows: reads the row into the next free place, waiting while every batch waits
    // to be applied. A row that cannot be read is not added, and the error is returned; so is
    // one once applying has stopped.
    Status add(QByteArrayView body);

private:
    struct Batch
    {
        std::vector<FoldRow> rows;
        qsizetype count = 0;
    };

    // Enough rows per hand-over that the locking is noise, few enough that the rows in flight
    // (about 0.5 MB) are still in the cache when the other thread gets to them.
    static constexpr qsizetype batchRows = 64;
    static constexpr qint64 batchesMax = 4;

    Batch &filling() { return m_batches[std::size_t(m_submitted % batchesMax)]; }
    Status submit();
    void applyBatches();

    LedgerState &m_state;
    std::vector<Batch> m_batches; // the ring
    std::mutex m_mutex;
    std::condition_variable m_batchReady; // the applying thread waits on it
    std::condition_variable m_batchFree;  // the reading thread waits on it
    qint64 m_submitted = 0;               // batches handed to the applying thread
    qint64 m_applied = 0;                 // of those, the ones it has applied
    bool m_readingDone = false;
    bool m_applyingStopped = false;
};

} // namespace billing
