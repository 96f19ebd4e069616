#include "SqliteTableReader.h"

#include "SqliteProjector.h"

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
    QStringList sortBy; // per column; empty means "this column's select, sorted as an amount"
    QStringList textColumns;
    QString typeColumn;
    QString statusColumn;
    QString currencyColumn;
    QString timeColumn;
    QString tieBreaker;
    // After the shown columns: the row's unique key and the id of the record it shows.
    QStringList hidden;
};

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
    };
    switch (table) {
    case LedgerTable::Accounts:
        return accounts;
    case LedgerTable::Transactions:
        return transactions;
    case LedgerTable::AuditLog:
        break;
    }
    return audit;
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', QStringLiteral("\\\\"));
    escaped.replace(u'%', QStringLiteral("\\%"));
    escaped.replace(u'_', QStringLiteral("\\_"));
    return u'%' + escaped + u'%';
}

struct Where
{
    QString sql;
    QVariantList values;

    void add(const QString &condition, const QVariantList &bound)
    {
        sql += sql.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ");
        sql += condition;
        values += bound;
    }
};

Where whereOf(const TableSql &table, const TableFilter &filter)
{
    Where where;
    if (!filter.text.isEmpty()) {
        QStringList matches;
        QVariantList values;
        for (const QString &column : table.textColumns) {
            matches.append(column + QStringLiteral(" LIKE ? ESCAPE '\\'"));
            values.append(likePattern(filter.text));
        }
        where.add(u'(' + matches.join(QStringLiteral(" OR ")) + u')', values);
    }
    const std::pair<const QString &, const QString &> equalities[] = {
        {table.typeColumn, filter.type},
        {table.statusColumn, filter.status},
        {table.currencyColumn, filter.currency}};
    for (const auto &[column, value] : equalities) {
        if (!column.isEmpty() && !value.isEmpty())
            where.add(column + QStringLiteral(" = ?"), {value});
    }
    if (!filter.fromDate.isEmpty())
        where.add(table.timeColumn + QStringLiteral(" >= ?"), {filter.fromDate});
    // '~' sorts after every character of an ISO 8601 time, so the whole "to" day is included.
    if (!filter.toDate.isEmpty())
        where.add(table.timeColumn + QStringLiteral(" <= ?"), {filter.toDate + u'~'});
    return where;
}

} // namespace

SqliteTableReader::SqliteTableReader(SqliteDatabase &database, qint64 reverseOffsetMin)
    : m_database(database)
    , m_reverseOffsetMin(reverseOffsetMin)
{
    BILLING_ASSERT(reverseOffsetMin >= 0);
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
    // A deferred BEGIN: the reads below see one snapshot, and no write lock is taken.
    if (Status begun = m_database.exec(QStringLiteral("BEGIN")); !begun.ok())
        return begun.error();
    Result<TablePage> page = readInSnapshot(query);
    if (!page.ok()) {
        m_database.rollback();
        return page;
    }
    if (Status done = m_database.commit(); !done.ok())
        return done.error();
    BILLING_ASSERT(page.value().rows.size() <= query.limit);
    return page;
}

Result<TablePage> SqliteTableReader::readInSnapshot(const TableQuery &query)
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
    // OFFSET walks every row before the window; past the middle the same window is nearer
    // the other end, so it is read in the reverse order and turned around.
    qint64 total = -1;
    if (query.countRows || query.offset >= m_reverseOffsetMin) {
        QSqlQuery count(m_database.connection());
        if (!SqliteDatabase::execWith(
                count, QStringLiteral("SELECT COUNT(*) FROM ") + table.from + where.sql,
                where.values) ||
            !count.next())
            return SqliteDatabase::failure(count, QStringLiteral("count rows"));
        total = count.value(0).toLongLong();
    }
    if (query.countRows)
        page.totalRows = total;
    const bool reversed = total >= 0 && query.offset > total / 2;
    qint64 offset = query.offset;
    qint64 limit = query.limit;
    if (reversed) {
        const qint64 end = std::min(total, query.offset + query.limit);
        offset = total - end;
        limit = end - query.offset;
    }
    if (limit <= 0)
        return page;
    const bool descending = query.descending != reversed;
    const QString direction = descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    const QString &sortBy = table.sortBy.at(query.sortColumn);
    const QString order = sortBy.isEmpty()
                              ? amountOrder(table.select.at(query.sortColumn), descending)
                              : sortBy + direction;
    QStringList tieBreakers = table.tieBreaker.split(QStringLiteral(", "));
    for (QString &column : tieBreakers)
        column += direction;
    QSqlQuery rows(m_database.connection());
    const QString sql =
        QStringLiteral("SELECT %1 FROM %2%3 ORDER BY %4, %5 LIMIT ? OFFSET ?")
            .arg((table.select + table.hidden).join(QStringLiteral(", ")), table.from, where.sql,
                 order, tieBreakers.join(QStringLiteral(", ")));
    if (!SqliteDatabase::execWith(rows, sql, where.values + QVariantList{limit, offset}))
        return SqliteDatabase::failure(rows, QStringLiteral("read rows"));
    const int columns = int(table.select.size() + table.hidden.size());
    while (rows.next()) {
        QStringList row;
        row.reserve(columns);
        for (int column = 0; column < columns; ++column)
            row.append(rows.value(column).toString());
        page.rows.append(row);
    }
    if (reversed)
        std::reverse(page.rows.begin(), page.rows.end());
    return page;
}

} // namespace billing
