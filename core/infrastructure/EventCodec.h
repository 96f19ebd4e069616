#pragma once

#include "domain/EventEnvelope.h"
#include "domain/Result.h"

#include <QByteArray>
#include <QJsonObject>

namespace billing::codec {

// The one JSON shape of an event, shared by the SQLite store, Kafka and `billing-cli events`.
// Amounts are strings; time is ISO 8601 UTC with milliseconds.
QJsonObject toJson(const EventEnvelope &event, bool withHash = true);
Result<EventEnvelope> fromJson(const QJsonObject &object);
Result<EventEnvelope> fromBytes(const QByteArray &json);

// Compact JSON of the envelope without its hash. Qt keeps object keys sorted, so the bytes are a
// function of the content.
QByteArray canonicalBytes(const EventEnvelope &event);
// Compact JSON of the whole event, hash included: a Kafka record, a line of `billing-cli events`.
QByteArray recordBytes(const EventEnvelope &event);
// Compact JSON of an event's data (an audit row's changes).
QByteArray dataBytes(const QJsonObject &data);
// hex SHA-256 over the previous event's hash and this event's canonical bytes.
QString chainHash(const QString &previousHash, const QByteArray &canonical);

QString formatTimestamp(qint64 msSinceEpoch);
// Accepts exactly what formatTimestamp writes; -1 on anything else.
qint64 parseTimestamp(QStringView text);

} // namespace billing::codec
