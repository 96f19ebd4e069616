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

// The highest VmHWM seen across readings. The kernel's RSS counters are updated lazily, so a
// later VmHWM can read slightly below an earlier one; readings are taken while each big state is
// still alive, so that its peak is seen even if the mark drifts afterwards.
class MemoryWatch
{
public:
    MemoryReading sample();
    qint64 peakKiB() const { return m_peakKiB; }

private:
    qint64 m_peakKiB = -1;
};

double kibToMiB(qint64 kib);
double kibToMB(qint64 kib);

} // namespace billing::bench
