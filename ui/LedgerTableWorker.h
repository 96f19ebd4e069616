#pragma once

#include "application/TableQuery.h"
#include "infrastructure/SqliteDatabase.h"

#include <QObject>

#include <atomic>
#include <limits>
#include <memory>

class QTimer;

namespace billing {
class SqliteTableReader;
}

namespace billing::ui {

// Runs a table's queries on its own thread, over its own connection to the ledger file, so
// that the desk's UI thread never waits on SQLite. It also polls the ledger's position and says
// when it moved; the model then refreshes what it shows.
class LedgerTableWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LedgerTableWorker)

public:
    // Live updates must show within 100 ms; the poll is one indexed read.
    static constexpr int pollIntervalMs = 40;

    // `latestGeneration` is the model's current query generation: requests older than it are
    // skipped, so that a burst of sorts or filters runs one query, not all of them.
    explicit LedgerTableWorker(std::shared_ptr<const std::atomic<quint64>> latestGeneration);
    ~LedgerTableWorker() override;

public Q_SLOTS:
    void open(const QString &path);
    void fetch(const billing::TableQuery &query);

Q_SIGNALS:
    void pageReady(const billing::TablePage &page);
    void ledgerMoved(const billing::LedgerMark &mark);
    void failed(const QString &message);

private:
    void poll();

    std::shared_ptr<const std::atomic<quint64>> m_latestGeneration;
    SqliteDatabase m_database;
    std::unique_ptr<SqliteTableReader> m_reader;
    QTimer *m_pollTimer = nullptr;
    LedgerMark m_mark;
    // The generation of the read under way; the maximum while none is, so polls run to the end.
    quint64 m_readingGeneration = std::numeric_limits<quint64>::max();
};

} // namespace billing::ui
