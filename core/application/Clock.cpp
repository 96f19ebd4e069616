#include "Clock.h"

#include <QByteArray>
#include <QRandomGenerator>

namespace billing {

QString TimeOrderedIds::newId()
{
    constexpr quint32 counterMax = 0xfff; // 12 bits
    qint64 ms = QDateTime::currentMSecsSinceEpoch();
    if (ms <= m_lastMs) {
        // The same millisecond, or the clock stepped back: count on from the last id.
        ms = m_lastMs;
        if (++m_counter > counterMax) {
            ++ms;
            m_counter = 0;
        }
    } else {
        // A random start, with room to count up, so that ids of two processes in one
        // millisecond do not begin alike.
        m_counter = QRandomGenerator::global()->bounded(counterMax / 2);
    }
    m_lastMs = ms;
    const quint64 random = QRandomGenerator::global()->generate64();
    QByteArray bytes(16, Qt::Uninitialized);
    for (int i = 0; i < 6; ++i)
        bytes[i] = char((quint64(ms) >> (8 * (5 - i))) & 0xff);
    bytes[6] = char(0x70 | ((m_counter >> 8) & 0x0f)); // version 7
    bytes[7] = char(m_counter & 0xff);
    bytes[8] = char(0x80 | ((random >> 56) & 0x3f)); // the RFC variant
    for (int i = 9; i < 16; ++i)
        bytes[i] = char((random >> (8 * (15 - i))) & 0xff);
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

} // namespace billing
