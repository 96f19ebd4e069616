#pragma once

#include "PostgresDatabase.h"
#include "application/TableReader.h"

namespace billing {

// The desk's windowed table queries over the PostgreSQL projections, with the same columns,
// order and filters as SqliteTableReader. Sorting, filtering and paging happen in SQL; user text
// only ever reaches the server as a bound value, and ORDER BY names come from a fixed table per
// column. Amounts are NUMERIC(28,8) sorted as numbers and shown with their currency's
// decimals, made exact by the server: no double ever holds one.
class PostgresTableReader final : public TableReader
{
public:
    static constexpr int limitMax = 5000;
    // From `reverseOffsetMin` on, a page is read from whichever end of the order is nearer.
    explicit PostgresTableReader(PostgresDatabase &database, qint64 reverseOffsetMin = 10000);

    Result<TablePage> read(const TableQuery &query) override;
    // Both halves are the projector's checkpoint: PostgreSQL does not know the log's end.
    Result<LedgerMark> mark() override;

private:
    Result<TablePage> readInSnapshot(const TableQuery &query);

    PostgresDatabase &m_database;
    qint64 m_reverseOffsetMin;
};

} // namespace billing
