#pragma once

#include "application/TableQuery.h"

#include <QSqlQuery>
#include <QString>
#include <QVariantList>

namespace billing::table_sql {

// The WHERE clause of a windowed table read, AND-ed condition by condition, with the values
// bound to its `?` in order. The SQLite and PostgreSQL readers build theirs alike; what only
// one of them does (a search index, another dialect) it adds itself.
struct Conditions
{
    QString sql;
    QVariantList values;

    void add(const QString &condition, const QVariantList &bound);
};

// `text` as a LIKE pattern that finds it anywhere, its wildcards escaped (ESCAPE '\').
QString likePattern(const QString &text);

// The columns a table filters on by equality; an empty one is a filter the table ignores.
struct ExactColumns
{
    QString type;
    QString status;
    QString currency;
    QString correlationId;
    QString operatorName;
};

void addExactMatches(Conditions &where, const ExactColumns &columns, const TableFilter &filter);

// Time travel's upper position and the date range. `time` is the expression compared with the
// ISO 8601 prefixes of the filter (as text, byte by byte).
void addPositionAndTime(Conditions &where, const QString &positionColumn, const QString &time,
                        const TableFilter &filter);

// How far a page read counts its rows (0: to the end): as far as the query asks, and from
// `reverseOffsetMin` on at least twice the window's end, which is enough to tell whether the
// window is nearer the other end of the order. Counting further could not change that choice.
qint64 countLimitFor(const TableQuery &query, qint64 reverseOffsetMin);

// Appends the rows of an executed page read, `cells` text cells each, to `page`, turned around
// when the window was read from the other end of the order.
void takeRows(QSqlQuery &rows, int cells, bool reversed, TablePage &page);

} // namespace billing::table_sql
