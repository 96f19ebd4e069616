#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>

namespace billing {

// RFC 4180 records: commas, double quotes with "" escapes, CRLF or LF line ends.
QList<QStringList> readCsv(const QByteArray &bytes);

} // namespace billing
