#include "Stats.h"

#include <algorithm>
#include <cmath>

namespace billing::bench {
namespace {

constexpr double nsPerMs = 1e6;

} // namespace

double percentileMs(const QList<qint64> &sortedNs, double percent)
{
    if (sortedNs.isEmpty())
        return 0;
    const auto rank =
        static_cast<qsizetype>(std::ceil(percent / 100.0 * static_cast<double>(sortedNs.size())));
    const qsizetype index = std::clamp<qsizetype>(rank - 1, 0, sortedNs.size() - 1);
    return static_cast<double>(sortedNs[index]) / nsPerMs;
}

double perSecond(qint64 count, double seconds)
{
    return seconds > 0 ? static_cast<double>(count) / seconds : 0;
}

LatencySummary summarize(QList<qint64> samplesNs, double wallSeconds)
{
    std::sort(samplesNs.begin(), samplesNs.end());
    LatencySummary summary;
    summary.count = samplesNs.size();
    summary.wallSeconds = wallSeconds;
    summary.perSecond = perSecond(summary.count, wallSeconds);
    summary.p50Ms = percentileMs(samplesNs, 50);
    summary.p99Ms = percentileMs(samplesNs, 99);
    summary.maxMs = samplesNs.isEmpty() ? 0 : static_cast<double>(samplesNs.last()) / nsPerMs;
    return summary;
}

} // namespace billing::bench
