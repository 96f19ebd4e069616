#include "ProcessMemory.h"

#include <QFile>

#include <algorithm>

namespace billing::bench {
namespace {

// "VmHWM:\t  123456 kB" -> 123456
qint64 kibAfter(const QByteArray &line, const QByteArray &label)
{
    if (!line.startsWith(label))
        return -1;
    QByteArray rest = line.mid(label.size()).trimmed();
    if (rest.endsWith("kB"))
        rest.chop(2);
    bool ok = false;
    const qint64 value = rest.trimmed().toLongLong(&ok);
    return ok ? value : -1;
}

} // namespace

MemoryReading readProcessMemory()
{
    MemoryReading reading;
    QFile status(QStringLiteral("/proc/self/status"));
    // readAll() reads until end of file; size- or atEnd()-driven reads see nothing, because
    // /proc files report a size of 0.
    if (!status.open(QIODevice::ReadOnly))
        return reading;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (const qint64 peak = kibAfter(line, "VmHWM:"); peak >= 0)
            reading.peakResidentKiB = peak;
        else if (const qint64 resident = kibAfter(line, "VmRSS:"); resident >= 0)
            reading.residentKiB = resident;
    }
    return reading;
}

MemoryReading MemoryWatch::sample()
{
    const MemoryReading reading = readProcessMemory();
    m_peakKiB = std::max({m_peakKiB, reading.peakResidentKiB, reading.residentKiB});
    return reading;
}

double kibToMiB(qint64 kib)
{
    return static_cast<double>(kib) / 1024.0;
}

double kibToMB(qint64 kib)
{
    return static_cast<double>(kib) * 1024.0 / 1e6;
}

} // namespace billing::bench
