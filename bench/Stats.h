#pragma once

#include <QList>
#include <QtGlobal>

namespace billing::bench {

// One timed loop: the throughput of the loop as a whole and the latency of each operation in it.
struct LatencySummary
{
    qint64 count = 0;
    double wallSeconds = 0;
    double perSecond = 0;
    double p50Ms = 0;
    double p99Ms = 0;
    double maxMs = 0;
};

// Sorts its own copy of the samples: the caller keeps them in the order they were taken.
LatencySummary summarize(QList<qint64> samplesNs, double wallSeconds);

// Nearest-rank percentile, so the figure is always a latency that was actually observed.
double percentileMs(const QList<qint64> &sortedNs, double percent);

double perSecond(qint64 count, double seconds);

} // namespace billing::bench
