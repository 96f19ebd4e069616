#pragma once

#include "KafkaLogScan.h"
#include "KafkaSettings.h"
#include "TakenKeys.h"
#include "application/EventStore.h"

#include <QMap>
#include <QSet>

#include <atomic>
#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <optional>

namespace RdKafka {
class Handle;
class KafkaConsumer;
class Producer;
class TopicPartition;
} // namespace RdKafka

namespace billing {

class KafkaDeliveries;

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
// Readers use read_committed: an aborted or unfinished transaction is never seen; and since a
// committed transaction can become visible one partition at a time, they show the log only up
// to the end of the last append they have read whole (each record names its append's end).
//
// Memory: it keeps the newest KafkaSettings::eventsInMemory events it has read (and those a read
// in progress or the last commit needs); a read of older ones reads the topics again from the
// nearest checkpoint it noted (KafkaLogScan). What a writer checks against stays whole: each
// aggregate's version, the idempotency keys taken, the last hash.
class KafkaEventLog final : public EventStore
{
public:
    // Exclusive: the writer takes its transactional id when it opens, and once fenced stays
    // refused (the role of `serve`). Shared: every writing process uses the same id and takes
    // it on its first append; fenced, it answers CONCURRENCY_CONFLICT and takes the id back on
    // the next append, after reading what the other writer committed, so LedgerService decides
    // again on the whole log. Either way a decision commits only while its writer holds the id.
    enum class WriterMode { Exclusive, Shared };

    static Result<std::unique_ptr<KafkaEventLog>> open(const KafkaSettings &settings,
                                                       const QString &transactionalId = {},
                                                       WriterMode mode = WriterMode::Exclusive);
    ~KafkaEventLog() override;

    Result<QList<EventEnvelope>> append(const QList<EventEnvelope> &events,
                                        const QHash<QString, qint64> &expectedVersions) override;
    // Produces more records into the transaction of a commit, after its events (positioned and
    // hashed, as they will be committed) and before the commit: the outcomes and the consumed
    // command offsets of `serve`.
    using TransactionExtras =
        std::function<Status(RdKafka::Producer &producer, const QList<EventEnvelope> &written)>;
    // append() with extras, in one Kafka transaction; `events` may be empty when `extras` is set
    // (a batch of commands that all wrote nothing still commits their outcomes and offsets).
    Result<QList<EventEnvelope>> commit(const QList<EventEnvelope> &events,
                                        const QHash<QString, qint64> &expectedVersions,
                                        const TransactionExtras &extras);
    Result<QList<EventEnvelope>> read(qint64 after, int limit) override;
    Result<qint64> lastPosition() override;
    QString location() const override;
    // The topic, partition and offset of each of `events`, which this log returned (read or
    // committed): from the consumer's records, or from the delivery reports of a commit.
    SourceRecords sourceRecords(const QList<EventEnvelope> &events) const override;

