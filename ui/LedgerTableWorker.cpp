#include "LedgerTableWorker.h"

#include "infrastructure/SqliteTableReader.h"

#include <QTimer>

#include <limits>

namespace billing::ui {

LedgerTableWorker::LedgerTableWorker(std::shared_ptr<const std::atomic<quint64>> latestGeneration)
    : m_latestGeneration(std::move(latestGeneration))
{}

LedgerTableWorker::~LedgerTableWorker() = default;

void LedgerTableWorker::open(const QString &path)
{
    BILLING_ASSERT(!m_reader);
    // Relaxed: this connection only reads, so its commits never need an fsync.
    if (Status opened = m_database.open(path, SqliteDatabase::Durability::Relaxed); !opened.ok()) {
        Q_EMIT failed(opened.error().message);
        return;
    }
    m_reader = std::make_unique<SqliteTableReader>(m_database);
    // A read that a newer query replaced stops where it is (polls are never cancelled).
    m_reader->setCancelCheck([this] { return m_readingGeneration < m_latestGeneration->load(); });
    m_pollTimer = new QTimer(this);
    m_pollTimer->setInterval(pollIntervalMs);
    connect(m_pollTimer, &QTimer::timeout, this, &LedgerTableWorker::poll);
    m_pollTimer->start();
    poll();
}

void LedgerTableWorker::fetch(const TableQuery &query)
{
    if (!m_reader || query.generation < m_latestGeneration->load())
        return;
    m_readingGeneration = query.generation;
    const Result<TablePage> page = m_reader->read(query);
    m_readingGeneration = std::numeric_limits<quint64>::max();
    if (!page.ok()) {
        if (query.generation < m_latestGeneration->load())
            return; // cancelled: a newer query is on its way
        Q_EMIT failed(page.error().message);
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
