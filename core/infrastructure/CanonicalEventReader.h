#pragma once

#include "domain/FoldEvent.h"

#include <QByteArrayView>
#include <QString>

namespace billing {

// Reads the JSON the ledger itself writes for an event (codec::canonicalBytes: compact, one
// level of data, ASCII text without escapes, current schema) straight into a FoldEvent. It is
// strict: anything else (whitespace, escapes, other keys, keys out of QJsonObject's sorted
// order, an older schema, a bad field) is not read, and the caller takes QJsonDocument's way,
// which upcasts or names what is wrong.
class CanonicalEventReader
{
public:
    // The event, valid until the next call; nullptr when `json` is not in that shape.
    const FoldEvent *read(QByteArrayView json);

private:
    bool parse(QByteArrayView json);

    // The row widened to UTF-16 (ASCII only, so one unit per byte); the views point into it.
    QString m_text;
    FoldEvent m_event;
};

} // namespace billing
