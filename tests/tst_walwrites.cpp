// The VFS that writes a commit's WAL frames in one run (SqliteWalWrites.h): what it holds back
// is in the file before any other connection can ask for it, and nothing is lost or reordered.
// The other side reads through SQLite's own "unix" VFS, so it sees only what is in the file.
#include "infrastructure/SqliteDatabase.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace billing;

class TestWalWrites : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isTheDefaultOnceAStoreIsOpen();
    void anotherConnectionSeesEveryCommitWithoutASync();
    void aTransactionLargerThanWhatIsHeldReadsBackWhole();
    void aRolledBackSpillLeavesTheNextCommitIntact();

private:
    // A second connection on the platform's own VFS, as another process would have.
    static sqlite3 *plainConnection(const QString &path);
    static qint64 single(sqlite3 *db, const char *sql);
    static QString integrity(sqlite3 *db);
};

sqlite3 *TestWalWrites::plainConnection(const QString &path)
{
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, "unix");
    if (rc != SQLITE_OK) {
        qWarning("open %s: %s", qPrintable(path), db ? sqlite3_errmsg(db) : "no handle");
        sqlite3_close(db);
        return nullptr;
    }
    sqlite3_busy_timeout(db, 5000);
    return db;
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
    QVERIFY(writer
                .open(path, SqliteDatabase::Durability::Relaxed,
                      SqliteDatabase::Checkpoints::LeftToWriters)
                .ok());
    QVERIFY(
        writer.exec(QStringLiteral("CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT)")).ok());
    sqlite3 *reader = plainConnection(path);
    QVERIFY(reader);
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
    QVERIFY(writer
                .open(path, SqliteDatabase::Durability::Relaxed,
                      SqliteDatabase::Checkpoints::LeftToWriters)
                .ok());
    QVERIFY(writer.exec(QStringLiteral("PRAGMA cache_size=8")).ok());
    QVERIFY(
        writer.exec(QStringLiteral("CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT)")).ok());
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

QTEST_GUILESS_MAIN(TestWalWrites)
#include "tst_walwrites.moc"
