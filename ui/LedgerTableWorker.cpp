#include "LedgerTableWorker.h"

#include <QTimer>

#include <limits>
#include <utility>

namespace billing::ui {

LedgerTableWorker::LedgerTableWorker(std::shared_ptr<const std::atomic<quint64>> latestGeneration)
    : m_latestGeneration(std::move(latestGeneration))
{}

LedgerTableWorker::~LedgerTableWorker() = default;

void LedgerTableWorker::open(const StoreLocation &location)
{
    BILLING_ASSERT(!m_reader && m_openAttempts == 0);
    m_location = location;
    tryOpen();
}

void LedgerTableWorker::tryOpen()
{
    ++m_openAttempts;
    // A table only reads: on PostgreSQL its connection may write nothing and never migrates.
    Result<std::unique_ptr<TableReader>> reader =
        openTableReader(m_location, StorageAccess::ReadOnly);
    const bool server = m_location.kind != StoreLocation::Kind::Sqlite;
    if (!reader.ok()) {
        if (server && m_openAttempts < serverOpenAttemptsMax)
            QTimer::singleShot(serverOpenRetryMs, this, &LedgerTableWorker::tryOpen);
        else
            Q_EMIT failed(reader.error().message);
        return;
    }
    m_reader = std::move(reader.value());
    // A read that a newer query replaced stops where it is (polls are never cancelled).
    m_reader->setCancelCheck([this] { return m_readingGeneration < m_latestGeneration->load(); });
    m_pollTimer = new QTimer(this);
    m_pollTimer->setInterval(server ? serverPollIntervalMs : pollIntervalMs);
    connect(m_pollTimer, &QTimer::timeout, this, &LedgerTableWorker::poll);
    m_pollTimer->start();
    poll();
    for (const TableQuery &query : std::exchange(m_beforeOpen, {}))
        fetch(query);
}

void LedgerTableWorker::fetch(const TableQuery &query)
{
    if (query.generation < m_latestGeneration->load())
        return;
    if (!m_reader) {
        m_beforeOpen.append(query);
        return;
    }
    m_readingGeneration = query.generation;
    const Result<TablePage> page = m_reader->read(query);
    m_readingGeneration = std::numeric_limits<quint64>::max();
    if (!page.ok()) {
        if (query.generation < m_latestGeneration->load())
            return; // cancelled: a newer query is on its way
        Q_EMIT failed(page.error().message);
        Q_EMIT pageFailed(query.generation, query.offset);
        return;
    }
    Q_EMIT pageReady(page.value());
}

void LedgerTableWorker::poll()
{
    const Result<LedgerMark> mark = m_reader->mark();
    if (!mark.ok()) {
        Q_EMIT failed(mark.error().message);
        return;
    }
    if (mark.value() == m_mark)
        return;
    m_mark = mark.value();
    Q_EMIT ledgerMoved(m_mark);
}

} // namespace billing::ui
