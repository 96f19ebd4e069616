#pragma once

#include "AccountPool.h"
#include "application/TableQuery.h"
#include "domain/Result.h"
#include "infrastructure/SqliteDatabase.h"
#include "infrastructure/SqliteTableReader.h"

#include <QRandomGenerator>

namespace billing::bench {

// The reads of the desk's Events tab, each timed through SqliteTableReader as the tab makes it:
// the first page of 100 rows newest first with its row count (what the tab waits for), and the
// same page without the count.
class HistoryCases
{
public:
    HistoryCases(SqliteDatabase &database, AccountPool &pool, int samples, quint64 seed);

    // Free text through the search index at `path` (see SqliteTableReader::setSearchIndex).
    void setSearchIndex(const QString &path) { m_reader.setSearchIndex(path); }
    // `scans`: also the rare free-text searches, which read the whole log without an index.
    Status run(bool scans);

private:
    struct Case
    {
        QString label;
        QList<TableFilter> filters;
        qint64 offset = 0;
    };

    Status measure(const Case &measured);
    // The value of `column` at `count` random positions in [first, last].
    Result<QStringList> valuesAt(const QString &column, int count, qint64 first, qint64 last);
    QList<TableFilter> filtersOf(const QStringList &values,
                                 const std::function<void(TableFilter &, const QString &)> &set);

    SqliteDatabase &m_database;
    SqliteTableReader m_reader;
    AccountPool &m_pool;
    int m_samples;
    QRandomGenerator m_random;
    qint64 m_last = 0;
};

} // namespace billing::bench
