#include "EventSearchIndexer.h"

#include "infrastructure/EventSearchIndex.h"
#include "infrastructure/SqliteDatabase.h"

#include <QThread>

namespace billing::ui {

EventSearchIndexer::EventSearchIndexer(QString storePath, QObject *parent)
    : QObject(parent)
    , m_storePath(std::move(storePath))
{}

EventSearchIndexer::~EventSearchIndexer()
{
    if (!m_thread)
        return;
    m_stopping = true;
    m_thread->wait();
    delete m_thread;
}

void EventSearchIndexer::start()
{
    if (m_thread)
        return;
    m_thread = QThread::create([this] { follow(); });
    m_thread->setObjectName(QStringLiteral("search index"));
    m_thread->start(QThread::LowPriority);
}

void EventSearchIndexer::follow()
{
    SqliteDatabase ledger;
    // Relaxed: this connection writes only the index, a cache.
    Status opened = ledger.open(m_storePath, SqliteDatabase::Durability::Relaxed);
    if (opened.ok())
        opened = EventSearchIndex::attach(ledger.connection(),
                                          EventSearchIndex::pathForStore(m_storePath));
    if (!opened.ok()) {
        Q_EMIT failed(opened.error().message);
        return;
    }
    const auto keepGoing = [this](const EventSearchIndex::Progress &progress) {
        Q_EMIT progressed(progress.indexed, progress.logged);
        return !m_stopping.load();
    };
    while (!m_stopping.load()) {
        const Result<EventSearchIndex::Progress> caughtUp =
            EventSearchIndex::catchUp(ledger.connection(), keepGoing);
        if (!caughtUp.ok()) {
            Q_EMIT failed(caughtUp.error().message);
            return;
        }
        Q_EMIT progressed(caughtUp.value().indexed, caughtUp.value().logged);
        for (int waited = 0; waited < followIntervalMs && !m_stopping.load(); waited += 100)
            QThread::msleep(100);
    }
}

} // namespace billing::ui
