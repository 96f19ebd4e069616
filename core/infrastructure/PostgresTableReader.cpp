#include "PostgresTableReader.h"

#include "PostgresProjector.h"
#include "PostgresSchema.h"
#include "TableConditions.h"

#include <QSqlQuery>

#include <algorithm>

namespace billing {
namespace {

// How one table reads: what each column selects and sorts by, and which columns the filters
// look at. Every name here is a constant; none comes from the user.
struct TableSql
{
    QString from;
    QStringList select;
    QStringList sortBy;      // per column
    QStringList textColumns; // free text matches any of them
    QString typeColumn;
    QString statusColumn;
    QString currencyColumn;
    QString timeColumn; // as text in the embedded store's format, compared as text
    QStringList tieBreakers;
    // After the shown columns: the row's unique key and the id of the record it shows.
    QStringList hidden;
    QString positionColumn; // the log position a row comes from, for time travel
    QString correlationColumn;
    QString operatorColumn;
    // The rows of one account; every `?` in it is bound to the account id.
    QString accountCondition;
};

// The embedded store's time format (ISO 8601 UTC with milliseconds), made by the server.
QString timeText(const QString &column)
{
    return QStringLiteral("to_char(%1 AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')")
        .arg(column);
}

// An amount with as many decimals as its currency has, as the events and the embedded store
// write it ("25.50", not "25.50000000"). trunc() drops only zeros: the ledger never holds more
// decimals than the currency allows.
QString amountText(const QString &column)
{
    return QStringLiteral("trunc(%1, COALESCE((SELECT c.decimals FROM currencies c "
                          "WHERE c.code = currency), 8))::text")
        .arg(column);
}

// Text sorts and compares by bytes, as SQLite's BINARY collation does, whatever the database's
// locale.
QString bytewise(const QString &column)
{
    return column + QStringLiteral(" COLLATE \"C\"");
}

const TableSql &accountsSql()
{
    static const TableSql sql{
        QStringLiteral("account_projections"),
        {QStringLiteral("id"), QStringLiteral("owner_id"), QStringLiteral("type"),
         QStringLiteral("currency"), amountText(QStringLiteral("balance")),
         QStringLiteral("status"), timeText(QStringLiteral("updated_at"))},
        {bytewise(QStringLiteral("id")), bytewise(QStringLiteral("owner_id")),
         bytewise(QStringLiteral("type")), bytewise(QStringLiteral("currency")),
         QStringLiteral("balance"), bytewise(QStringLiteral("status")),
         QStringLiteral("updated_at")},
        {QStringLiteral("id"), QStringLiteral("owner_id")},
        QStringLiteral("type"),
        QStringLiteral("status"),
        QStringLiteral("currency"),
        timeText(QStringLiteral("updated_at")),
        {bytewise(QStringLiteral("id"))},
        {QStringLiteral("id"), QStringLiteral("id")},
        QString(),
        QString(),
        QString(),
        QString(),
    };
    return sql;
}

const TableSql &transactionsSql()
{
    static const TableSql sql{
        QStringLiteral("transaction_projections"),
        {timeText(QStringLiteral("created_at")), QStringLiteral("type"),
         QStringLiteral("account_id"), QStringLiteral("counterparty_id"),
         amountText(QStringLiteral("amount")), QStringLiteral("currency"), QStringLiteral("status"),
         QStringLiteral("reference"), QStringLiteral("correlation_id")},
        // Time sorts by log position: the order the ledger decided things in.
        {QStringLiteral("position"), bytewise(QStringLiteral("type")),
         bytewise(QStringLiteral("account_id")), bytewise(QStringLiteral("counterparty_id")),
         QStringLiteral("amount"), bytewise(QStringLiteral("currency")),
         bytewise(QStringLiteral("status")), bytewise(QStringLiteral("reference")),
         bytewise(QStringLiteral("correlation_id"))},
        {QStringLiteral("transaction_id"), QStringLiteral("account_id"),
         QStringLiteral("counterparty_id"), QStringLiteral("reference"),
         QStringLiteral("correlation_id")},
        QStringLiteral("type"),
        QStringLiteral("status"),
        QStringLiteral("currency"),
        timeText(QStringLiteral("created_at")),
        {QStringLiteral("position"), bytewise(QStringLiteral("id"))},
        {QStringLiteral("id"), QStringLiteral("transaction_id")},
        QStringLiteral("position"),
        QStringLiteral("correlation_id"),
        QString(),
        QStringLiteral("account_id = ?"),
    };
    return sql;
}

const TableSql &auditSql()
{
    static const TableSql sql{
        QStringLiteral("audit_logs"),
        {QStringLiteral("id"), timeText(QStringLiteral("timestamp")), QStringLiteral("action"),
         QStringLiteral("entity_type || ' ' || entity_id"), QStringLiteral("operator"),
         QStringLiteral("correlation_id")},
        {QStringLiteral("id"), QStringLiteral("timestamp"), bytewise(QStringLiteral("action")),
         bytewise(QStringLiteral("entity_id")), bytewise(QStringLiteral("operator")),
         bytewise(QStringLiteral("correlation_id"))},
        {QStringLiteral("entity_id"), QStringLiteral("action"), QStringLiteral("operator"),
         QStringLiteral("correlation_id")},
        QStringLiteral("action"),
        QString(),
        QString(),
        timeText(QStringLiteral("timestamp")),
        {QStringLiteral("id")},
        {QStringLiteral("id"), QStringLiteral("entity_id")},
        QStringLiteral("id"),
        QStringLiteral("correlation_id"),
        QStringLiteral("operator"),
        QString(),
    };
    return sql;
}

// The event history from audit_logs, which holds every event's envelope fields and its data.
// Free text looks into ids, operator and payload, as the embedded store's search of the body,
// through one expression, the one an administrator's trigram index covers (PostgresSchema.h).
const TableSql &eventsSql()
{
    static const TableSql sql{
        QStringLiteral("audit_logs"),
        {QStringLiteral("id"), timeText(QStringLiteral("timestamp")), QStringLiteral("action"),
         QStringLiteral("entity_id"), QStringLiteral("aggregate_version"),
         QStringLiteral("correlation_id"), QStringLiteral("causation_id"),
         QStringLiteral("operator"), QStringLiteral("changes::text")},
        {QStringLiteral("id"), QStringLiteral("id"), bytewise(QStringLiteral("action")),
         bytewise(QStringLiteral("entity_id")), QStringLiteral("aggregate_version"),
         bytewise(QStringLiteral("correlation_id")), QStringLiteral("id"), QStringLiteral("id"),
         QStringLiteral("id")},
        {QString::fromUtf16(postgres::auditSearchText)},
        QStringLiteral("action"),
        QString(),
        QString(),
        timeText(QStringLiteral("timestamp")),
        {QStringLiteral("id")},
        {QStringLiteral("id"), QStringLiteral("id")},
        QStringLiteral("id"),
        QStringLiteral("correlation_id"),
        QStringLiteral("operator"),
        // Its own events, and those of every transaction it takes part in.
        QStringLiteral("(entity_id = ? OR entity_id IN (SELECT transaction_id FROM "
                       "transaction_projections WHERE account_id = ?))"),
    };
    return sql;
}

const TableSql &tableSql(LedgerTable table)
{
    switch (table) {
    case LedgerTable::Accounts:
        return accountsSql();
    case LedgerTable::Transactions:
        return transactionsSql();
    case LedgerTable::Events:
        return eventsSql();
    case LedgerTable::AuditLog:
        break;
    }
    return auditSql();
}

using Where = table_sql::Conditions;
using table_sql::likePattern;

Where whereOf(const TableSql &table, const TableFilter &filter)
{
    Where where;
    if (!filter.text.isEmpty()) {
        // ILIKE: SQLite's LIKE ignores case too.
        QStringList matches;
        QVariantList values;
        for (const QString &column : table.textColumns) {
            matches.append(column + QStringLiteral(" ILIKE ? ESCAPE '\\'"));
            values.append(likePattern(filter.text));
        }
        where.add(u'(' + matches.join(QStringLiteral(" OR ")) + u')', values);
    }
    table_sql::addExactMatches(where,
                               {table.typeColumn, table.statusColumn, table.currencyColumn,
                                table.correlationColumn, table.operatorColumn},
                               filter);
    if (!filter.account.isEmpty() && !table.accountCondition.isEmpty())
        where.add(table.accountCondition,
                  QVariantList(table.accountCondition.count(u'?'), filter.account));
    table_sql::addPositionAndTime(where, table.positionColumn, bytewise(table.timeColumn), filter);
    return where;
}

// A count that may stop at a limit: `exact` is false when it did.
struct RowCount
{
    qint64 rows = -1;
    bool exact = false;
};

// Which rows of the order to read, and whether from its other end (then turned around).
struct Window
{
    qint64 offset = 0;
    qint64 limit = 0;
    bool reversed = false;
};

Result<RowCount> countRows(PostgresDatabase &database, const TableSql &table, const Where &where,
                           qint64 limit)
{
    BILLING_ASSERT(limit >= 0);
    QSqlQuery count(database.connection());
    const QString from = table.from + where.sql;
    const bool ok =
        limit > 0 ? PostgresDatabase::execWith(
                        count,
                        QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM %1 LIMIT ?) AS rows")
                            .arg(from),
                        where.values + QVariantList{limit + 1})
                  : PostgresDatabase::execWith(
                        count, QStringLiteral("SELECT COUNT(*) FROM ") + from, where.values);
    if (!ok || !count.next())
        return PostgresDatabase::failure(count, QStringLiteral("count rows"));
    const qint64 rows = count.value(0).toLongLong();
    return RowCount{rows, limit == 0 || rows <= limit};
}

Result<TablePage> readRows(PostgresDatabase &database, const TableQuery &query, const Where &where,
                           const Window &window, TablePage page)
{
    const TableSql &table = tableSql(query.table);
    const bool descending = query.descending != window.reversed;
    const QString direction = descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    QStringList order{table.sortBy.at(query.sortColumn) + direction};
    for (const QString &column : table.tieBreakers)
        order.append(column + direction);
    QSqlQuery rows(database.connection());
    const QString sql = QStringLiteral("SELECT %1 FROM %2%3 ORDER BY %4 LIMIT ? OFFSET ?")
                            .arg((table.select + table.hidden).join(QStringLiteral(", ")),
                                 table.from, where.sql, order.join(QStringLiteral(", ")));
    if (!PostgresDatabase::execWith(rows, sql,
                                    where.values + QVariantList{window.limit, window.offset}))
        return PostgresDatabase::failure(rows, QStringLiteral("read rows"));
    table_sql::takeRows(rows, int(table.select.size() + table.hidden.size()), window.reversed,
                        page);
    return page;
}

} // namespace

