#include "EventCodec.h"

#include "CanonicalEventWriter.h"
#include "domain/ReasonCode.h"
#include "domain/Sha256.h"

#include <QDate>
#include <QJsonDocument>

namespace billing::codec {
namespace {

Error malformed(const QString &what)
{
    return Error{reason::storageFailure, QStringLiteral("malformed event: %1").arg(what), {}};
}

int digits(QStringView text, qsizetype from, qsizetype count)
{
    int value = 0;
    for (qsizetype i = from; i < from + count; ++i) {
        const char16_t c = text[i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c - u'0');
    }
    return value;
}

} // namespace

QString formatTimestamp(qint64 msSinceEpoch)
{
    QByteArray text;
    if (writeTimestamp(msSinceEpoch, text))
        return QString::fromLatin1(text);
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

qint64 parseTimestamp(QStringView text)
{
    // yyyy-MM-ddTHH:mm:ss.zzzZ, parsed by hand: replay reads one per event.
    if (text.size() != 24 || text[4] != u'-' || text[7] != u'-' || text[10] != u'T' ||
        text[13] != u':' || text[16] != u':' || text[19] != u'.' || text[23] != u'Z')
        return -1;
    const int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
    const int hour = digits(text, 11, 2), minute = digits(text, 14, 2);
    const int second = digits(text, 17, 2), ms = digits(text, 20, 3);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 ||
        second < 0 || second > 59 || ms < 0)
        return -1;
    const QDate date(year, month, day);
    if (!date.isValid())
        return -1;
    const qint64 days = date.toJulianDay() - QDate(1970, 1, 1).toJulianDay();
    return ((days * 24 + hour) * 60 + minute) * 60000LL + second * 1000LL + ms;
}

QJsonObject toJson(const EventEnvelope &event, bool withHash)
{
    QJsonObject object{
        {QStringLiteral("eventId"), event.eventId},
        {QStringLiteral("eventType"), event.eventType},
        {QStringLiteral("aggregateId"), event.aggregateId},
        {QStringLiteral("aggregateVersion"), event.aggregateVersion},
        {QStringLiteral("timestamp"), formatTimestamp(event.timestampMs)},
        {QStringLiteral("correlationId"), event.correlationId},
        {QStringLiteral("causationId"), event.causationId},
        {QStringLiteral("operator"), event.operatorName},
        {QStringLiteral("schemaVersion"), event.schemaVersion},
        {QStringLiteral("position"), event.position},
        {QStringLiteral("data"), event.data},
    };
    if (withHash)
        object.insert(QStringLiteral("hash"), event.hash);
    return object;
}

Result<EventEnvelope> fromJson(const QJsonObject &object)
{
    EventEnvelope event;
    event.eventId = object.value(u"eventId").toString();
    event.eventType = object.value(u"eventType").toString();
    event.aggregateId = object.value(u"aggregateId").toString();
    event.aggregateVersion = object.value(u"aggregateVersion").toInteger();
    event.timestampMs = parseTimestamp(object.value(u"timestamp").toString());
    event.correlationId = object.value(u"correlationId").toString();
    event.causationId = object.value(u"causationId").toString();
    event.operatorName = object.value(u"operator").toString();
    event.schemaVersion = object.value(u"schemaVersion").toInt();
    event.position = object.value(u"position").toInteger();
    event.hash = object.value(u"hash").toString();
    event.data = object.value(u"data").toObject();
    if (event.eventId.isEmpty() || event.eventType.isEmpty() || event.aggregateId.isEmpty())
        return malformed(QStringLiteral("missing id, type or aggregate"));
    if (event.aggregateVersion < 1 || event.timestampMs < 0 || event.schemaVersion < 1)
        return malformed(QStringLiteral("bad version, timestamp or schema version"));
    return event;
}

Result<EventEnvelope> fromBytes(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return malformed(error.errorString());
    return fromJson(document.object());
}

QByteArray canonicalBytes(const EventEnvelope &event)
{
    QByteArray bytes;
    if (writeCanonical(event, bytes))
        return bytes;
    return QJsonDocument(toJson(event, false)).toJson(QJsonDocument::Compact);
}

QByteArray recordBytes(const EventEnvelope &event)
{
    QByteArray bytes;
    if (writeRecord(event, bytes))
        return bytes;
    return QJsonDocument(toJson(event)).toJson(QJsonDocument::Compact);
}

QByteArray dataBytes(const QJsonObject &data)
{
    QByteArray bytes;
    if (writeData(data, bytes))
        return bytes;
    return QJsonDocument(data).toJson(QJsonDocument::Compact);
}

QString chainHash(const QString &previousHash, const QByteArray &canonical)
{
    Sha256 hash;
    hash.addData(previousHash.toLatin1());
    hash.addData(canonical);
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace billing::codec
