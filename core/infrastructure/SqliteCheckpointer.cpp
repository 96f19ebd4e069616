#include "SqliteCheckpointer.h"

#include "SqliteDatabase.h"

#include <QAtomicInteger>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <chrono>

namespace billing {

SqliteCheckpointer::SqliteCheckpointer(QString path, int intervalMs)
    : m_path(std::move(path))
    , m_intervalMs(intervalMs)
    , m_thread([this] { run(); })
{}

SqliteCheckpointer::~SqliteCheckpointer()
{
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void SqliteCheckpointer::run()
{
    static QAtomicInteger<quint64> counter;
    const QString name =
        QStringLiteral("billing-checkpointer-%1").arg(counter.fetchAndAddRelaxed(1));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_path);
        if (db.open()) {
            SqliteDatabase::retryWhenBusy(SqliteDatabase::handleOf(db), &busyBudgetMs);
            QSqlQuery checkpoint(db);
            std::unique_lock<std::mutex> lock(m_mutex);
            bool stopping = false;
            while (!stopping) {
                stopping = m_wake.wait_for(lock, std::chrono::milliseconds(m_intervalMs),
                                           [this] { return m_stopping; });
                lock.unlock();
                // A failure (say, the file is busy) only means the next round does the work.
                int frames = 0;
                if (checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")) &&
                    checkpoint.next())
                    frames = checkpoint.value(1).toInt();
                checkpoint.finish();
                if (frames > restartFrames) {
                    checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(RESTART)"));
                    checkpoint.finish();
                }
                lock.lock();
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace billing