PostgresTableReader::PostgresTableReader(PostgresDatabase &database, qint64 reverseOffsetMin)
    : m_database(database)
    , m_reverseOffsetMin(reverseOffsetMin)
{
    BILLING_ASSERT(reverseOffsetMin >= 0);
}

Result<LedgerMark> PostgresTableReader::mark()
{
    QSqlQuery query(m_database.connection());
    if (!PostgresDatabase::execWith(
            query,
            QStringLiteral("SELECT position FROM projection_checkpoints WHERE projector = ?"),
            {PostgresProjector::name}))
        return PostgresDatabase::failure(query, QStringLiteral("read the ledger's position"));
    const qint64 position = query.next() ? query.value(0).toLongLong() : 0;
    return LedgerMark{position, position};
}

Result<TablePage> PostgresTableReader::read(const TableQuery &query)
{
    BILLING_ASSERT(query.limit > 0 && query.limit <= limitMax);
    BILLING_ASSERT(query.offset >= 0);
    BILLING_ASSERT(query.sortColumn >= 0 && query.sortColumn < columnCount(query.table));
    // One snapshot for the count, the rows and the mark; begin() reconnects after a server
    // restart.
    if (Status begun = m_database.begin(); !begun.ok())
        return begun.error();
    if (Status snapshot = m_database.exec(
            QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
        !snapshot.ok()) {
        m_database.rollback();
        return snapshot.error();
    }
    Result<TablePage> page = readInSnapshot(query);
    // Nothing was written: ending the snapshot either way is the same.
    m_database.rollback();
    if (page.ok())
        BILLING_ASSERT(page.value().rows.size() <= query.limit);
    return page;
}

Result<TablePage> PostgresTableReader::readInSnapshot(const TableQuery &query)
{
    const TableSql &table = tableSql(query.table);
    const Where where = whereOf(table, query.filter);
    TablePage page;
    page.generation = query.generation;
    page.offset = query.offset;
    const Result<LedgerMark> position = mark();
    if (!position.ok())
        return position.error();
    page.mark = position.value();
    const qint64 end = query.offset + query.limit;
    RowCount total{-1, false};
    if (query.countRows && query.offset == 0) {
        // The first page first: when it is not full it holds every row, and rare free text is
        // looked up once instead of once for the count and once more for the rows.
        Result<TablePage> first = readRows(m_database, query, where, {0, query.limit, false}, page);
        if (!first.ok() || first.value().rows.size() < query.limit) {
            if (first.ok())
                first.value().totalRows = first.value().rows.size();
            return first;
        }
        const Result<RowCount> counted = countRows(m_database, table, where, query.countLimit);
        if (!counted.ok())
            return counted.error();
        first.value().totalRows = counted.value().rows;
        first.value().totalExact = counted.value().exact;
        return first;
    }
    if (query.countRows || query.offset >= m_reverseOffsetMin) {
        const Result<RowCount> counted = countRows(
            m_database, table, where, table_sql::countLimitFor(query, m_reverseOffsetMin));
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
    Window window{query.offset, query.limit, false};
    if (total.exact && query.offset >= m_reverseOffsetMin && query.offset > total.rows / 2) {
        window.reversed = true;
        window.offset = total.rows - std::min(total.rows, end);
        window.limit = std::min(total.rows, end) - query.offset;
    }
    if (window.limit <= 0)
        return page;
    return readRows(m_database, query, where, window, std::move(page));
}

} // namespace billing
