#pragma once

#include "domain/EventEnvelope.h"

#include <QHash>
#include <QList>
#include <QString>

namespace billing {

// Where one event's record sits in a partitioned log (a Kafka topic): its partition and offset.
struct SourceRecord
{
    QString topic;
    int partition = 0;
    qint64 offset = -1;
};

// Where a projector is in one partition of its source: the offset of the next record to read.
struct SourceOffset
{
    QString topic;
    int partition = 0;
    qint64 nextOffset = 0;
};

// A place to start reading a partitioned log short of its beginning: every event after
// `position` lies at or after its partition's offset here (a partition not named: from its
// beginning), and `hash` is that of the event at `position`, to check the chain from.
struct ReadPoint
{
    qint64 position = 0;
    QString hash;
    QList<SourceOffset> offsets;
};

// The records of some events, by position (EventStore::sourceRecords()).
using SourceRecords = QHash<qint64, SourceRecord>;

// For each partition that holds one of the `events` after position `after`, the offset after the
// last of them, by topic and partition. Every such event must be in `records`, unless `records`
// is empty (a store without partitions): then there are none.
QList<SourceOffset> nextOffsets(const QList<EventEnvelope> &events, const SourceRecords &records,
                                qint64 after);

// Offsets as stored next to a place in the log (snapshots, log places): a JSON array of
// {"topic", "partition", "offset"} with the offset as a string (PostgresLogPlaces::note() writes
// the same in SQL). Entries that make no sense are left out when read.
QString offsetsToJson(const QList<SourceOffset> &offsets);
QList<SourceOffset> offsetsFromJson(const QString &text);

} // namespace billing
