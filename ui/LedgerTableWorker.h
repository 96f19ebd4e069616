#pragma once

#include "application/TableReader.h"
#include "infrastructure/StoreLocation.h"

#include <QObject>

#include <atomic>
#include <limits>
#include <memory>

class QTimer;

namespace billing::ui {

// Runs a table's queries on its own thread, over its own connection to the projections (the
// ledger file, or PostgreSQL in the distributed mode), so that the desk's UI thread never waits
// on a database. It also polls the projections' position and says when it moved; the model then
// refreshes what it shows.
class LedgerTableWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LedgerTableWorker)

public:
    // Live updates must show within 100 ms; the poll is one indexed read.
    static constexpr int pollIntervalMs = 40;
    // On a server shared by many desks a poll is a round trip: five a second are enough for
    // "within about a second".
    static constexpr int serverPollIntervalMs = 200;
    // A desk opening a fresh PostgreSQL database migrates it on the ledger's thread while the
    // tables open theirs: a table waits for the schema this long before it gives up.
    static constexpr int serverOpenAttemptsMax = 30;
    static constexpr int serverOpenRetryMs = 1000;

    // `latestGeneration` is the model's current query generation: requests older than it are
    // skipped, so that a burst of sorts or filters runs one query, not all of them.
    explicit LedgerTableWorker(std::shared_ptr<const std::atomic<quint64>> latestGeneration);
    ~LedgerTableWorker() override;

public Q_SLOTS:
    void open(const billing::StoreLocation &location);
    void fetch(const billing::TableQuery &query);

Q_SIGNALS:
    void pageReady(const billing::TablePage &page);
    void ledgerMoved(const billing::LedgerMark &mark);
    void failed(const QString &message);
    // A page that could not be read (after failed): the model asks for it again later.
    void pageFailed(quint64 generation, qint64 offset);

private:
    void poll();
    void tryOpen();

    std::shared_ptr<const std::atomic<quint64>> m_latestGeneration;
    std::unique_ptr<TableReader> m_reader;
    StoreLocation m_location;
    int m_openAttempts = 0;
    QTimer *m_pollTimer = nullptr;
    LedgerMark m_mark;
    // Queries that arrived before the reader was open (a server still being set up): run
    // once it is.
    QList<TableQuery> m_beforeOpen;
    // The generation of the read under way; the maximum while none is, so polls run to the end.
    quint64 m_readingGeneration = std::numeric_limits<quint64>::max();
};

} // namespace billing::ui
