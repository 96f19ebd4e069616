// The VFS that writes a commit's WAL frames in one run (SqliteWalWrites.h): what it holds back
// is in the file before any other connection can ask for it, a write that fails fails the
// commit, and nothing is lost or reordered. The other side reads through the platform's own
// VFS, so it sees only what is in the file. Under the buffered VFS sits a watching one (the
// "platform" it forwards to) that can make WAL writes fail and checks, each time SQLite
// publishes a commit, that the WAL file holds every frame the WAL index names.
#include "infrastructure/SqliteDatabase.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <atomic>
#include <cstring>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/wait.h>
#include <unistd.h>
#endif

using namespace billing;

namespace {

// The platform's VFS with a watch on it; see the top of the file.
struct Watch
{
    std::atomic<bool> failWalWrites{false};
    std::atomic<int> published{0}; // commits published with frames in the WAL
    std::atomic<int> notInFile{0}; // of those, published before their frames were written
} g_watch;

sqlite3_vfs *g_platform = nullptr;
sqlite3_vfs g_watching;

struct WatchedFile
{
    sqlite3_file base;
    bool wal;
    volatile void *walIndex; // a database file's first shared-memory region
    char walPath[512];       // a database file's WAL
    sqlite3_file *real() { return reinterpret_cast<sqlite3_file *>(this + 1); }
};
static_assert(sizeof(WatchedFile) % 8 == 0, "the platform's file must stay aligned");

WatchedFile *watched(sqlite3_file *file)
{
    return reinterpret_cast<WatchedFile *>(file);
}

sqlite3_file *real(sqlite3_file *file)
{
    return watched(file)->real();
}

int wClose(sqlite3_file *f)
{
    return real(f)->pMethods->xClose(real(f));
}
int wRead(sqlite3_file *f, void *p, int n, sqlite3_int64 o)
{
    return real(f)->pMethods->xRead(real(f), p, n, o);
}
int wWrite(sqlite3_file *f, const void *p, int n, sqlite3_int64 o)
{
    if (watched(f)->wal && g_watch.failWalWrites)
        return SQLITE_IOERR_WRITE;
    return real(f)->pMethods->xWrite(real(f), p, n, o);
}
int wTruncate(sqlite3_file *f, sqlite3_int64 size)
{
    return real(f)->pMethods->xTruncate(real(f), size);
}
int wSync(sqlite3_file *f, int flags)
{
    return real(f)->pMethods->xSync(real(f), flags);
}
int wFileSize(sqlite3_file *f, sqlite3_int64 *size)
{
    return real(f)->pMethods->xFileSize(real(f), size);
}
int wLock(sqlite3_file *f, int level)
{
    return real(f)->pMethods->xLock(real(f), level);
}
int wUnlock(sqlite3_file *f, int level)
{
    return real(f)->pMethods->xUnlock(real(f), level);
}
int wCheckReservedLock(sqlite3_file *f, int *out)
{
    return real(f)->pMethods->xCheckReservedLock(real(f), out);
}
int wFileControl(sqlite3_file *f, int op, void *argument)
{
    return real(f)->pMethods->xFileControl(real(f), op, argument);
}
int wSectorSize(sqlite3_file *f)
{
    return real(f)->pMethods->xSectorSize(real(f));
}
int wDeviceCharacteristics(sqlite3_file *f)
{
    return real(f)->pMethods->xDeviceCharacteristics(real(f));
}
int wShmMap(sqlite3_file *f, int page, int size, int extend, void volatile **mapped)
{
    const int rc = real(f)->pMethods->xShmMap(real(f), page, size, extend, mapped);
    if (rc == SQLITE_OK && page == 0)
        watched(f)->walIndex = *mapped;
    return rc;
}
int wShmLock(sqlite3_file *f, int offset, int count, int flags)
{
    return real(f)->pMethods->xShmLock(real(f), offset, count, flags);
}
void wShmBarrier(sqlite3_file *f)
{
    // SQLite writes the second copy of the WAL index header, then this barrier, then the first
    // copy that readers accept it by: the frames it names must be in the file by now. The
    // header: szPage (u16, 1 for 65536) at byte 14, mxFrame (u32) at 16; the copy at byte 48.
    const WatchedFile *file = watched(f);
    if (file->walIndex) {
        const auto *header = static_cast<const volatile unsigned char *>(file->walIndex) + 48;
        quint16 pageField = 0;
        quint32 frames = 0;
        std::memcpy(&pageField, const_cast<const unsigned char *>(header) + 14, 2);
        std::memcpy(&frames, const_cast<const unsigned char *>(header) + 16, 4);
        const qint64 page = pageField == 1 ? 65536 : pageField;
        if (frames > 0) {
            ++g_watch.published;
            const qint64 needed = 32 + qint64(frames) * (24 + page);
            if (QFileInfo(QString::fromUtf8(file->walPath)).size() < needed)
                ++g_watch.notInFile;
        }
    }
    real(f)->pMethods->xShmBarrier(real(f));
}
int wShmUnmap(sqlite3_file *f, int deleteFlag)
{
    return real(f)->pMethods->xShmUnmap(real(f), deleteFlag);
}
int wFetch(sqlite3_file *f, sqlite3_int64 offset, int size, void **pages)
{
    return real(f)->pMethods->xFetch(real(f), offset, size, pages);
}
int wUnfetch(sqlite3_file *f, sqlite3_int64 offset, void *pages)
{
    return real(f)->pMethods->xUnfetch(real(f), offset, pages);
}

const sqlite3_io_methods g_watchedMethods = {3,
                                             wClose,
                                             wRead,
                                             wWrite,
                                             wTruncate,
                                             wSync,
                                             wFileSize,
                                             wLock,
                                             wUnlock,
                                             wCheckReservedLock,
                                             wFileControl,
                                             wSectorSize,
                                             wDeviceCharacteristics,
                                             wShmMap,
                                             wShmLock,
                                             wShmBarrier,
                                             wShmUnmap,
                                             wFetch,
                                             wUnfetch};

int wOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *f, int flags, int *outFlags)
{
    WatchedFile *file = watched(f);
    file->base.pMethods = nullptr;
    const int rc = g_platform->xOpen(g_platform, name, file->real(), flags, outFlags);
    if (rc != SQLITE_OK)
        return rc;
    file->wal = (flags & SQLITE_OPEN_WAL) != 0;
    file->walIndex = nullptr;
    file->walPath[0] = 0;
    if ((flags & SQLITE_OPEN_MAIN_DB) != 0 && name)
        std::snprintf(file->walPath, sizeof file->walPath, "%s-wal", name);
    file->base.pMethods = &g_watchedMethods;
    return SQLITE_OK;
}

} // namespace

