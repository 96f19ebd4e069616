#include "SqliteTableReader.h"

#include "EventSearchIndex.h"
#include "SqliteProjector.h"
#include "TableConditions.h"

#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>

namespace billing {
namespace table_sql {

// How one table reads: what each column selects and sorts by, and which columns the filters
// look at. Every name here is a constant; none comes from the user.
struct TableSql
{
    QString from;
    QStringList select;
    QStringList sortBy; // per column; empty means "this column's select, sorted as an amount"
    QStringList textColumns;
    QString typeColumn;
    QString statusColumn;
    QString currencyColumn;
    QString timeColumn;
    QString tieBreaker;
    // After the shown columns: the row's unique key and the id of the record it shows.
    QStringList hidden;
    QString positionColumn; // the log position a row comes from, for time travel
    QString correlationColumn;
    QString operatorColumn;
    // The rows of one account; every `?` in it is bound to the account id.
    QString accountCondition;
};

struct Where : Conditions
{
    QString from;      // the table, or the table with the index its rows are read by
    QString countFrom; // the same for counting them
    // Select the window's keys from the index alone, then read only the window's rows.
    bool keysFirst = false;
    // When set, what orders the rows by log position (the search index's rowid): SQLite reads
    // the index in that order and stops at the window, where sorting by the log's own column
    // would sort every match first.
    QString positionOrder;
};

} // namespace table_sql

namespace {

using table_sql::addExactMatches;
using table_sql::addPositionAndTime;
using table_sql::likePattern;
using table_sql::TableSql;
using table_sql::Where;

const TableSql &tableSql(LedgerTable table)
{
    static const TableSql accounts{
        QStringLiteral("account_projections"),
        {QStringLiteral("id"), QStringLiteral("owner_id"), QStringLiteral("type"),
         QStringLiteral("currency"), QStringLiteral("balance"), QStringLiteral("status"),
         QStringLiteral("updated_at")},
        {QStringLiteral("id"), QStringLiteral("owner_id"), QStringLiteral("type"),
         QStringLiteral("currency"), QString(), QStringLiteral("status"),
         QStringLiteral("updated_at")},
        {QStringLiteral("id"), QStringLiteral("owner_id")},
        QStringLiteral("type"),
        QStringLiteral("status"),
        QStringLiteral("currency"),
        QStringLiteral("updated_at"),
        QStringLiteral("id"),
        {QStringLiteral("id"), QStringLiteral("id")},
        QString(),
        QString(),
        QString(),
        QString(),
    };
    static const TableSql transactions{
        QStringLiteral("transaction_projections"),
        {QStringLiteral("created_at"), QStringLiteral("type"), QStringLiteral("account_id"),
         QStringLiteral("counterparty_id"), QStringLiteral("amount"), QStringLiteral("currency"),
         QStringLiteral("status"), QStringLiteral("reference"), QStringLiteral("correlation_id")},
        // Time sorts by log position: the order the ledger decided things in.
        {QStringLiteral("position"), QStringLiteral("type"), QStringLiteral("account_id"),
         QStringLiteral("counterparty_id"), QString(), QStringLiteral("currency"),
         QStringLiteral("status"), QStringLiteral("reference"), QStringLiteral("correlation_id")},
        {QStringLiteral("transaction_id"), QStringLiteral("account_id"),
         QStringLiteral("counterparty_id"), QStringLiteral("reference"),
         QStringLiteral("correlation_id")},
        QStringLiteral("type"),
        QStringLiteral("status"),
        QStringLiteral("currency"),
        QStringLiteral("created_at"),
        QStringLiteral("position, id"),
        {QStringLiteral("id"), QStringLiteral("transaction_id")},
        QStringLiteral("position"),
        QStringLiteral("correlation_id"),
        QString(),
        QStringLiteral("account_id = ?"),
    };
    static const TableSql audit{
        QStringLiteral("audit_logs"),
        {QStringLiteral("id"), QStringLiteral("timestamp"), QStringLiteral("action"),
         QStringLiteral("entity_type || ' ' || entity_id"), QStringLiteral("operator"),
         QStringLiteral("correlation_id")},
        {QStringLiteral("id"), QStringLiteral("timestamp"), QStringLiteral("action"),
         QStringLiteral("entity_id"), QStringLiteral("operator"), QStringLiteral("correlation_id")},
        {QStringLiteral("entity_id"), QStringLiteral("action"), QStringLiteral("operator"),
         QStringLiteral("correlation_id")},
        QStringLiteral("action"),
        QString(),
        QString(),
        QStringLiteral("timestamp"),
        QStringLiteral("id"),
        {QStringLiteral("id"), QStringLiteral("entity_id")},
        QStringLiteral("id"),
        QStringLiteral("correlation_id"),
        QStringLiteral("operator"),
        QString(),
    };
    // Free text looks into the whole event, payload included. The summary column carries the
    // event's data, which the desk puts into words (EventSummaryText). The operator is written
    // exactly as in idx_events_operator, so that SQLite uses that index (and a damaged body reads
    // as none).
    static const QString body = QStringLiteral("CAST(body AS TEXT)");
    static const QString operatorOf =
        QStringLiteral("iif(json_valid(%1), json_extract(%1, '$.operator'), NULL)").arg(body);
    static const TableSql events{
        QStringLiteral("events"),
        {QStringLiteral("position"), QStringLiteral("timestamp"), QStringLiteral("event_type"),
         QStringLiteral("aggregate_id"), QStringLiteral("aggregate_version"),
         QStringLiteral("correlation_id"),
         QStringLiteral("json_extract(%1, '$.causationId')").arg(body), operatorOf,
         QStringLiteral("json_extract(%1, '$.data')").arg(body)},
        {QStringLiteral("position"), QStringLiteral("position"), QStringLiteral("event_type"),
         QStringLiteral("aggregate_id"), QStringLiteral("aggregate_version"),
         QStringLiteral("correlation_id"), QStringLiteral("position"), QStringLiteral("position"),
         QStringLiteral("position")},
        {body},
        QStringLiteral("event_type"),
        QString(),
        QString(),
        QStringLiteral("timestamp"),
        QStringLiteral("position"),
        {QStringLiteral("position"), QStringLiteral("position")},
        QStringLiteral("position"),
        QStringLiteral("correlation_id"),
        operatorOf,
        // Its own events, and those of every transaction it takes part in: rowid lookups from
        // two indexes, so the cost follows the account's events, not the log's.
        QStringLiteral("position IN (SELECT position FROM events WHERE aggregate_id = ? "
                       "UNION ALL SELECT e.position FROM transaction_projections t "
                       "JOIN events e ON e.aggregate_id = t.transaction_id "
                       "WHERE t.account_id = ?)"),
    };
    switch (table) {
    case LedgerTable::Events:
        return events;
    case LedgerTable::Accounts:
        return accounts;
    case LedgerTable::Transactions:
        return transactions;
    case LedgerTable::AuditLog:
        break;
    }
    return audit;
}

// SQLite calls this between steps of a query; non-zero interrupts it.
int askCancelled(void *check)
{
    return (*static_cast<const std::function<bool()> *>(check))() ? 1 : 0;
}

// How the log's own indexes can answer a read of the event history.
struct LogShortcuts
{
    bool indexed = false; // free text through the search index, with this expression
    QString match;
    qint64 accountBound = 0; // above 0: an account's rows, at most this many from one end
    bool descending = true;  // which end
};

Where whereOf(const TableSql &table, const TableFilter &filter, const LogShortcuts &search = {})
{
    Where where;
    if (!filter.text.isEmpty() && search.indexed) {
        // The index names the events that hold the words; the text itself is then checked
        // against each of them, so the index only has to be a superset.
        where.add(QStringLiteral("event_words MATCH ? AND ") + table.textColumns.constFirst() +
                      QStringLiteral(" LIKE ? ESCAPE '\\'"),
                  {search.match, likePattern(filter.text)});
    } else if (!filter.text.isEmpty()) {
        QStringList matches;
        QVariantList values;
        for (const QString &column : table.textColumns) {
            matches.append(column + QStringLiteral(" LIKE ? ESCAPE '\\'"));
            values.append(likePattern(filter.text));
        }
        where.add(u'(' + matches.join(QStringLiteral(" OR ")) + u')', values);
    }
    addExactMatches(where,
                    {table.typeColumn, table.statusColumn, table.currencyColumn,
                     table.correlationColumn, table.operatorColumn},
                    filter);
    if (!filter.account.isEmpty() && search.accountBound > 0) {
        // Only the newest (or oldest) `accountBound` rows can be asked for. A transaction's
        // events are one append and appends never interleave, so they are among the account's
        // last `accountBound` own events or the events of its last `accountBound` transactions.
        const QString direction =
            search.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
        where.add(
            QStringLiteral("position IN (SELECT position FROM (SELECT position FROM events "
                           "WHERE aggregate_id = ? ORDER BY aggregate_version %1 LIMIT ?) "
                           "UNION ALL SELECT e.position FROM (SELECT transaction_id FROM "
                           "transaction_projections WHERE account_id = ? ORDER BY position "
                           "%1 LIMIT ?) t JOIN events e ON e.aggregate_id = t.transaction_id)")
                .arg(direction),
            {filter.account, search.accountBound, filter.account, search.accountBound});
    } else if (!filter.account.isEmpty() && !table.accountCondition.isEmpty()) {
        where.add(table.accountCondition,
                  QVariantList(table.accountCondition.count(u'?'), filter.account));
    }
    addPositionAndTime(where, table.positionColumn, table.timeColumn, filter);
    where.from = table.from;
    where.countFrom = table.from;
    // Left to itself, SQLite reads a one-sided time range by walking the log from one end: at
    // millions of events that reads gigabytes before the first match. Unless an equality
    // filter narrows the rows further, the time index counts the range, and it finds the rows
    // too unless the range reaches the newest event: then the log read backwards from its
    // end (time grows with position) matches from the first row on.
    const bool timeRange = !filter.fromDate.isEmpty() || !filter.toDate.isEmpty();
    if (timeRange && table.from == QStringLiteral("events") && filter.type.isEmpty() &&
        filter.correlationId.isEmpty() && filter.operatorName.isEmpty() &&
        filter.account.isEmpty()) {
        const QString indexed = QStringLiteral("events INDEXED BY idx_events_timestamp");
        where.countFrom = indexed;
        where.from = filter.toDate.isEmpty() ? QStringLiteral("events NOT INDEXED") : indexed;
        where.keysFirst = !filter.toDate.isEmpty();
    }
    if (!filter.text.isEmpty() && search.indexed) {
        // The index's hits drive, newest (or oldest) first; each is one lookup in the log.
        where.from = QStringLiteral("search.event_words CROSS JOIN events "
                                    "ON events.position = event_words.rowid");
        where.countFrom = where.from;
        where.keysFirst = false;
        where.positionOrder = QStringLiteral("event_words.rowid");
    }
    return where;
}

} // namespace

SqliteTableReader::SqliteTableReader(SqliteDatabase &database, qint64 reverseOffsetMin)
    : m_database(database)
    , m_reverseOffsetMin(reverseOffsetMin)
{
    BILLING_ASSERT(reverseOffsetMin >= 0);
}

SqliteTableReader::~SqliteTableReader()
{
    if (m_cancelled && m_database.connection().isOpen())
        sqlite3_progress_handler(m_database.handle(), 0, nullptr, nullptr);
}

void SqliteTableReader::setCancelCheck(std::function<bool()> cancelled, int stepsBetweenChecks)
{
    BILLING_ASSERT(stepsBetweenChecks > 0);
    m_cancelled = std::move(cancelled);
    sqlite3_progress_handler(m_database.handle(), stepsBetweenChecks,
                             m_cancelled ? &askCancelled : nullptr, &m_cancelled);
}

QString SqliteTableReader::amountOrder(const QString &column, bool descending)
{
    // Amounts are "-12.50", "0", "1234.00000001": a sign, at most 20 integer digits, no leading
    // zeros. Between two amounts of one sign, the longer integer part is the larger magnitude,
    // and with equal lengths the text compares as the number does. Negatives come first and
    // sort by descending magnitude. Reversing every term reverses the order exactly.
    const QString negative = QStringLiteral("(substr(%1, 1, 1) = '-')").arg(column);
    const QString integerLength =
        QStringLiteral("(CASE WHEN instr(%1, '.') > 0 THEN instr(%1, '.') ELSE length(%1) + 1 END)")
            .arg(column);
    const QString ascending = descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    const QString reverse = descending ? QStringLiteral("ASC") : QStringLiteral("DESC");
    return QStringLiteral("%1 %5, CASE WHEN %1 THEN %2 END %5, CASE WHEN %1 THEN %3 END %5, "
                          "%2 %4, %3 %4")
        .arg(negative, integerLength, column, ascending, reverse);
}

Result<LedgerMark> SqliteTableReader::mark()
{
    QSqlQuery query(m_database.connection());
    if (!SqliteDatabase::execWith(
            query,
            QStringLiteral("SELECT (SELECT position FROM projection_checkpoints WHERE "
                           "projector = ?), (SELECT MAX(position) FROM events)"),
            {SqliteProjector::name}) ||
        !query.next())
        return SqliteDatabase::failure(query, QStringLiteral("read the ledger's position"));
    return LedgerMark{query.value(0).toLongLong(), query.value(1).toLongLong()};
}

Result<TablePage> SqliteTableReader::read(const TableQuery &query)
{
    BILLING_ASSERT(query.limit > 0 && query.limit <= limitMax);
    BILLING_ASSERT(query.offset >= 0);
    BILLING_ASSERT(query.sortColumn >= 0 && query.sortColumn < columnCount(query.table));
    const bool searchIndexed = searchable(query);
    // A deferred BEGIN: the reads below see one snapshot, and no write lock is taken on the
    // ledger (only on the search index, when the read brings it up to date).
    if (Status begun = m_database.exec(QStringLiteral("BEGIN")); !begun.ok())
        return begun.error();
    Result<TablePage> page = readInSnapshot(query, searchIndexed);
    if (!page.ok()) {
        m_database.rollback();
        return page;
    }
    if (Status done = m_database.commit(); !done.ok())
        return done.error();
    BILLING_ASSERT(page.value().rows.size() <= query.limit);
    return page;
}

void SqliteTableReader::setSearchIndex(QString indexPath, qint64 catchUpMax)
{
    BILLING_ASSERT(!m_searchAttached && catchUpMax >= 0);
    m_searchIndexPath = std::move(indexPath);
    m_searchCatchUpMax = catchUpMax;
}

bool SqliteTableReader::searchable(const TableQuery &query)
{
    if (query.table != LedgerTable::Events || m_searchIndexPath.isEmpty() ||
        EventSearchIndex::matchOf(query.filter.text).isEmpty())
        return false;
    if (!m_searchAttached) {
        // ATTACH is refused inside a transaction, so it happens here, once.
        if (const Status attached =
                EventSearchIndex::attach(m_database.connection(), m_searchIndexPath);
            !attached.ok()) {
            qWarning("%s", qUtf8Printable(attached.error().message));
            m_searchIndexPath.clear(); // free text reads the log from now on
            return false;
        }
        m_searchAttached = true;
    }
    const Result<EventSearchIndex::Progress> progress =
        EventSearchIndex::progress(m_database.connection());
    return progress.ok() &&
           progress.value().logged - progress.value().indexed <= m_searchCatchUpMax;
}

Result<TablePage> SqliteTableReader::readInSnapshot(const TableQuery &query, bool searchIndexed)
{
    const TableSql &table = tableSql(query.table);
    TablePage page;
    page.generation = query.generation;
    page.offset = query.offset;
    const Result<LedgerMark> position = mark();
    if (!position.ok())
        return position.error();
    page.mark = position.value();
    LogShortcuts shortcuts;
    shortcuts.descending = query.descending;
    if (searchIndexed) {
        // Up to this read's snapshot of the log, so that the index answers for all of it.
        const Result<EventSearchIndex::Progress> indexed =
            EventSearchIndex::indexNext(m_database.connection(), m_searchCatchUpMax + 1);
        if (indexed.ok() && indexed.value().indexed >= indexed.value().logged) {
            const Result<QString> match =
                EventSearchIndex::matchFor(m_database.connection(), query.filter.text);
            shortcuts.indexed = match.ok();
            shortcuts.match = match.ok() ? match.value() : QString();
        }
    }
    TableFilter accountOnly;
    accountOnly.account = query.filter.account;
    if (query.table == LedgerTable::Events && !accountOnly.account.isEmpty() &&
        query.filter == accountOnly && table.sortBy.at(query.sortColumn) == table.positionColumn &&
        (!query.countRows || query.countLimit > 0)) {
        // Every count below stops at the larger of these (see the branches that count).
        const qint64 end = query.offset + query.limit;
        shortcuts.accountBound = std::max(2 * end, query.countLimit) + 1;
    }
    Where where = whereOf(table, query.filter, shortcuts);
    const Result<std::optional<PositionSpan>> span = denseSpan(query);
    if (!span.ok())
        return span.error();
    qint64 offset = query.offset;
    qint64 limit = query.limit;
    const qint64 end = query.offset + query.limit;
    RowCount total{-1, false};
    const QString &sortBy = table.sortBy.at(query.sortColumn);
    if (span.value()) {
        // The whole log, whose positions run without gaps: the count is arithmetic and a window
        // in log order starts at a known position, however deep (no OFFSET walk).
        const PositionSpan &positions = *span.value();
        total = {positions.last - positions.first + 1, true};
        if (sortBy == QStringLiteral("position")) {
            const qint64 start =
                query.descending ? positions.last - query.offset : positions.first + query.offset;
            where.add(QStringLiteral("position ") +
                          (query.descending ? QStringLiteral("<= ?") : QStringLiteral(">= ?")),
                      {start});
            offset = 0;
        }
    } else if (query.countRows && query.offset == 0) {
        // The first page first: when it is not full it holds every row, and a sparse filter
        // (rare free text) reads the log once instead of once for the count and once more.
        Result<TablePage> first = readRows(query, table, where, {0, limit, false}, page);
        if (!first.ok() || first.value().rows.size() < limit) {
            if (first.ok())
                first.value().totalRows = first.value().rows.size();
            return first;
        }
        const Result<RowCount> counted = countRows(where, query.countLimit);
        if (!counted.ok())
            return counted.error();
        first.value().totalRows = counted.value().rows;
        first.value().totalExact = counted.value().exact;
        return first;
    } else if (query.countRows || query.offset >= m_reverseOffsetMin) {
        const Result<RowCount> counted =
            countRows(where, table_sql::countLimitFor(query, m_reverseOffsetMin));
        if (!counted.ok())
            return counted.error();
        total = counted.value();
    }
    if (query.countRows) {
        page.totalRows = total.rows;
        page.totalExact = total.exact;
    }
    // OFFSET walks every row before the window; past the middle the same window is nearer
    // the other end, so it is read in the reverse order and turned around.
    const bool reversed = offset > 0 && total.exact && query.offset >= m_reverseOffsetMin &&
                          query.offset > total.rows / 2;
    if (reversed) {
        offset = total.rows - std::min(total.rows, end);
        limit = std::min(total.rows, end) - query.offset;
    }
    if (limit <= 0)
        return page;
    return readRows(query, table, where, {offset, limit, reversed}, std::move(page));
}

Result<std::optional<SqliteTableReader::PositionSpan>>
SqliteTableReader::denseSpan(const TableQuery &query)
{
    TableFilter unfiltered;
    unfiltered.upToPosition = query.filter.upToPosition;
    if (query.table != LedgerTable::Events || query.filter != unfiltered)
        return std::optional<PositionSpan>();
    QSqlQuery span(m_database.connection());
    if (!SqliteDatabase::execWith(span,
                                  // Two subqueries: each is one step down an end of the table,
                                  // where MIN and MAX in one SELECT would scan it.
                                  QStringLiteral("SELECT (SELECT MIN(position) FROM events), "
                                                 "(SELECT MAX(position) FROM events)"),
                                  {}) ||
        !span.next())
        return SqliteDatabase::failure(span, QStringLiteral("read the log's positions"));
    PositionSpan positions{span.value(0).toLongLong(), span.value(1).toLongLong()};
    if (span.value(0).isNull())
        positions = {1, 0};
    if (query.filter.upToPosition >= 0)
        positions.last = std::min(positions.last, query.filter.upToPosition);
    positions.last = std::max(positions.last, positions.first - 1);
    return std::optional<PositionSpan>(positions);
}

Result<TablePage> SqliteTableReader::readRows(const TableQuery &query, const TableSql &table,
                                              const Where &where, const Window &window,
                                              TablePage page)
{
    const bool descending = query.descending != window.reversed;
    const QString direction = descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    const QString &sortBy = table.sortBy.at(query.sortColumn);
    const auto ordered = [&](const QString &column) {
        return (column == table.positionColumn && !where.positionOrder.isEmpty()
                    ? where.positionOrder
                    : column) +
               direction;
    };
    const QString order = sortBy.isEmpty()
                              ? amountOrder(table.select.at(query.sortColumn), descending)
                              : ordered(sortBy);
    // A term twice would keep a virtual table from giving its rows in order.
    QStringList orderTerms = {order};
    for (const QString &column : table.tieBreaker.split(QStringLiteral(", "))) {
        if (!orderTerms.contains(ordered(column)))
            orderTerms.append(ordered(column));
    }
    const QString columns = (table.select + table.hidden).join(QStringLiteral(", "));
    const QString orderBy = orderTerms.join(QStringLiteral(", "));
    QString sql = QStringLiteral("SELECT %1 FROM %2%3 ORDER BY %4 LIMIT ? OFFSET ?")
                      .arg(columns, where.from, where.sql, orderBy);
    // The keys come from the index and the sort keeps only the window, so no other row of the
    // table is read. Only the log has such a plan, and only in its own order.
    if (where.keysFirst && sortBy == table.positionColumn)
        sql = QStringLiteral("SELECT %1 FROM %2 WHERE %3 IN (SELECT %3 FROM %4%5 ORDER BY %6 "
                             "LIMIT ? OFFSET ?) ORDER BY %6")
                  .arg(columns, table.from, table.positionColumn, where.from, where.sql, orderBy);
    QSqlQuery rows(m_database.connection());
    if (!SqliteDatabase::execWith(rows, sql,
                                  where.values + QVariantList{window.limit, window.offset}))
        return SqliteDatabase::failure(rows, QStringLiteral("read rows"));
    table_sql::takeRows(rows, int(table.select.size() + table.hidden.size()), window.reversed,
                        page);
    return page;
}

Result<SqliteTableReader::RowCount> SqliteTableReader::countRows(const Where &where, qint64 limit)
{
    BILLING_ASSERT(limit >= 0);
    QSqlQuery count(m_database.connection());
    const bool ok = limit > 0 ? SqliteDatabase::execWith(
                                    count,
                                    QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM ") +
                                        where.countFrom + where.sql + QStringLiteral(" LIMIT ?)"),
                                    where.values + QVariantList{limit + 1})
                              : SqliteDatabase::execWith(count,
                                                         QStringLiteral("SELECT COUNT(*) FROM ") +
                                                             where.countFrom + where.sql,
                                                         where.values);
    if (!ok || !count.next())
        return SqliteDatabase::failure(count, QStringLiteral("count rows"));
    const qint64 rows = count.value(0).toLongLong();
    return RowCount{rows, limit == 0 || rows <= limit};
}

} // namespace billing
