#pragma once

#include "TableQuery.h"
#include "domain/Result.h"

#include <functional>

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
    // From now on a read may give up (with an error) as soon as `cancelled` returns true: a long
    // scan then yields to the query that replaced it. Readers that cannot stop ignore it.
    virtual void setCancelCheck(std::function<bool()> cancelled) { Q_UNUSED(cancelled); }
};

} // namespace billing
