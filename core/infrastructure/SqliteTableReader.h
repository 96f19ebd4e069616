#pragma once

#include "EventSearchIndex.h"
#include "SqliteDatabase.h"
#include "application/TableQuery.h"
#include "domain/Result.h"

#include <functional>
#include <optional>

namespace billing {

namespace table_sql {
struct TableSql;
struct Where;
} // namespace table_sql

// Answers the desk's windowed table queries from the projections in one SQLite file. Sorting
// and filtering happen in SQL; user text only ever reaches SQLite as a bound value, and ORDER BY
// names come from a fixed table per column.
class SqliteTableReader
{
public:
    SqliteTableReader(const SqliteTableReader &) = delete;
    SqliteTableReader &operator=(const SqliteTableReader &) = delete;
    ~SqliteTableReader();
    static constexpr int limitMax = 5000;
    // From `reverseOffsetMin` on, a page is read from whichever end of the order is nearer.
    explicit SqliteTableReader(SqliteDatabase &database, qint64 reverseOffsetMin = 10000);

    // The count (when asked), the rows and the checkpoint come from one read snapshot.
    Result<TablePage> read(const TableQuery &query);
    // From now on a read gives up (with an error) as soon as `cancelled` returns true, which
    // SQLite asks every `stepsBetweenChecks` steps of its virtual machine: a free-text search
    // over millions of events then yields to the query that replaced it.
    void setCancelCheck(std::function<bool()> cancelled, int stepsBetweenChecks = 1000);
    Result<LedgerMark> mark();
    // Free text in the event history goes through the search index at `indexPath` (see
    // EventSearchIndex) once the index is at most `catchUpMax` events behind the log: the read
    // then brings it up to its snapshot first. Further behind (a desk builds it in the
    // background), free text reads the log.
    void setSearchIndex(QString indexPath, qint64 catchUpMax = EventSearchIndex::readCatchUpMax);

    // An ORDER BY term list that sorts decimal text exactly, as numbers, without REAL.
    static QString amountOrder(const QString &column, bool descending);

private:
    struct PositionSpan
    {
        qint64 first = 0;
        qint64 last = 0;
    };
    struct RowCount
    {
        qint64 rows = 0;
        bool exact = true;
    };
    struct Window
    {
        qint64 offset = 0;
        qint64 limit = 0;
        bool reversed = false;
    };

    // Whether this read's free text can use the search index; attaches it the first time.
    bool searchable(const TableQuery &query);
    Result<TablePage> readInSnapshot(const TableQuery &query, bool searchIndexed);
    // The positions an unfiltered read of the event log covers, or nothing for any other read.
    Result<std::optional<PositionSpan>> denseSpan(const TableQuery &query);
    // Counts at most `limit` + 1 rows (0: all of them).
    Result<RowCount> countRows(const table_sql::Where &where, qint64 limit);
    Result<TablePage> readRows(const TableQuery &query, const table_sql::TableSql &table,
                               const table_sql::Where &where, const Window &window, TablePage page);

    SqliteDatabase &m_database;
    qint64 m_reverseOffsetMin;
    std::function<bool()> m_cancelled; // its address is handed to SQLite
    QString m_searchIndexPath;
    qint64 m_searchCatchUpMax = 0;
    bool m_searchAttached = false;
};

} // namespace billing
