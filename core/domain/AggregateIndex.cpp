#include "AggregateIndex.h"

#include <array>

namespace billing {
namespace {

constexpr qsizetype uuidLength = 36;

// Lower-case hex digits only; -1 for anything else. A table: replay looks up several ids per
// event, and 32 branches per id showed in its profile.
constexpr std::array<qint8, 128> hexDigits = [] {
    std::array<qint8, 128> table{};
    for (auto &value : table)
        value = -1;
    for (int c = '0'; c <= '9'; ++c)
        table[std::size_t(c)] = qint8(c - '0');
    for (int c = 'a'; c <= 'f'; ++c)
        table[std::size_t(c)] = qint8(c - 'a' + 10);
    return table;
}();

int hexValue(char16_t c)
{
    return c < hexDigits.size() ? hexDigits[c] : -1;
}

} // namespace

std::optional<QUuid> canonicalUuid(QStringView text)
{
    if (text.size() != uuidLength)
        return std::nullopt;
    std::array<quint8, 16> bytes{};
    std::size_t next = 0;
    for (qsizetype i = 0; i < uuidLength;) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (text[i] != u'-')
                return std::nullopt;
            ++i;
            continue;
        }
        const int high = hexValue(text[i].unicode());
        const int low = hexValue(text[i + 1].unicode());
        if (high < 0 || low < 0)
            return std::nullopt;
        bytes[next++] = quint8(high * 16 + low);
        i += 2;
    }
    const auto word = [&](std::size_t at, int count) {
        uint value = 0;
        for (int i = 0; i < count; ++i)
            value = value << 8 | bytes[at + std::size_t(i)];
        return value;
    };
    return QUuid(word(0, 4), ushort(word(4, 2)), ushort(word(6, 2)), bytes[8], bytes[9], bytes[10],
                 bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]);
}

std::optional<quint32> AggregateIndex::find(QStringView id) const
{
    if (const std::optional<QUuid> uuid = canonicalUuid(id)) {
        const auto it = m_byUuid.constFind(*uuid);
        return it == m_byUuid.cend() ? std::nullopt : std::optional<quint32>(*it);
    }
    if (m_byText.isEmpty())
        return std::nullopt;
    const auto it = m_byText.constFind(id.toString());
    return it == m_byText.cend() ? std::nullopt : std::optional<quint32>(*it);
}

bool AggregateIndex::insert(const QString &id, quint32 at)
{
    if (const std::optional<QUuid> uuid = canonicalUuid(id))
        return insertNew(m_byUuid, *uuid, at);
    return insertNew(m_byText, id, at);
}

void AggregateIndex::remove(QStringView id)
{
    if (const std::optional<QUuid> uuid = canonicalUuid(id))
        m_byUuid.remove(*uuid);
    else
        m_byText.remove(id.toString());
}

} // namespace billing
