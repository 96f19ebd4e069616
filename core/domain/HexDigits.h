#pragma once

#include <QtGlobal>

#include <array>

namespace billing {

// Lower-case hex digits only; -1 for anything else. A table: replay reads several ids and a
// payload hash per event, and a branch per character showed in its profile.
inline constexpr std::array<qint8, 128> lowerHexDigits = [] {
    std::array<qint8, 128> table{};
    for (auto &value : table)
        value = -1;
    for (int c = '0'; c <= '9'; ++c)
        table[std::size_t(c)] = qint8(c - '0');
    for (int c = 'a'; c <= 'f'; ++c)
        table[std::size_t(c)] = qint8(c - 'a' + 10);
    return table;
}();

inline int lowerHexValue(char16_t c)
{
    return c < lowerHexDigits.size() ? lowerHexDigits[c] : -1;
}

} // namespace billing
