#include "FoldPipeline.h"

#include "domain/LedgerState.h"
#include "domain/ReasonCode.h"

#include <thread>

namespace billing {

FoldPipeline::FoldPipeline(LedgerState &state)
    : m_state(state)
{}

Status FoldPipeline::run(const Reader &readRows)
{
    BILLING_ASSERT(m_batches.empty());
    m_batches.resize(std::size_t(batchesMax));
    for (Batch &batch : m_batches)
        batch.rows.resize(std::size_t(batchRows));
    m_submitted = 0;
    m_applied = 0;
    m_readingDone = false;
    m_applyingStopped = false;
    Status read = Done{};
    std::thread reader([&] {
        read = readRows(*this);
        // What was read before the end (or a failure) is applied all the same.
        const std::lock_guard lock(m_mutex);
        if (filling().count > 0)
            ++m_submitted;
        m_readingDone = true;
        m_batchReady.notify_one();
    });
    try {
        applyBatches();
    } catch (...) {
        {
            const std::lock_guard lock(m_mutex);
            m_applyingStopped = true;
            m_batchFree.notify_one();
        }
        reader.join();
        m_batches.clear();
        throw;
    }
    reader.join();
    BILLING_ASSERT(m_applied == m_submitted);
    m_batches.clear();
    return read;
}

Status FoldPipeline::add(QByteArrayView body)
{
    Batch &batch = filling();
    BILLING_ASSERT(batch.count < batchRows);
    if (Status read = batch.rows[std::size_t(batch.count)].read(body); !read.ok())
        return read;
    if (++batch.count == batchRows)
        return submit();
    return Done{};
}

// Hands the batch being filled to the applying thread and waits until the next one in the ring
// has been applied and may be filled again.
Status FoldPipeline::submit()
{
    std::unique_lock lock(m_mutex);
    ++m_submitted;
    m_batchReady.notify_one();
    m_batchFree.wait(lock,
                     [this] { return m_applyingStopped || m_submitted - m_applied < batchesMax; });
    if (m_applyingStopped)
        return Error{reason::storageFailure, QStringLiteral("the fold stopped"), {}};
    BILLING_ASSERT(m_submitted - m_applied >= 0 && m_submitted - m_applied < batchesMax);
    filling().count = 0;
    return Done{};
}

void FoldPipeline::applyBatches()
{
    for (;;) {
        std::unique_lock lock(m_mutex);
        m_batchReady.wait(lock, [this] { return m_applied < m_submitted || m_readingDone; });
        if (m_applied == m_submitted)
            return; // the reading is done, and nothing is left
        const Batch &batch = m_batches[std::size_t(m_applied % batchesMax)];
        lock.unlock();
        // The reading thread does not touch this batch until m_applied moves past it.
        for (qsizetype at = 0; at < batch.count; ++at)
            batch.rows[std::size_t(at)].applyTo(m_state);
        lock.lock();
        ++m_applied;
        // The reading thread is faster and waits with the ring full: waking it once the ring
        // is half empty, not after each batch, halves the wake-ups (each a system call here).
        if (m_submitted - m_applied == batchesMax / 2)
            m_batchFree.notify_one();
    }
}

} // namespace billing