class TestWalWrites : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void isTheDefaultOnceAStoreIsOpen();
    void anotherConnectionSeesEveryCommitWithoutASync();
    void aTransactionLargerThanWhatIsHeldReadsBackWhole();
    void aRolledBackSpillLeavesTheNextCommitIntact();
    void aWalWriteThatFailsFailsTheCommit();
    void aCommitSurvivesAKillWithTheWalIndexInMemory();

private:
    // A second connection on the platform's own VFS, as another process would have.
    static sqlite3 *plainConnection(const QString &path);
    static qint64 single(sqlite3 *db, const char *sql);
    static QString integrity(sqlite3 *db);
    // A writer at synchronous=NORMAL, whose commits sync nothing, with a table `rows`.
    static bool openRows(SqliteDatabase &writer, const QString &path);
};

void TestWalWrites::initTestCase()
{
    // The watch goes under the buffered VFS: it wraps whatever is the default when first used.
    g_platform = sqlite3_vfs_find(nullptr);
    QVERIFY(g_platform);
    g_watching = *g_platform;
    g_watching.zName = "billing-test-watch";
    g_watching.szOsFile = int(sizeof(WatchedFile)) + g_platform->szOsFile;
    g_watching.xOpen = wOpen;
    g_watching.pNext = nullptr;
    QCOMPARE(sqlite3_vfs_register(&g_watching, 1), SQLITE_OK);
    // Opening a store installs the buffered VFS (isTheDefaultOnceAStoreIsOpen checks it).
    QTemporaryDir dir;
    SqliteDatabase first;
    QVERIFY(first.open(dir.filePath(QStringLiteral("first.db"))).ok());
}

