#pragma once

#include "SqliteStatement.h"
#include "domain/Result.h"

#include <QByteArrayView>

#include <functional>
#include <optional>

struct sqlite3;

namespace billing {

// The bodies of the events after a position, in position order, read with SQLite's own API in
// runs: each run is its own read transaction, so that a long fold does not keep the WAL from
// being checkpointed, and the next run sees newer commits.
class SqliteEventRows
{
public:
    // The rows after `after` and up to `last`.
    SqliteEventRows(sqlite3 *db, qint64 after, qint64 last);

    // Gives `take` each row of the next run of at most `rowsMax`, and says how many there were;
    // the first error, SQLite's or take()'s, ends the run. A body is valid only during take().
    using Take = std::function<Status(QByteArrayView body)>;
    Result<int> readRun(int rowsMax, const Take &take);

private:
    SqliteStatement m_statement;
    qint64 m_after; // the position of the last row read
    qint64 m_last;
};

// While it lives, the connection's page cache keeps at most `pages` pages; then the size it had
// again. SQLite allocates its cache pages on the thread that reads, and with glibc a thread
// other than the first allocates from an arena of its own that does not reuse what the first
// freed: a scan on a second thread with the usual 16 MB cache raised the bench's peak RSS by
// about that much, for pages it reads only once.
class PageCacheLimit
{
public:
    PageCacheLimit(sqlite3 *db, int pages);
    Q_DISABLE_COPY_MOVE(PageCacheLimit)
    ~PageCacheLimit();

private:
    sqlite3 *m_db;
    std::optional<qint64> m_before; // PRAGMA cache_size as it was: pages, or -KiB
};

} // namespace billing
