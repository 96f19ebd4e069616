#include "KafkaCommandServer.h"

#include "CommandCodec.h"
#include "application/Decider.h"
#include "domain/ReasonCode.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QThread>

#include <librdkafka/rdkafkacpp.h>

namespace billing {
namespace {

constexpr int transactionCallMs = 30000;
constexpr int readChunk = 10000;
constexpr int followRetryMs = 10000;

Error failure(const QString &message)
{
    return Error{reason::storageFailure, message, QStringLiteral("store")};
}

// A command and what became of it within one batch.
struct Entry
{
    QString commandId;
    QString key;
    std::optional<Command> command;
    Outcome outcome;
    qsizetype events = 0;
};

Entry entryFor(const RdKafka::Message &message)
{
    Entry entry;
    const QJsonObject object =
        QJsonDocument::fromJson(
            QByteArray(static_cast<const char *>(message.payload()), qsizetype(message.len())))
            .object();
    entry.commandId = object.value(u"commandId").toString();
    entry.key = object.value(u"idempotencyKey").toString();
    Result<Command> command = codec::commandFromJson(object);
    if (command.ok()) {
        entry.command = std::move(command.value());
    } else {
        entry.outcome.kind = Outcome::Kind::Invalid;
        entry.outcome.code = command.error().code;
        entry.outcome.message = command.error().message;
        entry.outcome.field = command.error().field;
    }
    return entry;
}

} // namespace

struct KafkaCommandServer::Rebalance final : public RdKafka::RebalanceCb
{
    explicit Rebalance(KafkaCommandServer &server)
        : m_server(server)
    {}
    void rebalance_cb(RdKafka::KafkaConsumer *consumer, RdKafka::ErrorCode code,
                      std::vector<RdKafka::TopicPartition *> &partitions) override
    {
        // Cooperative: a member that joins or leaves moves no partition it does not have to,
        // so a standby starting up does not take the role from a live holder.
        if (code == RdKafka::ERR__ASSIGN_PARTITIONS) {
            // The role first, the partition after: its committed offset is final only once
            // init_transactions() has ended the previous holder's transaction.
            if (!partitions.empty())
                m_server.onAssigned();
            const std::unique_ptr<RdKafka::Error> error(consumer->incremental_assign(partitions));
        } else {
            if (!partitions.empty())
                m_server.onRevoked();
            const std::unique_ptr<RdKafka::Error> error(consumer->incremental_unassign(partitions));
        }
    }
    KafkaCommandServer &m_server;
};

KafkaCommandServer::KafkaCommandServer(KafkaSettings settings, QString transactionalId)
    : m_settings(std::move(settings))
    , m_transactionalId(std::move(transactionalId))
    , m_rebalance(std::make_unique<Rebalance>(*this))
{}

KafkaCommandServer::~KafkaCommandServer()
{
    retire(std::move(m_log));
    retire(std::move(m_standbyLog));
}

void KafkaCommandServer::retire(std::unique_ptr<KafkaEventLog> log)
{
    if (log)
        log->abandonProducer();
}

void KafkaCommandServer::setReportHook(std::function<void(const QJsonObject &)> hook)
{
    m_report = std::move(hook);
}

void KafkaCommandServer::setAfterCommitHook(AfterCommit hook)
{
    m_afterCommit = std::move(hook);
}

void KafkaCommandServer::setStateCommittedHook(StateCommitted hook)
{
    m_stateCommitted = std::move(hook);
}

void KafkaCommandServer::report(QJsonObject object)
{
    object.insert(QStringLiteral("atMs"), QDateTime::currentMSecsSinceEpoch());
    if (m_report)
        m_report(object);
}

void KafkaCommandServer::onAssigned()
{
    ++m_assignments;
    QElapsedTimer took;
    took.start();
    // The standby's reader takes the role: init_transactions() fences any older holder, and the
    // read below then goes on to the end of the log, as a fresh log's first read would.
    std::unique_ptr<KafkaEventLog> log;
    std::unique_ptr<LedgerState> state;
    // Assigned before it followed (a serve that just started): a standby now, from a snapshot.
    if (!m_standbyLog)
        startStandby();
    if (m_standbyLog) {
        if (m_standbyLog->takeWriterRole(m_transactionalId).ok()) {
            log = std::move(m_standbyLog);
            state = std::move(m_standbyState);
        } else {
            retire(std::move(m_standbyLog));
            m_standbyState.reset();
        }
    }
    if (!log) {
        Result<std::unique_ptr<KafkaEventLog>> opened = KafkaEventLog::open(
            m_settings, m_transactionalId, KafkaEventLog::WriterMode::Exclusive);
        if (!opened.ok()) {
            m_leave = true;
            report({{QStringLiteral("role"), QStringLiteral("failed")},
                    {QStringLiteral("error"), opened.error().message}});
            return;
        }
        log = std::move(opened.value());
        log->setStopFlag(m_stop);
        state = std::make_unique<LedgerState>();
    }
    const qint64 readBefore = state->position();
    for (;;) {
        const Result<QList<EventEnvelope>> events = log->read(state->position(), readChunk);
        if (!events.ok()) {
            retire(std::move(log));
            m_leave = true;
            report({{QStringLiteral("role"), QStringLiteral("failed")},
                    {QStringLiteral("error"), events.error().message}});
            return;
        }
        for (const EventEnvelope &event : events.value())
            state->apply(event);
        if (events.value().size() < readChunk)
            break;
    }
    BILLING_ASSERT(state->balanced());
    m_log = std::move(log);
    m_state = std::move(state);
    report({{QStringLiteral("role"), QStringLiteral("holder")},
            {QStringLiteral("position"), m_state->position()},
            {QStringLiteral("readBefore"), readBefore},
            {QStringLiteral("tookMs"), took.elapsed()}});
}

void KafkaCommandServer::followAsStandby()
{
    // A failed read may have waited long for a broker that is away: not again for a while, so
    // that the group's poll and a stop are not held up by it time after time.
    if (!m_followAgain.hasExpired())
        return;
    const auto failed = [this] {
        m_standbyLog.reset();
        m_standbyState.reset();
        m_followAgain = QDeadlineTimer(followRetryMs);
    };
    if (!m_standbyLog && !startStandby())
        return failed(); // the holder's own open says what is wrong, if this one holds
    // A page at a time: the group's poll in between keeps this member alive.
    const Result<QList<EventEnvelope>> events =
        m_standbyLog->read(m_standbyState->position(), readChunk);
    if (!events.ok())
        return failed();
    for (const EventEnvelope &event : events.value())
        m_standbyState->apply(event);
}

bool KafkaCommandServer::startStandby()
{
    Result<std::unique_ptr<KafkaEventLog>> opened = KafkaEventLog::open(m_settings);
    if (!opened.ok())
        return false;
    m_standbyLog = std::move(opened.value());
    m_standbyLog->setStopFlag(m_stop);
    m_standbyState = std::make_unique<LedgerState>();
    if (!m_snapshotLoader)
        return true;
    if (std::optional<LedgerState> loaded = m_snapshotLoader(*m_standbyLog)) {
        // Started at the snapshot's place: the writer's checks come from the snapshot.
        m_standbyLog->seedWriter(*loaded);
        m_standbyState = std::make_unique<LedgerState>(std::move(*loaded));
    }
    return true;
}

void KafkaCommandServer::setSnapshotLoader(SnapshotLoader loader)
{
    m_snapshotLoader = std::move(loader);
}

void KafkaCommandServer::onRevoked()
{
    if (m_log)
        stepDown(QStringLiteral("the command partition was revoked"));
}

void KafkaCommandServer::stepDown(const QString &reason)
{
    retire(std::move(m_log));
    m_state.reset();
    report(
        {{QStringLiteral("role"), QStringLiteral("standby")}, {QStringLiteral("reason"), reason}});
}

Status KafkaCommandServer::openConsumer()
{
    std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
    if (Status done = m_settings.configure(*conf); !done.ok())
        return done;
    // A holder that dies or is stopped stops heartbeating and loses the partition after the
    // session timeout; one that hangs while its process lives, after max.poll.interval.ms.
    // Both are well inside the 15 s a takeover may take (docs/distributed.md).
    for (const auto &[name, value] :
         {std::pair{"group.id", m_settings.deciderGroup()},
          std::pair{"session.timeout.ms", QStringLiteral("6000")},
          std::pair{"heartbeat.interval.ms", QStringLiteral("1000")},
          std::pair{"max.poll.interval.ms", QStringLiteral("10000")},
          std::pair{"partition.assignment.strategy", QStringLiteral("cooperative-sticky")},
          std::pair{"enable.auto.commit", QStringLiteral("false")},
          std::pair{"auto.offset.reset", QStringLiteral("earliest")},
          std::pair{"isolation.level", QStringLiteral("read_committed")},
          std::pair{"fetch.wait.max.ms", QStringLiteral("20")}}) {
        if (Status done = KafkaSettings::set(*conf, name, value); !done.ok())
            return done;
    }
    std::string error;
    if (conf->set("rebalance_cb", m_rebalance.get(), error) != RdKafka::Conf::CONF_OK)
        return failure(QString::fromStdString(error));
    m_consumer.reset(RdKafka::KafkaConsumer::create(conf.get(), error));
    if (!m_consumer)
        return failure(QString::fromStdString(error));
    const RdKafka::ErrorCode code =
        m_consumer->subscribe({m_settings.commandTopic().toStdString()});
    if (code != RdKafka::ERR_NO_ERROR)
        return failure(QString::fromStdString(RdKafka::err2str(code)));
    return Done{};
}

void KafkaCommandServer::run(const std::atomic<bool> &stop)
{
    m_stop = &stop;
    while (!stop.load()) {
        session(stop);
        // A pause before joining again, random so that two servers do not keep trading the role.
        for (int waited = 0; waited < 10 && !stop.load(); ++waited)
            QThread::msleep(QRandomGenerator::global()->bounded(50, 150));
    }
}

void KafkaCommandServer::session(const std::atomic<bool> &stop)
{
    m_leave = false;
    if (Status opened = openConsumer(); !opened.ok()) {
        report({{QStringLiteral("role"), QStringLiteral("failed")},
                {QStringLiteral("error"), opened.error().message}});
        m_consumer.reset();
        return;
    }
    report({{QStringLiteral("role"), QStringLiteral("standby")},
            {QStringLiteral("reason"), QStringLiteral("joined the group")}});
    while (!stop.load() && !m_leave) {
        std::vector<std::unique_ptr<RdKafka::Message>> batch;
        const int assignments = m_assignments;
        // Poll, then take what else is already there, up to a batch: the pace is ours.
        for (int timeoutMs = 100; batch.size() < size_t(batchMax); timeoutMs = 0) {
            std::unique_ptr<RdKafka::Message> message(m_consumer->consume(timeoutMs));
            if (message->err() != RdKafka::ERR_NO_ERROR)
                break;
            batch.push_back(std::move(message));
        }
        if (!m_log && assignments == m_assignments)
            followAsStandby();
        if (!batch.empty() && m_log && assignments != m_assignments) {
            // The role came while polling: the commands fetched may be from before it, so
            // none is decided now, but the consumer is past them all. Back to the committed
            // offset, or those fetched after the assignment would be skipped, and the next
            // batch's offset commit would mark them decided.
            if (Status rewound = rewindToCommitted(*batch.front()); !rewound.ok()) {
                stepDown(rewound.error().message);
                m_leave = true;
            }
            continue;
        }
        if (batch.empty() || !m_log || assignments != m_assignments)
            continue; // nothing to do, or the role changed while polling
        if (Status decided = decideBatch(batch); !decided.ok()) {
            stepDown(decided.error().message);
            m_leave = true;
        }
    }
    // Leaving the group hands the partition to a standby at once, not after a session timeout.
    m_consumer->close();
    m_consumer.reset();
    if (m_log)
        stepDown(stop.load() ? QStringLiteral("stopped") : QStringLiteral("left the group"));
}

Status KafkaCommandServer::rewindToCommitted(const RdKafka::Message &fetched)
{
    std::vector<RdKafka::TopicPartition *> partitions{
        RdKafka::TopicPartition::create(fetched.topic_name(), fetched.partition())};
    const auto destroy =
        qScopeGuard([&partitions] { RdKafka::TopicPartition::destroy(partitions); });
    RdKafka::ErrorCode code = m_consumer->committed(partitions, transactionCallMs);
    if (code == RdKafka::ERR_NO_ERROR) {
        // Nothing committed yet: from the start, as auto.offset.reset says.
        if (partitions.front()->offset() < 0)
            partitions.front()->set_offset(RdKafka::Topic::OFFSET_BEGINNING);
        code = m_consumer->seek(*partitions.front(), transactionCallMs);
    }
    if (code != RdKafka::ERR_NO_ERROR)
        return Error{reason::storageFailure,
                     QStringLiteral("rewinding the command log after taking the role: %1")
                         .arg(QString::fromStdString(RdKafka::err2str(code))),
                     {}};
    return Done{};
}

Status KafkaCommandServer::decideBatch(const std::vector<std::unique_ptr<RdKafka::Message>> &batch)
{
    QList<Entry> entries;
    for (const std::unique_ptr<RdKafka::Message> &message : batch)
        entries.append(entryFor(*message));
    QList<EventEnvelope> events;
    QHash<QString, qint64> expected;
    m_state->beginTentative();
    for (Entry &entry : entries) {
        if (!entry.command)
            continue;
        Decision decision = decide(*m_state, *entry.command);
        for (const EventEnvelope &event : std::as_const(decision.events))
            m_state->apply(event);
        // The version each aggregate had in the log, before this batch touched it.
        for (auto it = decision.expectedVersions.cbegin(); it != decision.expectedVersions.cend();
             ++it) {
            if (!expected.contains(it.key()))
                expected.insert(it.key(), it.value());
        }
        events += decision.events;
        entry.events = decision.events.size();
        entry.outcome = decision.outcome;
    }
    BILLING_ASSERT(m_state->balanced());
    const RdKafka::Message &last = *batch.back();
    const auto extras = [&](RdKafka::Producer &producer,
                            const QList<EventEnvelope> &written) -> Status {
        BILLING_ASSERT(written.size() == events.size());
        const std::string topic = m_settings.outcomeTopic().toStdString();
        qsizetype next = 0;
        for (Entry &entry : entries) {
            next += entry.events;
            if (entry.events > 0)
                entry.outcome.position = written[next - 1].position;
            const QByteArray value =
                QJsonDocument(
                    QJsonObject{{QStringLiteral("commandId"), entry.commandId},
                                {QStringLiteral("idempotencyKey"), entry.key},
                                {QStringLiteral("outcome"), codec::outcomeToJson(entry.outcome)}})
                    .toJson(QJsonDocument::Compact);
            const QByteArray key = entry.key.toUtf8();
            RdKafka::ErrorCode code = RdKafka::ERR__QUEUE_FULL;
            for (int attempt = 0; attempt < 100 && code == RdKafka::ERR__QUEUE_FULL; ++attempt) {
                code = producer.produce(topic, 0, RdKafka::Producer::RK_MSG_COPY,
                                        const_cast<char *>(value.constData()), size_t(value.size()),
                                        key.constData(), size_t(key.size()), 0, nullptr);
                if (code == RdKafka::ERR__QUEUE_FULL)
                    producer.poll(100);
            }
            if (code != RdKafka::ERR_NO_ERROR)
                return failure(QStringLiteral("producing an outcome: %1")
                                   .arg(QString::fromStdString(RdKafka::err2str(code))));
        }
        // The commands' offset commits with the events and outcomes, or not at all.
        std::vector<RdKafka::TopicPartition *> offsets{RdKafka::TopicPartition::create(
            last.topic_name(), last.partition(), last.offset() + 1)};
        const std::unique_ptr<RdKafka::ConsumerGroupMetadata> group(m_consumer->groupMetadata());
        const std::unique_ptr<RdKafka::Error> sent(
            producer.send_offsets_to_transaction(offsets, group.get(), transactionCallMs));
        RdKafka::TopicPartition::destroy(offsets);
        if (sent)
            return failure(QStringLiteral("send_offsets_to_transaction: %1")
                               .arg(QString::fromStdString(sent->str())));
        return Done{};
    };
    const Result<QList<EventEnvelope>> written = m_log->commit(events, expected, extras);
    if (!written.ok()) {
        m_state->undoTentative();
        return written.error();
    }
    if (written.value().isEmpty())
        m_state->undoTentative();
    else
        m_state->confirmTentative(written.value().last().position);
    m_decided += entries.size();
    if (m_afterCommit && !written.value().isEmpty())
        m_afterCommit(written.value(), m_log->sourceRecords(written.value()));
    if (m_stateCommitted && !written.value().isEmpty())
        m_stateCommitted(*m_state, *m_log, written.value().last());
    return Done{};
}

} // namespace billing
