#pragma once

#include "domain/EventEnvelope.h"

#include <QByteArray>

namespace billing::codec {

// Writes the bytes QJsonDocument::Compact writes for an event's envelope without its hash
// (codec::canonicalBytes), straight from the envelope: no QJsonObject for it, no QVariant, one
// buffer. It covers what the ledger writes (ASCII text, whole numbers, nested objects and
// arrays); on anything else (escapes other than \" and \\, non-ASCII text, fractions) it
// returns false and the caller takes Qt's way, so the hash chain never depends on this writer
// being complete.
bool writeCanonical(const EventEnvelope &event, QByteArray &out);
// The same with the hash in its sorted place: the bytes of a Kafka record, which
// QJsonDocument::Compact writes for codec::toJson(event).
bool writeRecord(const EventEnvelope &event, QByteArray &out);
// An event's data alone, as QJsonDocument::Compact writes it (an audit row's changes).
bool writeData(const QJsonObject &data, QByteArray &out);

// yyyy-MM-ddTHH:mm:ss.zzzZ for years 1970 to 9999, written by hand; false outside them.
bool writeTimestamp(qint64 msSinceEpoch, QByteArray &out);

} // namespace billing::codec
