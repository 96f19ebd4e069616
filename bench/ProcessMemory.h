#pragma once

#include <QString>
#include <QtGlobal>

namespace billing::bench {

// The kernel's own accounting of this process, from /proc/self/status (Linux only; -1 elsewhere).
struct MemoryReading
{
    qint64 peakResidentKiB = -1; // VmHWM: the high-water mark of the resident set
    qint64 residentKiB = -1;     // VmRSS: the resident set right now
};

MemoryReading readProcessMemory();

double kibToMiB(qint64 kib);
double kibToMB(qint64 kib);

} // namespace billing::bench
