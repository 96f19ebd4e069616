#include "TableConditions.h"

#include <algorithm>

namespace billing::table_sql {

void Conditions::add(const QString &condition, const QVariantList &bound)
{
    sql += sql.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ");
    sql += condition;
    values += bound;
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', QStringLiteral("\\\\"));
    escaped.replace(u'%', QStringLiteral("\\%"));
    escaped.replace(u'_', QStringLiteral("\\_"));
    return u'%' + escaped + u'%';
}

void addExactMatches(Conditions &where, const ExactColumns &columns, const TableFilter &filter)
{
    const std::pair<const QString &, const QString &> equalities[] = {
        {columns.type, filter.type},
        {columns.status, filter.status},
        {columns.currency, filter.currency},
        {columns.correlationId, filter.correlationId},
        {columns.operatorName, filter.operatorName}};
    for (const auto &[column, value] : equalities) {
        if (!column.isEmpty() && !value.isEmpty())
            where.add(column + QStringLiteral(" = ?"), {value});
    }
}

void addPositionAndTime(Conditions &where, const QString &positionColumn, const QString &time,
                        const TableFilter &filter)
{
    if (filter.upToPosition >= 0 && !positionColumn.isEmpty())
        where.add(positionColumn + QStringLiteral(" <= ?"), {filter.upToPosition});
    if (!filter.fromDate.isEmpty())
        where.add(time + QStringLiteral(" >= ?"), {filter.fromDate});
    // '~' sorts after every character of an ISO 8601 time, so the whole "to" day is included.
    if (!filter.toDate.isEmpty())
        where.add(time + QStringLiteral(" <= ?"), {filter.toDate + u'~'});
}

qint64 countLimitFor(const TableQuery &query, qint64 reverseOffsetMin)
{
    const qint64 end = query.offset + query.limit;
    qint64 limit = query.countRows ? query.countLimit : 2 * end;
    if (limit > 0 && query.offset >= reverseOffsetMin)
        limit = std::max(limit, 2 * end);
    return limit;
}

void takeRows(QSqlQuery &rows, int cells, bool reversed, TablePage &page)
{
    while (rows.next()) {
        QStringList row;
        row.reserve(cells);
        for (int column = 0; column < cells; ++column)
            row.append(rows.value(column).toString());
        page.rows.append(row);
    }
    if (reversed)
        std::reverse(page.rows.begin(), page.rows.end());
}

} // namespace billing::table_sql
