#include "ProcessMemory.h"

#include <QFile>

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
    // Line by line until atEnd(): /proc files report a size of 0, so size-based reads get nothing.
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly | QIODevice::Text))
        return reading;
    while (!status.atEnd()) {
        const QByteArray line = status.readLine();
        if (const qint64 peak = kibAfter(line, "VmHWM:"); peak >= 0)
            reading.peakResidentKiB = peak;
        else if (const qint64 resident = kibAfter(line, "VmRSS:"); resident >= 0)
            reading.residentKiB = resident;
    }
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