    // Makes a log that has read nothing yet start at `point` instead of at the beginning of
    // each partition. Events up to its position are read from the topics again only when
    // asked for (KafkaLogScan). For a reader that needs only what came after, such as a
    // projector whose projections stand there; such a log never writes, as it knows neither
    // the versions nor the keys before. Returns whether it starts there: not when no offset
    // names one of its partitions (they came from other topics).
    bool startAfter(const ReadPoint &point);
    // startAfter() for a snapshot of the state at `position`, whose event has `hash`: only when
    // the topics, read from `point` with a scan of their own, chain up to that event. A snapshot
    // that does not match these topics is thus ignored, where a log started at it would refuse
    // them as tampered.
    Result<bool> startAfterChecked(const ReadPoint &point, qint64 position, const QString &hash);
    // For a log started at a snapshot's place, before it reads on: takes what a writer checks
    // (every aggregate's version, every idempotency key) from `state`, the snapshot's, so that
    // it may take the writer role after all (a serve that starts from a snapshot).
    void seedWriter(const LedgerState &state);
    // Nothing read yet: startAfter() may be called.
    bool untouched() const;
    // The newest place at or before `position` that this log noted as it read (one every few
    // thousand events), to start a later reader at (a snapshot's).
    std::optional<ReadPoint> readPointAtOrBefore(qint64 position) const;
    // Makes a reader (opened without a transactional id) the exclusive writer: it takes the id
    // now, fencing any older writer, and reads to the end of the log before its first commit.
    Status takeWriterRole(const QString &transactionalId);
    bool fenced() const { return m_fenced; }
    // How many events this log holds in memory now.
    qsizetype eventsHeld() const { return m_events.size(); }
    // Where to find a place at or before a position that this log did not note itself (the
    // projector's, in PostgreSQL): asked before a read of older events when the nearest noted
    // place is more than a checkpoint's distance before them.
    void setPlaceLookup(std::function<std::optional<ReadPoint>(qint64 atOrBefore)> lookup);
    // How many records reads of older events consumed so far, for tests.
    qint64 recordsScanned() const;
    // Lets the producer outlive this log (it is never destroyed, see abortAfter()), for a writer
    // that gives up its role: the rest, the log in memory included, goes with the object.
    void abandonProducer();
    // Fault drills only: runs inside append() after the events were sent, before the commit.
    void setBeforeCommitHook(std::function<void()> hook);
    // Runs after each committed append (the distributed storage projects from there).
    void setAfterCommitHook(std::function<void()> hook);
    // Once `stop` is set, a read that waits for an unreachable broker gives up within a second
    // instead of retrying for half a minute per partition (a serve told to stop, say).
    void setStopFlag(const std::atomic<bool> *stop) { m_stop = stop; }

private:
    explicit KafkaEventLog(KafkaSettings settings);
    Status openConsumer();
    Status openProducer(const QString &transactionalId);
    // Looks the event topics up on `handle`, so that its first request does not wait for it.
    void learnLeaders(RdKafka::Handle &handle);
    // Reads the committed records up to the end of each partition, or only until every append
    // up to position `enough` is whole.
    Status refresh(qint64 enough = 0);
    // Adds the place m_placeLookup knows at or before `after`, when the nearest one this log
    // noted lies further back than a checkpoint's distance.
    void learnPlaceBefore(qint64 after);
    // Whether a read that failed with `error` may have failed for a learned place.
    bool learnedPlaceFailed(const Error &error) const;
    // Drops every learned place, and the lookup; false when there was none.
    bool forgetLearnedPlaces();
    // Events older than those in memory, from the topics again.
    Result<QList<EventEnvelope>> readAgain(qint64 after, int limit);
    Status openScan();
    std::vector<std::pair<std::string, int>> scanPartitions() const;
    // `offsets` by partition, in m_partitions' order (OFFSET_BEGINNING where none is named);
    // none when they name no partition of this log.
    std::optional<std::vector<int64_t>>
    offsetsByPartition(const QList<SourceOffset> &offsets) const;
    // The first checkpoint after `position` (the one before it is the nearest at or before).
    QList<LogCheckpoint>::const_iterator checkpointAfter(qint64 position) const;
    // Lets go of events older than the newest eventsInMemory, keeping those after m_keepAfter.
    void forgetOldEvents();
    // Notes where a scan could start to read the events after m_contiguous.
    void noteCheckpoint();
    // A log found tampered with, or unreadable, stays refused.
    Status refuse(const Error &error);
    // Notes that `record` was taken, for the checkpoints.
    void passed(const SourceRecord &record);
    // The index of the record's partition in m_partitions; -1 for none of them.
    qsizetype partitionOf(const SourceRecord &record) const;
    // `appendEnd` is the last position of the append the event came in.
    Status take(const EventEnvelope &event, qint64 appendEnd, const SourceRecord &record);
    Status abortAfter(const QString &what, const QString &detail, bool fatal, bool abortable);
    Status produceEvents(const QList<EventEnvelope> &written);

    KafkaSettings m_settings;
    std::unique_ptr<RdKafka::KafkaConsumer> m_consumer;
    // Before the producers, which call it: destroyed after them.
    std::unique_ptr<KafkaDeliveries> m_deliveries;
    std::unique_ptr<RdKafka::Producer> m_producer;
    std::vector<std::unique_ptr<RdKafka::Producer>> m_fencedProducers;
    // Never produces: asks where partitions end (ListOffsets, read_committed: the stable end).
    std::unique_ptr<RdKafka::Producer> m_offsets;
    std::vector<RdKafka::TopicPartition *> m_partitions;
    QMap<qint64, EventEnvelope> m_events;  // the newest ones read, and any read out of order
    QHash<qint64, SourceRecord> m_records; // of the events in m_events
    qint64 m_forgotten = 0;                // positions 1..m_forgotten are no longer in memory
    qint64 m_keepAfter = std::numeric_limits<qint64>::max(); // a read in progress needs these
    bool m_readToEnd = false; // every partition has been read to its end at least once
    bool m_paused = false;    // no partition assigned: fetching stopped at the end of the log
    std::vector<int64_t> m_fetchFrom; // by partition: where fetching goes on when assigned again
    const std::atomic<bool> *m_stop = nullptr;
    std::optional<Error> m_refused;
    std::unique_ptr<KafkaLogScan> m_scan;
    SourceRecords m_scanRecords; // of the events the scan returned last
    QList<LogCheckpoint> m_checkpoints;
    // By partition: an offset from which every event not taken yet lies.
    std::vector<int64_t> m_resumeAt;
    // By partition: (position, offset) of the records read ahead of the chain, in offset order
    // (and so in position order), for noteCheckpoint(); those chained since leave lazily.
    struct AheadRecord
    {
        qint64 position = 0;
        int64_t offset = 0;
    };
    std::vector<std::deque<AheadRecord>> m_ahead;
    std::vector<QString> m_partitionTopics; // of m_partitions, as SourceRecord names them
    QHash<QString, qint64> m_versions;
    TakenKeys m_idempotencyKeys;
    QString m_transactionalId;
    WriterMode m_mode = WriterMode::Exclusive;
    qint64 m_contiguous = 0;            // positions 1..m_contiguous are all read and chained
    qint64 m_complete = 0;              // the last position up to which every append is whole
    QHash<qint64, qint64> m_appendEnds; // of events read past m_contiguous
    QString m_lastHash;
    bool m_fenced = false;
    qint64 m_startedAfter = 0; // startAfter(): positions up to it were not read from the start
    bool m_seeded = false;     // seedWriter(): it may write all the same
    std::function<void()> m_beforeCommit;
    std::function<void()> m_afterCommit;
    std::function<std::optional<ReadPoint>(qint64)> m_placeLookup;
};

} // namespace billing
