#include "CsvReader.h"

namespace billing {
namespace {

bool isLineBreak(QChar c)
{
    return c == u'\n' || c == u'\r';
}

// Just past the line break at `i`; CRLF is one break.
qsizetype pastLineBreak(const QString &text, qsizetype i)
{
    return text[i] == u'\r' && i + 1 < text.size() && text[i + 1] == u'\n' ? i + 2 : i + 1;
}

class Reader
{
public:
    explicit Reader(const QString &text)
        : m_text(text)
    {}

    QList<CsvRecord> read();

private:
    void readQuoted(QChar c);
    void endRecord(int nextLine);
    // Reports the record as unclosed and reads on from the line after the one where its quote
    // opened: one stray quote spoils its own row, not every row after it.
    void recoverFromUnclosedQuote();

    const QString &m_text;
    QList<CsvRecord> m_records;
    CsvRecord m_record{{}, 1};
    QString m_field;
    qsizetype m_at = 0;
    int m_line = 1;
    bool m_quoted = false;
    bool m_fieldStarted = false;
    qsizetype m_quoteAt = 0;
    int m_quoteLine = 0;
};

QList<CsvRecord> Reader::read()
{
    // Each turn moves m_at on, or back to a line after the last unclosed quote, which is later
    // than any quote before it: the loop ends.
    while (m_at < m_text.size() || m_quoted) {
        if (m_at >= m_text.size()) {
            recoverFromUnclosedQuote();
            continue;
        }
        const QChar c = m_text[m_at];
        if (m_quoted) {
            readQuoted(c);
        } else if (c == u'"' && !m_fieldStarted) {
            m_quoted = true;
            m_fieldStarted = true;
            m_quoteAt = m_at;
            m_quoteLine = m_line;
            ++m_at;
        } else if (c == u',') {
            m_record.fields.append(m_field);
            m_field.clear();
            m_fieldStarted = false;
            ++m_at;
        } else if (isLineBreak(c)) {
            m_at = pastLineBreak(m_text, m_at);
            ++m_line;
            endRecord(m_line);
        } else {
            m_field += c;
            m_fieldStarted = true;
            ++m_at;
        }
    }
    if (m_fieldStarted || !m_record.fields.isEmpty())
        endRecord(m_line);
    return m_records;
}

void Reader::readQuoted(QChar c)
{
    if (c == u'"' && m_at + 1 < m_text.size() && m_text[m_at + 1] == u'"') {
        m_field += u'"';
        m_at += 2;
    } else if (c == u'"') {
        m_quoted = false;
        ++m_at;
    } else if (isLineBreak(c)) {
        const qsizetype next = pastLineBreak(m_text, m_at);
        m_field += QStringView(m_text).sliced(m_at, next - m_at);
        m_at = next;
        ++m_line;
    } else {
        m_field += c;
        ++m_at;
    }
}

void Reader::endRecord(int nextLine)
{
    m_record.fields.append(m_field);
    const bool single = m_record.fields.size() == 1;
    if (!(single && m_record.fields.first().isEmpty())) {
        m_record.blank = single && m_record.fields.first().trimmed().isEmpty();
        m_records.append(m_record);
    }
    m_record = CsvRecord{{}, nextLine};
    m_field.clear();
    m_fieldStarted = false;
}

void Reader::recoverFromUnclosedQuote()
{
    qsizetype lineEnd = m_quoteAt;
    while (lineEnd < m_text.size() && !isLineBreak(m_text[lineEnd]))
        ++lineEnd;
    // The field as far as its own line goes; the lines after it are read again as rows.
    m_record.fields.append(m_text.mid(m_quoteAt + 1, lineEnd - m_quoteAt - 1));
    m_record.unclosedQuote = true;
    m_records.append(m_record);
    m_quoted = false;
    m_field.clear();
    m_fieldStarted = false;
    m_at = lineEnd < m_text.size() ? pastLineBreak(m_text, lineEnd) : m_text.size();
    m_line = m_quoteLine + 1;
    m_record = CsvRecord{{}, m_line};
}

} // namespace

QList<CsvRecord> readCsv(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    return Reader(text).read();
}

} // namespace billing
