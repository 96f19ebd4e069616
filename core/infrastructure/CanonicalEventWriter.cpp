#include "CanonicalEventWriter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QVariant>

namespace billing::codec {
namespace {

// Qt escapes only control characters, '"' and '\' among ASCII; the first stay with Qt.
bool writeString(QStringView text, QByteArray &out)
{
    // Room for the worst case (every character escaped), written through a pointer: appending
    // one character at a time cost more than the rest of the event.
    const qsizetype start = out.size();
    out.resize(start + 2 + 2 * text.size());
    char *cursor = out.data() + start;
    *cursor++ = '"';
    for (const QChar c : text) {
        const char16_t unit = c.unicode();
        if (unit < 0x20 || unit > 0x7e)
            return false;
        if (unit == u'"' || unit == u'\\')
            *cursor++ = '\\';
        *cursor++ = char(unit);
    }
    *cursor++ = '"';
    out.resize(cursor - out.constData());
    return true;
}

void writeInteger(qint64 value, QByteArray &out)
{
    char digits[24];
    char *end = digits + sizeof digits;
    char *cursor = end;
    // Negated as unsigned, so the most negative value does not overflow.
    quint64 magnitude = value < 0 ? 0 - quint64(value) : quint64(value);
    do {
        *--cursor = char('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude != 0);
    if (value < 0)
        *--cursor = '-';
    out.append(cursor, end - cursor);
}

bool writeValue(const QJsonValue &value, QByteArray &out);

bool writeObject(const QJsonObject &object, QByteArray &out)
{
    out.append('{');
    bool first = true;
    // QJsonObject keeps its keys sorted, and Qt's writer walks them in that order too.
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (!first)
            out.append(',');
        first = false;
        if (!writeString(it.key(), out))
            return false;
        out.append(':');
        if (!writeValue(it.value(), out))
            return false;
    }
    out.append('}');
    return true;
}

bool writeArray(const QJsonArray &array, QByteArray &out)
{
    out.append('[');
    bool first = true;
    for (const QJsonValue item : array) {
        if (!first)
            out.append(',');
        first = false;
        if (!writeValue(item, out))
            return false;
    }
    out.append(']');
    return true;
}

bool writeValue(const QJsonValue &value, QByteArray &out)
{
    switch (value.type()) {
    case QJsonValue::Null:
        out.append("null");
        return true;
    case QJsonValue::Bool:
        out.append(value.toBool() ? "true" : "false");
        return true;
    case QJsonValue::String:
        return writeString(value.toString(), out);
    case QJsonValue::Double: {
        // Whole numbers are kept as integers and written as such; a real fraction is Qt's.
        const QVariant number = value.toVariant();
        if (number.typeId() != QMetaType::LongLong)
            return false;
        writeInteger(number.toLongLong(), out);
        return true;
    }
    case QJsonValue::Array:
        return writeArray(value.toArray(), out);
    case QJsonValue::Object:
        return writeObject(value.toObject(), out);
    case QJsonValue::Undefined:
        break;
    }
    return false;
}

void writeKey(const char *key, QByteArray &out)
{
    out.append('"');
    out.append(key);
    out.append("\":");
}

void writeDigits(int value, int width, char *at)
{
    for (int i = width - 1; i >= 0; --i) {
        at[i] = char('0' + value % 10);
        value /= 10;
    }
}

} // namespace

bool writeTimestamp(qint64 msSinceEpoch, QByteArray &out)
{
    // 10000-01-01T00:00:00.000Z: QDateTime writes larger years its own way.
    constexpr qint64 year10000Ms = 253402300800000;
    if (msSinceEpoch < 0 || msSinceEpoch >= year10000Ms)
        return false;
    constexpr qint64 msPerDay = 86400000;
    const qint64 days = msSinceEpoch / msPerDay;
    const qint64 msOfDay = msSinceEpoch % msPerDay;
    // Days to a civil date (Howard Hinnant's algorithm), with March as the first month so the
    // leap day falls at the end of the year.
    const qint64 shifted = days + 719468;
    const qint64 era = shifted / 146097;
    const qint64 dayOfEra = shifted - era * 146097;
    const qint64 yearOfEra =
        (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 monthIndex = (5 * dayOfYear + 2) / 153;
    const int day = int(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
    const int month = int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
    const int year = int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
    char text[24] = {0, 0,   0, 0, '-', 0, 0, '-', 0, 0, 'T', 0,
                     0, ':', 0, 0, ':', 0, 0, '.', 0, 0, 0,   'Z'};
    writeDigits(year, 4, text);
    writeDigits(month, 2, text + 5);
    writeDigits(day, 2, text + 8);
    writeDigits(int(msOfDay / 3600000), 2, text + 11);
    writeDigits(int(msOfDay / 60000 % 60), 2, text + 14);
    writeDigits(int(msOfDay / 1000 % 60), 2, text + 17);
    writeDigits(int(msOfDay % 1000), 3, text + 20);
    out.append(text, sizeof text);
    return true;
}

namespace {

bool writeEnvelope(const EventEnvelope &event, QByteArray &out, bool withHash)
{
    out.clear();
    out.reserve(768);
    // The envelope's keys in sorted order, as QJsonObject keeps them.
    out.append('{');
    writeKey("aggregateId", out);
    if (!writeString(event.aggregateId, out))
        return false;
    out.append(',');
    writeKey("aggregateVersion", out);
    writeInteger(event.aggregateVersion, out);
    out.append(',');
    writeKey("causationId", out);
    if (!writeString(event.causationId, out))
        return false;
    out.append(',');
    writeKey("correlationId", out);
    if (!writeString(event.correlationId, out))
        return false;
    out.append(',');
    writeKey("data", out);
    if (!writeObject(event.data, out))
        return false;
    out.append(',');
    writeKey("eventId", out);
    if (!writeString(event.eventId, out))
        return false;
    out.append(',');
    writeKey("eventType", out);
    if (!writeString(event.eventType, out))
        return false;
    out.append(',');
    if (withHash) {
        writeKey("hash", out);
        if (!writeString(event.hash, out))
            return false;
        out.append(',');
    }
    writeKey("operator", out);
    if (!writeString(event.operatorName, out))
        return false;
    out.append(',');
    writeKey("position", out);
    writeInteger(event.position, out);
    out.append(',');
    writeKey("schemaVersion", out);
    writeInteger(event.schemaVersion, out);
    out.append(',');
    writeKey("timestamp", out);
    out.append('"');
    if (!writeTimestamp(event.timestampMs, out))
        return false;
    out.append("\"}");
    return true;
}

} // namespace

bool writeCanonical(const EventEnvelope &event, QByteArray &out)
{
    return writeEnvelope(event, out, false);
}

bool writeRecord(const EventEnvelope &event, QByteArray &out)
{
    return writeEnvelope(event, out, true);
}

bool writeData(const QJsonObject &data, QByteArray &out)
{
    out.clear();
    out.reserve(512);
    return writeObject(data, out);
}

} // namespace billing::codec
