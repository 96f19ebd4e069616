#include "FoldPipeline.h"

#include "domain/LedgerState.h"

namespace billing {

FoldPipeline::FoldPipeline(LedgerState &state)
    : m_state(state)
{}

FoldPipeline::~FoldPipeline()
{
    finish();
}

Status FoldPipeline::add(QByteArrayView body)
{
    if (m_batches.empty()) {
        m_batches.resize(std::size_t(batchesMax));
        for (Batch &batch : m_batches)
            batch.rows.resize(std::size_t(batchRows));
    }
    Batch &batch = filling();
    BILLING_ASSERT(batch.count < batchRows);
    if (Status read = batch.rows[std::size_t(batch.count)].read(body); !read.ok())
        return read;
    if (++batch.count == batchRows)
        submit();
    return Done{};
}

// Hands the batch being filled to the applying thread, started by the first full batch, and
// waits until the next one in the ring has been applied and may be filled again.
void FoldPipeline::submit()
{
    if (!m_applier.joinable())
        m_applier = std::thread([this] { applyBatches(); });
    std::unique_lock lock(m_mutex);
    ++m_submitted;
    m_batchReady.notify_one();
    m_batchFree.wait(lock, [this] { return m_submitted - m_applied < batchesMax; });
    BILLING_ASSERT(m_submitted - m_applied >= 0 && m_submitted - m_applied < batchesMax);
    filling().count = 0;
}

void FoldPipeline::finish()
{
    if (m_batches.empty())
        return;
    Batch &last = filling();
    if (!m_applier.joinable()) {
        // Shorter than a batch: not worth a thread.
        for (qsizetype at = 0; at < last.count; ++at)
            last.rows[std::size_t(at)].applyTo(m_state);
    } else {
        {
            const std::lock_guard lock(m_mutex);
            if (last.count > 0)
                ++m_submitted;
            m_finishing = true;
            m_batchReady.notify_one();
        }
        m_applier.join();
        BILLING_ASSERT(m_applied == m_submitted);
    }
    m_batches.clear();
    m_submitted = 0;
    m_applied = 0;
    m_finishing = false;
}

void FoldPipeline::applyBatches()
{
    for (;;) {
        std::unique_lock lock(m_mutex);
        m_batchReady.wait(lock, [this] { return m_applied < m_submitted || m_finishing; });
        if (m_applied == m_submitted)
            return; // finishing, and nothing is left
        const Batch &batch = m_batches[std::size_t(m_applied % batchesMax)];
        lock.unlock();
        // The reading thread does not touch this batch until m_applied moves past it.
        for (qsizetype at = 0; at < batch.count; ++at)
            batch.rows[std::size_t(at)].applyTo(m_state);
        lock.lock();
        ++m_applied;
        m_batchFree.notify_one();
    }
}

} // namespace billing