sqlite3 *TestWalWrites::plainConnection(const QString &path)
{
    sqlite3 *db = nullptr;
    const int rc =
        sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, g_platform->zName);
    if (rc != SQLITE_OK) {
        qWarning("open %s: %s", qPrintable(path), db ? sqlite3_errmsg(db) : "no handle");
        sqlite3_close(db);
        return nullptr;
    }
    sqlite3_busy_timeout(db, 5000);
    return db;
}

bool TestWalWrites::openRows(SqliteDatabase &writer, const QString &path)
{
    return writer
               .open(path, SqliteDatabase::Durability::Relaxed,
                     SqliteDatabase::Checkpoints::LeftToWriters)
               .ok() &&
           writer.exec(QStringLiteral("CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT)"))
               .ok();
}

qint64 TestWalWrites::single(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
        qWarning("prepare %s: %s", sql, sqlite3_errmsg(db));
        return -1;
    }
    qint64 value = -1;
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_ROW)
        value = sqlite3_column_int64(statement, 0);
    else
        qWarning("step %s: %d %s", sql, rc, sqlite3_errmsg(db));
    sqlite3_finalize(statement);
    return value;
}

QString TestWalWrites::integrity(sqlite3 *db)
{
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr) != SQLITE_OK)
        return QString::fromUtf8(sqlite3_errmsg(db));
    QString result;
    while (sqlite3_step(statement) == SQLITE_ROW)
        result +=
            QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(statement, 0)));
    sqlite3_finalize(statement);
    return result;
}

void TestWalWrites::isTheDefaultOnceAStoreIsOpen()
{
    QTemporaryDir dir;
    SqliteDatabase database;
    QVERIFY(database.open(dir.filePath(QStringLiteral("ledger.db"))).ok());
    const sqlite3_vfs *defaultVfs = sqlite3_vfs_find(nullptr);
    QVERIFY(defaultVfs);
    QCOMPARE(QByteArray(defaultVfs->zName), QByteArray("billing-buffered-wal"));
}

void TestWalWrites::anotherConnectionSeesEveryCommitWithoutASync()
{
    // At synchronous=NORMAL a commit does not sync the WAL: the frames must reach the file
    // before the WAL index announces them, or the reader below finds them missing.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ledger.db"));
    SqliteDatabase writer;
    QVERIFY(openRows(writer, path));
    sqlite3 *reader = plainConnection(path);
    QVERIFY(reader);
    const int publishedBefore = g_watch.published;
    const int notInFileBefore = g_watch.notInFile;
    const QString body(3000, u'x'); // most of a page: each commit writes several frames
    qint64 length = 0;
    for (int i = 1; i <= 200; ++i) {
        const QString text = body + QString::number(i);
        QSqlQuery insert(writer.connection());
        QVERIFY(insert.prepare(QStringLiteral("INSERT INTO rows (id, body) VALUES (?, ?)")));
        insert.addBindValue(i);
        insert.addBindValue(text);
        QVERIFY(insert.exec());
        length += text.size();
        QCOMPARE(single(reader, "SELECT count(*) FROM rows"), qint64(i));
        QCOMPARE(single(reader, "SELECT sum(length(body)) FROM rows"), length);
    }
    QVERIFY(g_watch.published - publishedBefore >= 200);
    QCOMPARE(g_watch.notInFile - notInFileBefore, 0);
    QCOMPARE(integrity(reader), QStringLiteral("ok"));
    sqlite3_close(reader);
}

