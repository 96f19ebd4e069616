#pragma once

#include "SqliteDatabase.h"
#include "application/TableQuery.h"
#include "domain/Result.h"

namespace billing {

// Answers the desk's windowed table queries from the projections in one SQLite file. Sorting
// and filtering happen in SQL; user text only ever reaches SQLite as a bound value, and ORDER BY
// names come from a fixed table per column.
class SqliteTableReader
{
public:
    static constexpr int limitMax = 5000;
    // From `reverseOffsetMin` on, a page is read from whichever end of the order is nearer.
    explicit SqliteTableReader(SqliteDatabase &database, qint64 reverseOffsetMin = 10000);

    // The count (when asked), the rows and the checkpoint come from one read snapshot.
    Result<TablePage> read(const TableQuery &query);
    Result<LedgerMark> mark();

    // An ORDER BY term list that sorts decimal text exactly, as numbers, without REAL.
    static QString amountOrder(const QString &column, bool descending);

private:
    Result<TablePage> readInSnapshot(const TableQuery &query);

    SqliteDatabase &m_database;
    qint64 m_reverseOffsetMin;
};

} // namespace billing
