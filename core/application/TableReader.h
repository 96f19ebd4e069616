#pragma once

#include "TableQuery.h"
#include "domain/Result.h"

namespace billing {

// Answers the desk's windowed table queries: the embedded store's SQLite file or the
// distributed mode's PostgreSQL projections. One reader belongs to one thread.
class TableReader
{
public:
    virtual ~TableReader() = default;

    // The count (when asked), the rows and the mark come from one read snapshot.
    virtual Result<TablePage> read(const TableQuery &query) = 0;
    // Where the projections stand; the desk polls it and refreshes when it moves.
    virtual Result<LedgerMark> mark() = 0;
};

} // namespace billing
