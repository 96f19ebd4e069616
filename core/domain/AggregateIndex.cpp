#include "AggregateIndex.h"

#include "HexDigits.h"

#include <array>

namespace billing {
namespace {

constexpr qsizetype uuidLength = 36;

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
        const int high = lowerHexValue(text[i].unicode());
        const int low = lowerHexValue(text[i + 1].unicode());
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
        const quint32 *at = m_byUuid.find(*uuid);
        return at ? std::optional<quint32>(*at) : std::nullopt;
    }
    if (m_byText.isEmpty())
        return std::nullopt;
    const auto it = m_byText.constFind(id.toString());
    return it == m_byText.cend() ? std::nullopt : std::optional<quint32>(*it);
}

bool AggregateIndex::insert(const QString &id, quint32 at)
{
    if (const std::optional<QUuid> uuid = canonicalUuid(id))
        return m_byUuid.tryInsert(*uuid, at);
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
