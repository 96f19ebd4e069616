#pragma once

#include "KafkaEventLog.h"
#include "domain/LedgerState.h"

#include <QDeadlineTimer>
#include <QJsonObject>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace RdKafka {
class KafkaConsumer;
class Message;
} // namespace RdKafka

namespace billing {

// The decision maker of `billing-cli serve` (docs/distributed.md, "Who decides"). Every server
// of a ledger joins one consumer group on the one-partition command topic; the member that the
// group assigns the partition holds the role. On assignment it takes the writers'
// transactional id (init_transactions fences any older holder and ends its open transaction),
// reads the event log to its end, and only then takes the partition, whose committed offset is
// then final. It decides each batch of commands with decide() and commits the events, one
// outcome per command and the consumed offset in one Kafka transaction. A holder that loses the
// partition, is fenced, or fails to commit aborts and steps down: it leaves the group and joins
// again as a standby. A standby follows the log as a reader, so that on assignment it reads
// only what came after (a takeover no longer reads the whole log).
class KafkaCommandServer final
{
public:
    KafkaCommandServer(KafkaSettings settings, QString transactionalId);
    ~KafkaCommandServer();
    KafkaCommandServer(const KafkaCommandServer &) = delete;
    KafkaCommandServer(KafkaCommandServer &&) = delete;
    KafkaCommandServer &operator=(KafkaCommandServer &&) = delete;
    KafkaCommandServer &operator=(const KafkaCommandServer &) = delete;

    // Each change of role and each failure as one JSON object ("role": holder, standby, ...).
    void setReportHook(std::function<void(const QJsonObject &)> hook);
    // After each committed batch that wrote events, with those events and where the broker put
    // each (`serve` hands them to its projector). It must return quickly: the holder polls the
    // command partition in between, or the group takes the role away.
    using AfterCommit =
        std::function<void(const QList<EventEnvelope> &events, const SourceRecords &records)>;
    void setAfterCommitHook(AfterCommit hook);
    // Then, still on the deciding thread, with the state the batch left, the holder's log and
    // the batch's last event (`serve` copies the state for a snapshot now and then). It must
    // return quickly too.
    using StateCommitted = std::function<void(const LedgerState &state, const KafkaEventLog &log,
                                              const EventEnvelope &last)>;
    void setStateCommittedHook(StateCommitted hook);
    // The newest usable snapshot for a standby's new log, on the deciding thread; the loader
    // may start the log at the snapshot's place (KafkaEventLog::startAfterChecked). Without
    // one, a standby folds the log from its beginning.
    using SnapshotLoader = std::function<std::optional<LedgerState>(KafkaEventLog &log)>;
    void setSnapshotLoader(SnapshotLoader loader);
    // Serves until `stop` is set, then leaves the group so that a standby takes over at once.
    void run(const std::atomic<bool> &stop);
    qint64 commandsDecided() const { return m_decided; }
    // The last position of the log as this holder knows it; 0 while it stands by.
    qint64 logPosition() const { return m_state ? m_state->position() : 0; }

    // Called by the group's rebalance callback.
    void onAssigned();
    void onRevoked();

private:
    // Commands per Kafka transaction: a commit costs about the same for 10 or 2,000 of them.
    static constexpr int batchMax = 2000;

    void session(const std::atomic<bool> &stop);
    Status openConsumer();
    void stepDown(const QString &reason);
    Status decideBatch(const std::vector<std::unique_ptr<RdKafka::Message>> &batch);
    // Seeks the partition `fetched` came from back to its committed offset.
    Status rewindToCommitted(const RdKafka::Message &fetched);
    void report(QJsonObject object);
    // Drops a log whose role is given up; its producer is kept (see KafkaEventLog).
    static void retire(std::unique_ptr<KafkaEventLog> log);
    // While standing by: reads a little more of the log into the standby's state.
    void followAsStandby();
    // A standby's reader and its state, from the newest snapshot when there is one.
    bool startStandby();

    KafkaSettings m_settings;
    QString m_transactionalId;
    std::unique_ptr<RdKafka::KafkaConsumer> m_consumer;
    std::unique_ptr<KafkaEventLog> m_log;
    std::unique_ptr<LedgerState> m_state;
    // A standby's reader of the log (no transactional id) and the state folded from it.
    std::unique_ptr<KafkaEventLog> m_standbyLog;
    std::unique_ptr<LedgerState> m_standbyState;
    QDeadlineTimer m_followAgain; // expired: following may go on
    bool m_leave = false;         // leave the group at the end of this poll
    int m_assignments = 0;        // a batch polled across a rebalance is dropped, not decided
    qint64 m_decided = 0;
    std::function<void(const QJsonObject &)> m_report;
    AfterCommit m_afterCommit;
    StateCommitted m_stateCommitted;
    SnapshotLoader m_snapshotLoader;
    struct Rebalance;
    std::unique_ptr<Rebalance> m_rebalance;
    const std::atomic<bool> *m_stop = nullptr; // run()'s, for the logs it opens
};

} // namespace billing
