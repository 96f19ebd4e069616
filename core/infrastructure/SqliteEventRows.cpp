#include "SqliteEventRows.h"

#include "domain/ReasonCode.h"

#include <sqlite3.h>

namespace billing {

SqliteEventRows::SqliteEventRows(sqlite3 *db, qint64 after, qint64 last)
    : m_statement(db, "SELECT position, body FROM events WHERE position > ?1 AND position <= ?2 "
                      "ORDER BY position LIMIT ?3")
    , m_after(after)
    , m_last(last)
{
    BILLING_ASSERT(after >= 0 && last >= after);
}

Result<int> SqliteEventRows::readRun(int rowsMax, const Take &take)
{
    BILLING_ASSERT(rowsMax > 0);
    m_statement.bind(1, m_after);
    m_statement.bind(2, m_last);
    m_statement.bind(3, qint64(rowsMax));
    int rows = 0;
    int step = SQLITE_ROW;
    while ((step = m_statement.step()) == SQLITE_ROW) {
        ++rows;
        m_after = m_statement.columnInt64(0);
        if (Status taken = take(m_statement.columnBlob(1)); !taken.ok()) {
            m_statement.reset();
            return taken.error();
        }
    }
    // Ends the read transaction.
    if (Status finished = m_statement.finishRows(step, "read events"); !finished.ok())
        return finished.error();
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
