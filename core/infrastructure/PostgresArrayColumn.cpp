#include "PostgresArrayColumn.h"

namespace billing {

void PostgresArrayColumn::separate()
{
    if (m_size++ > 0)
        m_text += u',';
}

void PostgresArrayColumn::append(const QString &text)
{
    if (text.isNull()) {
        appendNull();
        return;
    }
    separate();
    // Quoted, so that commas, braces, spaces and the word NULL are plain text; inside the
    // quotes only '"' and '\' need a backslash.
    m_text += u'"';
    for (const QChar c : text) {
        if (c == u'"' || c == u'\\')
            m_text += u'\\';
        m_text += c;
    }
    m_text += u'"';
}

void PostgresArrayColumn::append(qint64 number)
{
    separate();
    m_text += QString::number(number);
}

void PostgresArrayColumn::append(bool flag)
{
    separate();
    m_text += flag ? u't' : u'f';
}

void PostgresArrayColumn::appendNull()
{
    separate();
    m_text += QStringLiteral("NULL");
}

QString PostgresArrayColumn::text() const
{
    return m_text + u'}';
}

} // namespace billing
