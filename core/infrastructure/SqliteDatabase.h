#pragma once

#include "SqliteCheckpointer.h"
#include "SqliteStatement.h"
#include "domain/Result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>

#include <memory>
#include <unordered_map>

class QSqlQuery;
struct sqlite3;

namespace billing {

// One connection to the ledger's SQLite file: WAL, full fsync on commit, a busy timeout so that
// several processes can share the file, and the schema migrated to the newest version.
// A connection belongs to the thread that opened it.
class SqliteDatabase
{
public:
    // Full: every commit is on disk before it returns (the product). Relaxed: WAL without an
    // fsync per commit; survives a process crash but not a power cut (long property tests).
    // A Relaxed writer of small commits in a tight loop adds WAL frames faster than the
    // checkpointer copies them (each commit is one write call, SqliteWalWrites.h): its WAL then
    // grows to the forced RESTART at 1 GiB, which holds it back once.
    enum class Durability { Full, Relaxed };
    // OwnThread: this connection writes, and a SqliteCheckpointer of its own keeps its WAL
    // short. LeftToWriters: it only reads (a desk's table has one each), so it starts no
    // checkpointer: six of them copying the same WAL and writing it out competed with the
    // writer's syncs for the disk.
    enum class Checkpoints { OwnThread, LeftToWriters };

    SqliteDatabase() = default;
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase &) = delete;
    SqliteDatabase &operator=(const SqliteDatabase &) = delete;

    Status open(const QString &path, Durability durability = Durability::Full,
                Checkpoints checkpoints = Checkpoints::OwnThread);
    void close();
    QSqlDatabase &connection() { return m_db; }
    const QString &path() const { return m_path; }

    // BEGIN IMMEDIATE takes the write lock at once, so a writer never upgrades a read lock and
    // deadlocks with another process.
    Status beginWrite();
    Status commit();
    void rollback();

    Status exec(const QString &sql);
    // Prepared once per connection and reused, so SQLite parses each SQL text once. Every
    // statement is reset at commit, rollback and finishStatements(), so none keeps an old read
    // snapshot open.
    QSqlQuery &statement(const QString &sql);
    // The same on SQLite's own API, for the write path; keyed by the SQL's address, so pass a
    // string literal.
    SqliteStatement &nativeStatement(const char *sql);
    sqlite3 *handle();
    static sqlite3 *handleOf(const QSqlDatabase &connection);
    // When the file is locked, tries again every millisecond for up to `budgetMs`. SQLite's own
    // busy handler sleeps 1, 2, 5, 10, 15, 20, 25 ms... between tries, so a writer that met a
    // checkpoint of a few milliseconds waited 78. `budgetMs` must outlive the connection.
    static void retryWhenBusy(sqlite3 *db, const int *budgetMs);
    void finishStatements();
    static Error failure(const QSqlQuery &query, const QString &what);
    // Prepares `sql` on `query` (forward only), binds `values` in order and runs it.
    static bool execWith(QSqlQuery &query, const QString &sql, const QVariantList &values);

private:
    Status migrate();

    static constexpr int checkpointIntervalMs = 200;
    static constexpr int busyBudgetMs = 30000; // another process's long write, say an import

    QSqlDatabase m_db;
    std::unique_ptr<SqliteCheckpointer> m_checkpointer;
    QHash<QString, std::shared_ptr<QSqlQuery>> m_statements;
    std::unordered_map<const char *, std::unique_ptr<SqliteStatement>> m_nativeStatements;
    QString m_connectionName;
    QString m_path;
};

} // namespace billing
