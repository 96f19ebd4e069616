#include "SqliteEventRows.h"

#include "domain/ReasonCode.h"

#include <sqlite3.h>

namespace billing {
namespace {

Error sqliteFailure(sqlite3 *db, const QString &what)
{
    return Error{reason::storageFailure,
                 QStringLiteral("%1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(db))),
                 {}};
}

} // namespace

void SqliteEventRows::StatementDeleter::operator()(sqlite3_stmt *statement) const
{
    sqlite3_finalize(statement);
}

SqliteEventRows::SqliteEventRows(sqlite3 *db, sqlite3_stmt *statement, qint64 after, qint64 last)
    : m_db(db)
    , m_statement(statement)
    , m_after(after)
    , m_last(last)
{}

Result<SqliteEventRows> SqliteEventRows::prepare(sqlite3 *db, qint64 after, qint64 last)
{
    BILLING_ASSERT(after >= 0 && last >= after);
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db,
                           "SELECT position, body FROM events WHERE position > ?1 AND position "
                           "<= ?2 ORDER BY position LIMIT ?3",
                           -1, &statement, nullptr) != SQLITE_OK)
        return sqliteFailure(db, QStringLiteral("read events"));
    return SqliteEventRows(db, statement, after, last);
}

Result<int> SqliteEventRows::readRun(int rowsMax, const Take &take)
{
    BILLING_ASSERT(rowsMax > 0);
    sqlite3_stmt *statement = m_statement.get();
    sqlite3_bind_int64(statement, 1, m_after);
    sqlite3_bind_int64(statement, 2, m_last);
    sqlite3_bind_int(statement, 3, rowsMax);
    int rows = 0;
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(statement)) == SQLITE_ROW) {
        ++rows;
        m_after = sqlite3_column_int64(statement, 0);
        const auto *body = static_cast<const char *>(sqlite3_column_blob(statement, 1));
        if (Status taken = take(QByteArrayView(body, sqlite3_column_bytes(statement, 1)));
            !taken.ok()) {
            sqlite3_reset(statement);
            return taken.error();
        }
    }
    // Ends the read transaction.
    sqlite3_reset(statement);
    if (step != SQLITE_DONE)
        return sqliteFailure(m_db, QStringLiteral("read events"));
    BILLING_ASSERT(rows <= rowsMax);
    return rows;
}

namespace {

void setCacheSize(sqlite3 *db, qint64 size)
{
    const QByteArray pragma = "PRAGMA cache_size=" + QByteArray::number(size);
    // Only a cache: a failure costs memory or speed, never correctness.
    if (sqlite3_exec(db, pragma.constData(), nullptr, nullptr, nullptr) != SQLITE_OK)
        qWarning("%s failed: %s", pragma.constData(), sqlite3_errmsg(db));
}

} // namespace

PageCacheLimit::PageCacheLimit(sqlite3 *db, int pages)
    : m_db(db)
{
    BILLING_ASSERT(pages > 0);
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA cache_size", -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW)
        m_before = sqlite3_column_int64(statement, 0);
    sqlite3_finalize(statement);
    if (m_before)
        setCacheSize(m_db, pages);
}

PageCacheLimit::~PageCacheLimit()
{
    if (m_before)
        setCacheSize(m_db, *m_before);
}

} // namespace billing
