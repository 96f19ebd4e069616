#include "CanonicalEventReader.h"

#include "EventCodec.h"

#include <algorithm>

namespace billing {
namespace {

// Envelope keys, each allowed once; the required ones are all of those fromJson() checks.
enum Key : unsigned {
    AggregateId = 1U << 0,
    AggregateVersion = 1U << 1,
    CausationId = 1U << 2,
    CorrelationId = 1U << 3,
    Data = 1U << 4,
    EventId = 1U << 5,
    EventType = 1U << 6,
    Operator = 1U << 7,
    Position = 1U << 8,
    SchemaVersion = 1U << 9,
    Timestamp = 1U << 10,
};
constexpr unsigned allKeys = (1U << 11) - 1;

unsigned keyOf(QStringView name)
{
    static const struct
    {
        QStringView name;
        Key key;
    } keys[] = {
        {u"aggregateId", AggregateId},
        {u"aggregateVersion", AggregateVersion},
        {u"causationId", CausationId},
        {u"correlationId", CorrelationId},
        {u"data", Data},
        {u"eventId", EventId},
        {u"eventType", EventType},
        {u"operator", Operator},
        {u"position", Position},
        {u"schemaVersion", SchemaVersion},
        {u"timestamp", Timestamp},
    };
    for (const auto &known : keys) {
        if (known.name == name)
            return known.key;
    }
    return 0;
}

// A cursor over the widened text; every step says whether the text still has the shape.
class Cursor
{
public:
    Cursor(const char16_t *text, qsizetype size)
        : m_text(text)
        , m_size(size)
    {}

    bool atEnd() const { return m_at == m_size; }
    bool take(char16_t c)
    {
        if (m_at < m_size && m_text[m_at] == c) {
            ++m_at;
            return true;
        }
        return false;
    }
    bool peek(char16_t c) const { return m_at < m_size && m_text[m_at] == c; }

    // A string without escapes: the writer escapes only '"', '\\' and control characters.
    bool string(QStringView &out)
    {
        if (!take(u'"'))
            return false;
        const qsizetype begin = m_at;
        while (m_at < m_size && m_text[m_at] != u'"') {
            if (m_text[m_at] == u'\\' || m_text[m_at] < 0x20)
                return false;
            ++m_at;
        }
        if (m_at == m_size)
            return false;
        out = QStringView(m_text + begin, m_at - begin);
        ++m_at;
        return true;
    }

    // A plain integer as QJsonDocument writes one: no sign but '-', no leading zero.
    bool integer(qint64 &out)
    {
        const bool negative = take(u'-');
        const qsizetype begin = m_at;
        qint64 value = 0;
        while (m_at < m_size && m_text[m_at] >= u'0' && m_text[m_at] <= u'9') {
            // 18 digits never overflow; longer numbers are left to QJsonDocument.
            if (m_at - begin == 18)
                return false;
            value = value * 10 + (m_text[m_at] - u'0');
            ++m_at;
        }
        const qsizetype digits = m_at - begin;
        if (digits == 0 || (digits > 1 && m_text[begin] == u'0'))
            return false;
        // A fraction or exponent makes it a double, which fromJson() would read differently.
        if (peek(u'.') || peek(u'e') || peek(u'E'))
            return false;
        out = negative ? -value : value;
        return true;
    }

private:
    const char16_t *m_text;
    qsizetype m_size;
    qsizetype m_at = 0;
};

bool readData(Cursor &cursor, FoldEvent &event)
{
    if (!cursor.take(u'{'))
        return false;
    event.dataCount = 0;
    if (cursor.take(u'}'))
        return true;
    do {
        if (event.dataCount == FoldEvent::fieldsMax)
            return false;
        FoldEvent::Field &field = event.data[std::size_t(event.dataCount)];
        if (!cursor.string(field.name) || !cursor.take(u':') || !cursor.string(field.value))
            return false;
        // A repeated name would be read differently by QJsonObject: leave it to that.
        if (event.find(field.name))
            return false;
        ++event.dataCount;
    } while (cursor.take(u','));
    return cursor.take(u'}');
}

} // namespace

const FoldEvent *CanonicalEventReader::read(QByteArrayView json)
{
    return parse(json) ? &m_event : nullptr;
}

bool CanonicalEventReader::parse(QByteArrayView json)
{
    // Two plain loops rather than one with an exit, so that the compiler vectorises both.
    unsigned char high = 0;
    for (const char byte : json)
        high |= static_cast<unsigned char>(byte);
    if (high >= 0x80)
        return false;
    m_text.resize(std::size_t(json.size()));
    std::transform(json.begin(), json.end(), m_text.begin(),
                   [](char byte) { return char16_t(static_cast<unsigned char>(byte)); });
    m_event = FoldEvent{};
    Cursor cursor(m_text.data(), json.size());
    unsigned seen = 0;
    qint64 schemaVersion = 0;
    QStringView eventId;
    QStringView timestamp;
    if (!cursor.take(u'{'))
        return false;
    do {
        QStringView name;
        if (!cursor.string(name) || !cursor.take(u':'))
            return false;
        const unsigned key = keyOf(name);
        if (key == 0 || (seen & key) != 0)
            return false;
        seen |= key;
        bool ok = false;
        QStringView ignored;
        switch (key) {
        case AggregateId:
            ok = cursor.string(m_event.aggregateId);
            break;
        case AggregateVersion:
            ok = cursor.integer(m_event.aggregateVersion);
            break;
        case Data:
            ok = readData(cursor, m_event);
            break;
        case EventId:
            ok = cursor.string(eventId);
            break;
        case EventType:
            ok = cursor.string(m_event.eventType);
            break;
        case Position:
            ok = cursor.integer(m_event.position);
            break;
        case SchemaVersion:
            ok = cursor.integer(schemaVersion);
            break;
        case Timestamp:
            ok = cursor.string(timestamp);
            break;
        default: // causationId, correlationId, operator: the fold does not read them
            ok = cursor.string(ignored);
            break;
        }
        if (!ok)
            return false;
    } while (cursor.take(u','));
    if (!cursor.take(u'}') || !cursor.atEnd() || seen != allKeys)
        return false;
    // What fromJson() refuses, and the older schemas that need upcasting, go the slow way.
    return !eventId.isEmpty() && !m_event.eventType.isEmpty() && !m_event.aggregateId.isEmpty() &&
           m_event.aggregateVersion >= 1 && schemaVersion == event::currentSchemaVersion &&
           codec::parseTimestamp(timestamp) >= 0;
}

} // namespace billing
