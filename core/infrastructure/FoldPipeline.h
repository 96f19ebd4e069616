#pragma once

#include "FoldRow.h"

#include <QtGlobal>

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace billing {

class LedgerState;

// Folds rows into a LedgerState on a second thread while the caller reads the next ones, so
// that stepping SQLite and parsing JSON take one core and applying takes the other. Rows go
// over in batches through a ring of a few, and the one applying thread takes them in the order
// they were added: the state is exactly what applying them on the caller's thread would give.
// From the first add() until finish() the state belongs to the pipeline. A fold shorter than a
// batch starts no thread at all and is applied on the caller's.
class FoldPipeline
{
public:
    explicit FoldPipeline(LedgerState &state);
    Q_DISABLE_COPY_MOVE(FoldPipeline)
    // Finishes: whatever was added is applied, also when the caller returns early.
    ~FoldPipeline();

    // Reads the row into the next free place; blocks while every batch waits to be applied.
    // A row that cannot be read is not added, and the error is returned.
    Status add(QByteArrayView body);
    // Applies every row added so far and waits for it; the state is the caller's again.
    void finish();

private:
    struct Batch
    {
        std::vector<FoldRow> rows;
        qsizetype count = 0;
    };

    // Enough rows per hand-over that the locking is noise, few enough batches that the rows in
    // flight stay a couple of megabytes (see the bench's peak RSS).
    static constexpr qsizetype batchRows = 256;
    static constexpr qint64 batchesMax = 4;

    Batch &filling() { return m_batches[std::size_t(m_submitted % batchesMax)]; }
    void submit();
    void applyBatches();

    LedgerState &m_state;
    std::vector<Batch> m_batches; // the ring, allocated by the first add()
    std::mutex m_mutex;
    std::condition_variable m_batchReady; // the applying thread waits on it
    std::condition_variable m_batchFree;  // the reading thread waits on it
    qint64 m_submitted = 0;               // batches handed to the applying thread
    qint64 m_applied = 0;                 // of those, the ones it has applied
    bool m_finishing = false;
    std::thread m_applier;
};

} // namespace billing
