#pragma once

#include <QString>

namespace billing {

// One column of a multi-row write, as the text of a PostgreSQL array ('{"a","b",NULL}'). A
// statement of one array per column (INSERT ... SELECT FROM unnest(...)) costs the server one
// literal per column to parse, where a multi-row VALUES list cost a parse, an analysis and a
// coercion per value: at thousands of rows per batch that was half of PostgreSQL's work.
class PostgresArrayColumn
{
public:
    void append(const QString &text); // a null QString is NULL, an empty one ''
    void append(qint64 number);
    void append(bool flag);
    void appendNull();
    qsizetype size() const { return m_size; }
    // The array's text, closed; quote it as a string literal to send it.
    QString text() const;

private:
    void separate();

    QString m_text = QStringLiteral("{");
    qsizetype m_size = 0;
};

} // namespace billing