void TestWalWrites::aTransactionLargerThanWhatIsHeldReadsBackWhole()
{
    // 3 MB in one commit: held runs are written out at 1 MiB, in calls the platform accepts.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ledger.db"));
    {
        SqliteDatabase writer;
        QVERIFY(writer.open(path).ok());
        QVERIFY(writer
                    .exec(QStringLiteral("CREATE TABLE blobs (id INTEGER PRIMARY KEY, "
                                         "body BLOB)"))
                    .ok());
        QVERIFY(writer.beginWrite().ok());
        for (int i = 0; i < 300; ++i) {
            QSqlQuery insert(writer.connection());
            QVERIFY(insert.prepare(QStringLiteral("INSERT INTO blobs (id, body) VALUES (?, ?)")));
            insert.addBindValue(i);
            insert.addBindValue(QByteArray(10000, char('a' + i % 26)));
            QVERIFY(insert.exec());
        }
        QVERIFY(writer.commit().ok());
    }
    sqlite3 *reader = plainConnection(path);
    QVERIFY(reader);
    QCOMPARE(single(reader, "SELECT count(*) FROM blobs"), qint64(300));
    QCOMPARE(single(reader, "SELECT sum(length(body)) FROM blobs"), qint64(3000000));
    // Every byte of every blob is its letter: no run was lost, cut or written at the wrong place.
    QCOMPARE(single(reader,
                    "SELECT count(*) FROM blobs WHERE body <> "
                    "CAST(replace(hex(zeroblob(10000)), '00', char(97 + id % 26)) AS BLOB)"),
             qint64(0));
    QCOMPARE(integrity(reader), QStringLiteral("ok"));
    sqlite3_close(reader);
}

void TestWalWrites::aRolledBackSpillLeavesTheNextCommitIntact()
{
    // A tiny page cache makes SQLite spill a transaction's pages to the WAL before its commit;
    // after a rollback the next transaction writes over those frames.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ledger.db"));
    SqliteDatabase writer;
    QVERIFY(openRows(writer, path));
    QVERIFY(writer.exec(QStringLiteral("PRAGMA cache_size=8")).ok());
    const auto fill = [&writer](int from, int count, QChar letter) {
        for (int i = from; i < from + count; ++i) {
            QSqlQuery insert(writer.connection());
            if (!insert.prepare(QStringLiteral("INSERT INTO rows (id, body) VALUES (?, ?)")))
                return false;
            insert.addBindValue(i);
            insert.addBindValue(QString(2000, letter));
            if (!insert.exec())
                return false;
        }
        return true;
    };
    QVERIFY(writer.beginWrite().ok());
    QVERIFY(fill(1, 100, u'a'));
    QVERIFY(writer.commit().ok());
    QVERIFY(writer.beginWrite().ok());
    QVERIFY(fill(101, 500, u'b'));
    writer.rollback();
    QVERIFY(writer.beginWrite().ok());
    QVERIFY(fill(101, 50, u'c'));
    QVERIFY(writer.commit().ok());

    sqlite3 *reader = plainConnection(path);
    QVERIFY(reader);
    QCOMPARE(single(reader, "SELECT count(*) FROM rows"), qint64(150));
    QCOMPARE(single(reader, "SELECT count(*) FROM rows WHERE body LIKE 'b%'"), qint64(0));
    QCOMPARE(single(reader, "SELECT count(*) FROM rows WHERE id > 100 AND body LIKE 'c%'"),
             qint64(50));
    QCOMPARE(integrity(reader), QStringLiteral("ok"));
    sqlite3_close(reader);
}

