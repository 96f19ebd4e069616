#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace billing {

struct CsvRecord
{
    QStringList fields;
    int line = 0; // the line of the file it starts on, from 1
    // A line of nothing but spaces or tabs: no record, but counted where records are numbered.
    bool blank = false;
    // A quote opened in it is never closed: the rest of the file would be one field. Reading
    // goes on with the line after the one where the quote opened.
    bool unclosedQuote = false;
};

// RFC 4180 records: commas, double quotes with "" escapes, CRLF or LF line ends. Empty lines
// give no record.
QList<CsvRecord> readCsv(const QByteArray &bytes);

} // namespace billing
