#include "SqliteCheckpointer.h"

#include "SqliteDatabase.h"

#include <QAtomicInteger>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <chrono>
#include <limits>

#ifdef Q_OS_LINUX
#include <map>
#include <mutex>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace billing {
namespace {

#ifdef Q_OS_LINUX
// A descriptor of the database file for sync_file_range, one per file, open for the life of
// the process. Closing any descriptor of a file drops every POSIX lock the process holds on
// it, SQLite's own included (SQLite closes its descriptors late for that reason): then another
// process that closes its last connection takes the file for its own, checkpoints it and
// deletes the WAL this process still commits to. So this one is never closed. While it is
// open its inode cannot be used again, so (device, inode) names one file.
int writeBackDescriptor(const QString &path)
{
    const QByteArray encoded = QFile::encodeName(path);
    struct stat named = {};
    if (::stat(encoded.constData(), &named) != 0)
        return -1;
    static std::mutex lock;
    static std::map<std::pair<dev_t, ino_t>, int> descriptors;
    const std::lock_guard<std::mutex> guard(lock);
    const std::pair<dev_t, ino_t> key{named.st_dev, named.st_ino};
    if (const auto found = descriptors.find(key); found != descriptors.end())
        return found->second;
    const int descriptor = ::open(encoded.constData(), O_RDONLY | O_CLOEXEC);
    if (descriptor >= 0)
        descriptors.emplace(key, descriptor);
    return descriptor;
}
#endif

} // namespace

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

bool SqliteCheckpointer::takeRestart()
{
    return m_restartDue.exchange(false, std::memory_order_relaxed);
}

SqliteCheckpointer::Frames SqliteCheckpointer::passive(QSqlQuery &checkpoint)
{
    // A failure (say, the file is busy) reads as nothing copied: the next round does the work.
    Frames frames;
    if (checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(PASSIVE)")) && checkpoint.next()) {
        frames.inLog = checkpoint.value(1).toInt();
        frames.copied = checkpoint.value(2).toInt();
    }
    checkpoint.finish();
    return frames;
}

void SqliteCheckpointer::startWriteBack()
{
    // The pages a pass copied go to the disk now, so that the fsync of the pass that reaches
    // the WAL's end finds little left to write (elsewhere that fsync writes them all). In
    // slices of the file, each waited for, so that the writer's own syncs get the disk between
    // them: the p99 of a command was a millisecond higher with one call for the whole file.
    // Not a sync: nothing here is made durable, SQLite's own fsync still does that.
#ifdef Q_OS_LINUX
    if (m_writeBackFile < 0)
        m_writeBackFile = writeBackDescriptor(m_path);
    if (m_writeBackFile >= 0) {
        const off_t size = ::lseek(m_writeBackFile, 0, SEEK_END);
        constexpr off_t slice = off_t(32) << 20;
        for (off_t at = 0; at < size; at += slice)
            ::sync_file_range(m_writeBackFile, at, slice,
                              SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
                                  SYNC_FILE_RANGE_WAIT_AFTER);
    }
#endif
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
            Frames before;
            while (!stopping) {
                stopping = m_wake.wait_for(lock, std::chrono::milliseconds(m_intervalMs),
                                           [this] { return m_stopping; });
                lock.unlock();
                Frames frames = passive(checkpoint);
                // Only a pass that copied something has pages to write out.
                if (frames.copied > 0 &&
                    (frames.copied != before.copied || frames.inLog != before.inLog))
                    startWriteBack();
                if (frames.inLog > restartFrames) {
                    // Each pass copies what the writer added during the one before, until
                    // that is a few frames, or no fewer than the pass before (a writer as
                    // fast as the passes: then the writer copies what is left).
                    int addedBefore = std::numeric_limits<int>::max();
                    for (int pass = 0; pass < catchUpPassesMax; ++pass) {
                        const Frames next = passive(checkpoint);
                        const bool startedOver = next.inLog < frames.inLog;
                        const int added = next.copied - frames.copied;
                        frames = next;
                        if (startedOver || added <= restartBacklogFrames || added >= addedBefore)
                            break;
                        addedBefore = added;
                        startWriteBack();
                    }
                    if (frames.inLog > forceRestartFrames) {
                        checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(RESTART)"));
                        checkpoint.finish();
                    } else if (frames.inLog > restartFrames) {
                        m_restartDue.store(true, std::memory_order_relaxed);
                    }
                }
                before = frames;
                lock.lock();
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    // m_writeBackFile stays open: see writeBackDescriptor().
}

} // namespace billing
