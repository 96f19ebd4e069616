#include "CanonicalEventReader.h"

#include "EventCodec.h"

#include <cstring>

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

// Whether every byte is printable ASCII other than '\\': then no string in the text has an
// escape or needs decoding, and nothing else in compact JSON can hold such a byte. Eight bytes
// at a time, because this runs over every byte the fold reads.
bool plainAscii(QByteArrayView json)
{
    constexpr quint64 ones = 0x0101010101010101ULL;
    constexpr quint64 highs = 0x8080808080808080ULL;
    const auto hasZeroByte = [](quint64 word) {
        return ((word - ones) & ~word & highs) != 0;
    };
    qsizetype at = 0;
    for (; at + 8 <= json.size(); at += 8) {
        quint64 word = 0;
        std::memcpy(&word, json.data() + at, sizeof word);
        // A byte >= 0x80, a byte < 0x20 (given none >= 0x80), a backslash.
        if ((word & highs) != 0 || ((word - 0x20 * ones) & ~word & highs) != 0 ||
            hasZeroByte(word ^ ('\\' * ones)))
            return false;
    }
    for (; at < json.size(); ++at) {
        const auto byte = static_cast<unsigned char>(json[at]);
        if (byte >= 0x80 || byte < 0x20 || byte == '\\')
            return false;
    }
    return true;
}

// A cursor over the text: the bytes to search, their UTF-16 copy to view.
class Cursor
{
public:
    Cursor(const char *bytes, const char16_t *text, qsizetype size)
        : m_bytes(bytes)
        , m_text(text)
        , m_size(size)
    {}

    bool atEnd() const { return m_at == m_size; }
    bool take(char c)
    {
        if (m_at < m_size && m_bytes[m_at] == c) {
            ++m_at;
            return true;
        }
        return false;
    }
    bool peek(char c) const { return m_at < m_size && m_bytes[m_at] == c; }

    // A string; plainAscii() has ruled out escapes, so it ends at the next quote.
    bool string(QStringView &out)
    {
        if (!take('"'))
            return false;
        const void *quote = std::memchr(m_bytes + m_at, '"', std::size_t(m_size - m_at));
        if (!quote)
            return false;
        const qsizetype end = static_cast<const char *>(quote) - m_bytes;
        out = QStringView(m_text + m_at, end - m_at);
        m_at = end + 1;
        return true;
    }

    // A plain integer as QJsonDocument writes one: no sign but '-', no leading zero.
    bool integer(qint64 &out)
    {
        const bool negative = take('-');
        const qsizetype begin = m_at;
        qint64 value = 0;
        while (m_at < m_size && m_bytes[m_at] >= '0' && m_bytes[m_at] <= '9') {
            // 18 digits never overflow; longer numbers are left to QJsonDocument.
            if (m_at - begin == 18)
                return false;
            value = value * 10 + (m_bytes[m_at] - '0');
            ++m_at;
        }
        const qsizetype digits = m_at - begin;
        if (digits == 0 || (digits > 1 && m_bytes[begin] == '0'))
            return false;
        // A fraction or exponent makes it a double, which fromJson() would read differently.
        if (peek('.') || peek('e') || peek('E'))
            return false;
        out = negative ? -value : value;
        return true;
    }

private:
    const char *m_bytes;
    const char16_t *m_text;
    qsizetype m_size;
    qsizetype m_at = 0;
};

bool readData(Cursor &cursor, FoldEvent &event)
{
    if (!cursor.take('{'))
        return false;
    event.dataCount = 0;
    if (cursor.take('}'))
        return true;
    do {
        if (event.dataCount == FoldEvent::fieldsMax)
            return false;
        FoldEvent::Field &field = event.data[std::size_t(event.dataCount)];
        if (!cursor.string(field.name) || !cursor.take(':') || !cursor.string(field.value))
            return false;
        // A repeated name would be read differently by QJsonObject: leave it to that.
        if (event.find(field.name))
            return false;
        ++event.dataCount;
    } while (cursor.take(','));
    return cursor.take('}');
}

} // namespace

const FoldEvent *CanonicalEventReader::read(QByteArrayView json)
{
    return parse(json) ? &m_event : nullptr;
}

bool CanonicalEventReader::parse(QByteArrayView json)
{
    if (!plainAscii(json))
        return false;
    // Qt's Latin-1 conversion is vectorised; one allocation per event costs less than a loop.
    m_text = QString::fromLatin1(json);
    m_event = FoldEvent{};
    Cursor cursor(json.data(), QStringView(m_text).utf16(), json.size());
    unsigned seen = 0;
    qint64 schemaVersion = 0;
    QStringView eventId;
    QStringView timestamp;
    if (!cursor.take('{'))
        return false;
    do {
        QStringView name;
        if (!cursor.string(name) || !cursor.take(':'))
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
    } while (cursor.take(','));
    if (!cursor.take('}') || !cursor.atEnd() || seen != allKeys)
        return false;
    // What fromJson() refuses, and the older schemas that need upcasting, go the slow way.
    return !eventId.isEmpty() && !m_event.eventType.isEmpty() && !m_event.aggregateId.isEmpty() &&
           m_event.aggregateVersion >= 1 && schemaVersion == event::currentSchemaVersion &&
           codec::parseTimestamp(timestamp) >= 0;
}

} // namespace billing
