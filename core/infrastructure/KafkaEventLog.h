#pragma once

#include "KafkaSettings.h"
#include "application/EventStore.h"

#include <QMap>

#include <functional>
#include <memory>

namespace RdKafka {
class KafkaConsumer;
class Producer;
class TopicPartition;
} // namespace RdKafka

namespace billing {

// The event log on Kafka: account events on billing.account-events, transaction events on
// billing.transaction-events, keyed by aggregate id (so one aggregate's events stay in order in
// one partition), each record the event's JSON exactly as the embedded store and `billing-cli
// events` show it, position and hash included. The global order is the position in each event;
// a reader merges the partitions by it.
//
// A writer (a non-empty transactional id) appends each command's events in one Kafka
// transaction with acks=all and an idempotent producer. It is meant to be the only writer (see
// docs/distributed.md): its positions, hashes and aggregate versions continue from what it has
// read. Opening a writer with a transactional id fences any older writer with the same id, whose
// open transaction is aborted and whose next commit fails; a fenced writer stays refused.
// Readers use read_committed: an aborted or unfinished transaction is never seen.
//
// Limit of this first version: the whole log is kept in memory once read.
class KafkaEventLog final : public EventStore
{
public:
    static Result<std::unique_ptr<KafkaEventLog>> open(const KafkaSettings &settings,
                                                       const QString &transactionalId = {});
    ~KafkaEventLog() override;

    Result<QList<EventEnvelope>> append(const QList<EventEnvelope> &events,
                                        const QHash<QString, qint64> &expectedVersions) override;
    Result<QList<EventEnvelope>> read(qint64 after, int limit) override;
    Result<qint64> lastPosition() override;
    QString location() const override;

    bool fenced() const { return m_fenced; }
    // Fault drills only: runs inside append() after the events were sent, before the commit.
    void setBeforeCommitHook(std::function<void()> hook);

private:
    explicit KafkaEventLog(KafkaSettings settings);
    Status openConsumer();
    Status openProducer(const QString &transactionalId);
    // Reads every committed record up to the end of each partition.
    Status refresh();
    Status take(const EventEnvelope &event);
    Status abortAfter(const QString &what, const QString &detail, bool fatal, bool abortable);

    KafkaSettings m_settings;
    std::unique_ptr<RdKafka::KafkaConsumer> m_consumer;
    std::unique_ptr<RdKafka::Producer> m_producer;
    // Never produces: asks where partitions end (ListOffsets, read_committed: the stable end).
    std::unique_ptr<RdKafka::Producer> m_offsets;
    std::vector<RdKafka::TopicPartition *> m_partitions;
    QMap<qint64, EventEnvelope> m_events;
    QHash<QString, qint64> m_versions;
    qint64 m_contiguous = 0; // positions 1..m_contiguous are all read and chained
    QString m_lastHash;
    bool m_fenced = false;
    std::function<void()> m_beforeCommit;
};

} // namespace billing
