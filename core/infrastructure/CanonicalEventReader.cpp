#include "CanonicalEventReader.h"

#include "EventCodec.h"

#include "domain/Invariant.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace billing {
namespace {

// The envelope's keys in the order QJsonObject writes them (sorted), with the opening quote
// and the colon, so that each is one comparison of bytes: a row with its keys in any other order
// or with any other key is not what the ledger wrote, and goes QJsonDocument's way.
enum class Slot {
    AggregateId,
    AggregateVersion,
    Data,
    EventId,
    EventType,
    Position,
    Schema,
    Time,
    Unread
};

struct EnvelopeKey
{
    std::string_view quoted;
    Slot slot;
};

constexpr std::array<EnvelopeKey, 11> envelopeKeys = {{
    {R"("aggregateId":)", Slot::AggregateId},
    {R"("aggregateVersion":)", Slot::AggregateVersion},
    {R"("causationId":)", Slot::Unread},
    {R"("correlationId":)", Slot::Unread},
    {R"("data":)", Slot::Data},
    {R"("eventId":)", Slot::EventId},
    {R"("eventType":)", Slot::EventType},
    {R"("operator":)", Slot::Unread},
    {R"("position":)", Slot::Position},
    {R"("schemaVersion":)", Slot::Schema},
    {R"("timestamp":)", Slot::Time},
}};

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

// The text widened to UTF-16 in `text`, whose buffer is reused from row to row, when
// plainAscii() holds for it. With SSE2 the check and the widening are one pass of 16 bytes a
// step; elsewhere, Qt's vectorised Latin-1 conversion after the check.
bool widenPlainAscii(QByteArrayView json, QString &text)
{
#if defined(__SSE2__)
    text.resize(json.size());
    auto *out = reinterpret_cast<char16_t *>(text.data());
    // Bytes >= 0x80 are negative as signed bytes, so one comparison finds them and the control
    // characters. No early exit: rows are nearly always plain, and the loop stays branch-free.
    const __m128i space = _mm_set1_epi8(0x20);
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i zero = _mm_setzero_si128();
    __m128i bad = zero;
    qsizetype at = 0;
    for (; at + 16 <= json.size(); at += 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(json.data() + at));
        bad = _mm_or_si128(
            bad, _mm_or_si128(_mm_cmplt_epi8(bytes, space), _mm_cmpeq_epi8(bytes, backslash)));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(out + at), _mm_unpacklo_epi8(bytes, zero));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(out + at + 8), _mm_unpackhi_epi8(bytes, zero));
    }
    if (_mm_movemask_epi8(bad) != 0 || !plainAscii(json.sliced(at)))
        return false;
    for (; at < json.size(); ++at)
        out[at] = static_cast<unsigned char>(json[at]);
    return true;
#else
    if (!plainAscii(json))
        return false;
    text = QString::fromLatin1(json);
    return true;
#endif
}

// Words, not memcmp: the keys compared are 7 to 19 bytes long, and the call to memcmp cost
// more than the comparing. The last word may overlap the one before it.
bool sameBytes(const char *bytes, std::string_view literal)
{
    BILLING_ASSERT(literal.size() >= sizeof(quint32));
    const auto same = [&](std::size_t at, auto word) {
        decltype(word) other = 0;
        std::memcpy(&word, bytes + at, sizeof word);
        std::memcpy(&other, literal.data() + at, sizeof other);
        return word == other;
    };
    const std::size_t size = literal.size();
    if (size < sizeof(quint64))
        return same(0, quint32()) && same(size - sizeof(quint32), quint32());
    for (std::size_t at = 0; at + sizeof(quint64) < size; at += sizeof(quint64)) {
        if (!same(at, quint64()))
            return false;
    }
    return same(size - sizeof(quint64), quint64());
}

// Whether `a` sorts before `b` byte by byte, as QJsonObject orders ASCII keys.
bool sortsBefore(std::string_view a, std::string_view b)
{
    const std::size_t common = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < common; ++i) {
        if (a[i] != b[i])
            return a[i] < b[i];
    }
    return a.size() < b.size();
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
    bool take(std::string_view literal)
    {
        const auto length = qsizetype(literal.size());
        if (m_size - m_at < length || !sameBytes(m_bytes + m_at, literal))
            return false;
        m_at += length;
        return true;
    }
    // The bytes the last string() read, without its quotes.
    std::string_view lastString() const { return m_lastString; }

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
        m_lastString = std::string_view(m_bytes + m_at, std::size_t(end - m_at));
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
    std::string_view m_lastString;
};

// The data object, its names in the strictly rising order QJsonObject writes them: so no name
// repeats (which QJsonObject would read differently) without comparing each with all the others.
bool readData(Cursor &cursor, FoldEvent &event)
{
    if (!cursor.take('{'))
        return false;
    event.dataCount = 0;
    if (cursor.take('}'))
        return true;
    std::string_view previous;
    do {
        if (event.dataCount == FoldEvent::fieldsMax)
            return false;
        FoldEvent::Field &field = event.data[std::size_t(event.dataCount)];
        if (!cursor.string(field.name) ||
            (event.dataCount > 0 && !sortsBefore(previous, cursor.lastString())))
            return false;
        previous = cursor.lastString();
        if (!cursor.take(':') || !cursor.string(field.value))
            return false;
        ++event.dataCount;
    } while (cursor.take(','));
    return cursor.take('}');
}

// One envelope value into its place in `event`, or into one of the locals parse() checks.
struct EnvelopeChecks
{
    qint64 schemaVersion = 0;
    QStringView eventId;
    QStringView timestamp;
};

bool readValue(Cursor &cursor, Slot slot, FoldEvent &event, EnvelopeChecks &checks)
{
    QStringView unread;
    switch (slot) {
    case Slot::AggregateId:
        return cursor.string(event.aggregateId);
    case Slot::AggregateVersion:
        return cursor.integer(event.aggregateVersion);
    case Slot::Data:
        return readData(cursor, event);
    case Slot::EventId:
        return cursor.string(checks.eventId);
    case Slot::EventType:
        return cursor.string(event.eventType);
    case Slot::Position:
        return cursor.integer(event.position);
    case Slot::Schema:
        return cursor.integer(checks.schemaVersion);
    case Slot::Time:
        return cursor.string(checks.timestamp);
    case Slot::Unread: // causationId, correlationId, operator: the fold does not read them
        return cursor.string(unread);
    }
    return false;
}

} // namespace

const FoldEvent *CanonicalEventReader::read(QByteArrayView json)
{
    return parse(json) ? &m_event : nullptr;
}

bool CanonicalEventReader::parse(QByteArrayView json)
{
    if (!widenPlainAscii(json, m_text))
        return false;
    m_event.dataCount = 0;
    Cursor cursor(json.data(), QStringView(m_text).utf16(), json.size());
    EnvelopeChecks checks;
    if (!cursor.take('{'))
        return false;
    for (const EnvelopeKey &key : envelopeKeys) {
        if ((key.slot != Slot::AggregateId && !cursor.take(',')) || !cursor.take(key.quoted) ||
            !readValue(cursor, key.slot, m_event, checks))
            return false;
    }
    if (!cursor.take('}') || !cursor.atEnd())
        return false;
    // What fromJson() refuses, and the older schemas that need upcasting, go the slow way.
    return !checks.eventId.isEmpty() && !m_event.eventType.isEmpty() &&
           !m_event.aggregateId.isEmpty() && m_event.aggregateVersion >= 1 &&
           checks.schemaVersion == event::currentSchemaVersion &&
           codec::parseTimestamp(checks.timestamp) >= 0;
}

} // namespace billing
