#include "SourceOffset.h"

#include "domain/Invariant.h"

#include <QMap>

namespace billing {

QList<SourceOffset> nextOffsets(const QList<EventEnvelope> &events, const SourceRecords &records,
                                qint64 after)
{
    if (records.isEmpty())
        return {};
    QMap<std::pair<QString, int>, qint64> next;
    for (const EventEnvelope &event : events) {
        if (event.position <= after)
            continue;
        const auto record = records.constFind(event.position);
        // A partial set would store an offset behind events that were applied.
        BILLING_ASSERT(record != records.cend() && record->offset >= 0);
        qint64 &offset = next[{record->topic, record->partition}];
        offset = std::max(offset, record->offset + 1);
    }
    QList<SourceOffset> offsets;
    for (auto it = next.cbegin(); it != next.cend(); ++it)
        offsets.append(SourceOffset{it.key().first, it.key().second, it.value()});
    return offsets;
}

} // namespace billing