void TestWalWrites::aWalWriteThatFailsFailsTheCommit()
{
    // At synchronous=NORMAL no sync follows the frames: the commit learns of a failed write only
    // if it happens inside a write of its own.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ledger.db"));
    SqliteDatabase writer;
    QVERIFY(openRows(writer, path));
    QVERIFY(writer.exec(QStringLiteral("INSERT INTO rows VALUES (1, 'first')")).ok());

    g_watch.failWalWrites = true;
    QVERIFY(writer.beginWrite().ok());
    const bool updated = writer.exec(QStringLiteral("UPDATE rows SET body = 'second'")).ok();
    const Status committed = updated ? writer.commit() : Status(Error{});
    g_watch.failWalWrites = false;
    if (!updated || !committed.ok())
        writer.rollback();
    QVERIFY2(!committed.ok(), "a commit whose frames were not written reported success");
    // Nothing of it reaches the file later either: a recovery of the WAL as it is now (a copy
    // opened without its shared memory) finds the row as it was.
    QCOMPARE(single(writer.handle(), "SELECT count(*) FROM rows WHERE body = 'first'"), qint64(1));
    QTemporaryDir copyDir;
    const QString copy = copyDir.filePath(QStringLiteral("ledger.db"));
    QVERIFY(QFile::copy(path, copy));
    QVERIFY(QFile::copy(path + QStringLiteral("-wal"), copy + QStringLiteral("-wal")));
    sqlite3 *recovered = plainConnection(copy);
    QVERIFY(recovered);
    QCOMPARE(single(recovered, "SELECT count(*) FROM rows WHERE body = 'first'"), qint64(1));
    sqlite3_close(recovered);

    sqlite3 *reader = plainConnection(path);
    QVERIFY(reader);
    QCOMPARE(single(reader, "SELECT count(*) FROM rows WHERE body = 'first'"), qint64(1));
    QCOMPARE(integrity(reader), QStringLiteral("ok"));
    // The writer goes on once writes work again.
    QVERIFY(writer.exec(QStringLiteral("UPDATE rows SET body = 'third'")).ok());
    QCOMPARE(single(reader, "SELECT count(*) FROM rows WHERE body = 'third'"), qint64(1));
    sqlite3_close(reader);
}

void TestWalWrites::aCommitSurvivesAKillWithTheWalIndexInMemory()
{
#ifdef Q_OS_UNIX
    // In exclusive locking mode the WAL index is in heap memory: SQLite calls no shared-memory
    // method and, at synchronous=NORMAL, no sync. A child commits, says so, and is killed.
    QTemporaryDir dir;
    const QByteArray path = dir.filePath(QStringLiteral("ledger.db")).toUtf8();
    int said[2];
    QCOMPARE(::pipe(said), 0);
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        ::close(said[0]);
        sqlite3 *db = nullptr;
        int rc = sqlite3_open_v2(path.constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                 nullptr);
        for (const char *sql :
             {"PRAGMA locking_mode=EXCLUSIVE", "PRAGMA journal_mode=WAL",
              "PRAGMA synchronous=NORMAL", "CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT)",
              "INSERT INTO rows VALUES (1, 'one')", "INSERT INTO rows VALUES (2, 'two')"}) {
            if (rc == SQLITE_OK)
                rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
        }
        const char done = rc == SQLITE_OK ? 'y' : 'n';
        (void)::write(said[1], &done, 1);
        for (;;)
            ::pause();
    }
    ::close(said[1]);
    char done = 0;
    QCOMPARE(::read(said[0], &done, 1), ssize_t(1));
    ::close(said[0]);
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    QCOMPARE(done, 'y');

    sqlite3 *reader = plainConnection(QString::fromUtf8(path));
    QVERIFY(reader);
    QCOMPARE(single(reader, "SELECT count(*) FROM rows"), qint64(2));
    QCOMPARE(integrity(reader), QStringLiteral("ok"));
    sqlite3_close(reader);
#else
    QSKIP("needs fork()");
#endif
}

QTEST_GUILESS_MAIN(TestWalWrites)
#include "tst_walwrites.moc"
