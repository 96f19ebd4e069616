#pragma once

#include "KafkaEventRecords.h"

#include <QMap>

namespace RdKafka {
class TopicPartition;
}

namespace billing {

// A place to start reading the event topics at, short of their beginning: every event after
// `position` is at or after `offsets[i]` in partition i; `hash` is that of the event at
// `position`. The log notes one every few thousand events as it reads.
struct LogCheckpoint
{
    qint64 position = 0;
    QString hash;
    std::vector<int64_t> offsets; // in the order of the partitions the scan was opened with
    bool learned = false;         // from elsewhere (PostgreSQL), not checked by this reader
};

// Reads the event topics again from their beginning, in position order, for a reader that asks
// for events older than those KafkaEventLog still holds in memory (a projection rebuilt from
// scratch, `billing-cli events --after 0` on a long log, an auditor's jump back in time). It
// goes on from where it stopped when the next read continues the last one, and otherwise starts
// at the nearest checkpoint before the events asked for, checking the hash chain from there. It
// holds only the records read ahead of the next position.
class KafkaLogScan
{
public:
    // `partitions`: every partition of the event topics (topic, partition).
    static Result<std::unique_ptr<KafkaLogScan>>
    open(const KafkaSettings &settings, const std::vector<std::pair<std::string, int>> &partitions);
    ~KafkaLogScan();

    // The events after `after`, at most `limit` and none past `upTo`, a position every event
    // up to which is committed; where each one's record is goes into `records`. `checkpoints`
    // in position order.
    Result<QList<EventEnvelope>> read(qint64 after, int limit, qint64 upTo,
                                      const QList<LogCheckpoint> &checkpoints,
                                      SourceRecords &records);
    // Without a record for this long, a read gives up (a broker gone away; 30 s unless set).
    void setStallLimit(int ms) { m_stalledMs = ms; }
    // Records consumed since the scan was opened.
    qint64 recordsRead() const { return m_recordsRead; }
    // Positions up to this one were read and checked: a read after it continues the last one.
    qint64 chained() const { return m_chained; }

private:
    KafkaLogScan() = default;
    Status startAt(const LogCheckpoint &checkpoint);
    // The events after `after` from where the scan stands.
    Result<QList<EventEnvelope>> readChained(qint64 after, int limit, qint64 upTo,
                                             SourceRecords &records);

    std::unique_ptr<RdKafka::KafkaConsumer> m_consumer;
    std::vector<std::pair<std::string, int>> m_partitions;
    QMap<qint64, kafka::EventRecord> m_ahead; // read, past the next position
    qint64 m_chained = 0;                     // positions 1..m_chained are read and checked
    QString m_lastHash;
    int m_stalledMs = 30000;
    qint64 m_recordsRead = 0;
};

} // namespace billing
