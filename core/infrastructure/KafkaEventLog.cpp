#include "KafkaEventLog.h"

#include "EventCodec.h"
#include "domain/ReasonCode.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QThread>
#include <QUuid>

#include <librdkafka/rdkafkacpp.h>

namespace billing {
namespace {

constexpr int readToEndMs = 30000;
constexpr int transactionCallMs = 30000;

Error failure(const QString &message)
{
    return Error{reason::storageFailure, message, QStringLiteral("store")};
}

QString text(const std::string &value)
{
    return QString::fromStdString(value);
}

} // namespace

KafkaEventLog::KafkaEventLog(KafkaSettings settings)
    : m_settings(std::move(settings))
{}

KafkaEventLog::~KafkaEventLog()
{
    if (m_consumer)
        m_consumer->close();
    RdKafka::TopicPartition::destroy(m_partitions);
}

Result<std::unique_ptr<KafkaEventLog>> KafkaEventLog::open(const KafkaSettings &settings,
                                                           const QString &transactionalId)
{
    std::unique_ptr<KafkaEventLog> log(new KafkaEventLog(settings));
    if (Status done = log->openConsumer(); !done.ok())
        return done.error();
    // The producer first: its init_transactions() fences an older writer and aborts that
    // writer's open transaction, so the read after it sees everything that will ever commit
    // before this writer's own transactions.
    if (!transactionalId.isEmpty()) {
        if (Status done = log->openProducer(transactionalId); !done.ok())
            return done.error();
    }
    if (Status done = log->refresh(); !done.ok())
        return done.error();
    return log;
}

QString KafkaEventLog::location() const
{
    return QStringLiteral("kafka:") + m_settings.bootstrap;
}

void KafkaEventLog::setBeforeCommitHook(std::function<void()> hook)
{
    m_beforeCommit = std::move(hook);
}

Status KafkaEventLog::openConsumer()
{
    std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
    if (Status done = m_settings.configure(*conf); !done.ok())
        return done;
    // Partitions are assigned, never subscribed: the group only names this reader, and no
    // offset is ever committed for it.
    for (const auto &[name, value] :
         {std::pair{"group.id", QStringLiteral("billing-reader-") +
                                    QUuid::createUuid().toString(QUuid::WithoutBraces)},
          std::pair{"enable.auto.commit", QStringLiteral("false")},
          std::pair{"auto.offset.reset", QStringLiteral("earliest")},
          std::pair{"isolation.level", QStringLiteral("read_committed")},
          std::pair{"fetch.wait.max.ms", QStringLiteral("100")}}) {
        if (Status done = KafkaSettings::set(*conf, name, value); !done.ok())
            return done;
    }
    std::string error;
    m_consumer.reset(RdKafka::KafkaConsumer::create(conf.get(), error));
    if (!m_consumer)
        return failure(text(error));
    // Where each partition ends is asked on a connection of its own: on the consumer's, the
    // question would queue behind a fetch that the broker holds for fetch.wait.max.ms.
    std::unique_ptr<RdKafka::Conf> offsetsConf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
    if (Status done = m_settings.configure(*offsetsConf); !done.ok())
        return done;
    m_offsets.reset(RdKafka::Producer::create(offsetsConf.get(), error));
    if (!m_offsets)
        return failure(text(error));
    // Topics that were just created may show no partitions or no leaders for a moment.
    const QDeadlineTimer deadline(readToEndMs);
    QString problem;
    do {
        RdKafka::TopicPartition::destroy(m_partitions);
        problem.clear();
        RdKafka::Metadata *metadata = nullptr;
        const RdKafka::ErrorCode code = m_consumer->metadata(true, nullptr, &metadata, readToEndMs);
        if (code != RdKafka::ERR_NO_ERROR) {
            problem = text(RdKafka::err2str(code));
            continue;
        }
        const std::unique_ptr<RdKafka::Metadata> owned(metadata);
        for (const QString &topic : {m_settings.accountTopic(), m_settings.transactionTopic()}) {
            const std::string name = topic.toStdString();
            problem = QStringLiteral("topic %1 does not exist").arg(topic);
            for (const RdKafka::TopicMetadata *each : *metadata->topics()) {
                if (each->topic() != name)
                    continue;
                problem.clear();
                if (each->err() != RdKafka::ERR_NO_ERROR || each->partitions()->empty())
                    problem = QStringLiteral("topic %1 is not ready").arg(topic);
                for (const RdKafka::PartitionMetadata *partition : *each->partitions()) {
                    if (partition->leader() < 0)
                        problem = QStringLiteral("topic %1 has no leader yet").arg(topic);
                    m_partitions.push_back(RdKafka::TopicPartition::create(
                        name, partition->id(), RdKafka::Topic::OFFSET_BEGINNING));
                }
            }
            if (!problem.isEmpty())
                break;
        }
    } while (!problem.isEmpty() && !deadline.hasExpired() && (QThread::msleep(200), true));
    if (!problem.isEmpty())
        return failure(QStringLiteral("Kafka at %1: %2").arg(m_settings.bootstrap, problem));
    const RdKafka::ErrorCode assigned = m_consumer->assign(m_partitions);
    if (assigned != RdKafka::ERR_NO_ERROR)
        return failure(text(RdKafka::err2str(assigned)));
    return Done{};
}

Status KafkaEventLog::openProducer(const QString &transactionalId)
{
    std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
    if (Status done = m_settings.configure(*conf); !done.ok())
        return done;
    const QString transactionTimeoutMs =
        qEnvironmentVariableIsSet("BILLING_KAFKA_TRANSACTION_TIMEOUT_MS")
            ? qEnvironmentVariable("BILLING_KAFKA_TRANSACTION_TIMEOUT_MS")
            : QStringLiteral("10000");
    for (const auto &[name, value] :
         {std::pair{"transactional.id", transactionalId},
          std::pair{"enable.idempotence", QStringLiteral("true")},
          std::pair{"acks", QStringLiteral("all")}, std::pair{"linger.ms", QStringLiteral("1")},
          // A writer that dies mid-transaction holds readers back until the broker aborts it.
          std::pair{"transaction.timeout.ms", transactionTimeoutMs}}) {
        if (Status done = KafkaSettings::set(*conf, name, value); !done.ok())
            return done;
    }
    std::string error;
    m_producer.reset(RdKafka::Producer::create(conf.get(), error));
    if (!m_producer)
        return failure(text(error));
    // Generous: on a fresh broker the first call waits for __transaction_state to exist.
    std::unique_ptr<RdKafka::Error> initialised(m_producer->init_transactions(60000));
    if (initialised)
        return failure(QStringLiteral("init_transactions: %1").arg(text(initialised->str())));
    return Done{};
}

Status KafkaEventLog::take(const EventEnvelope &event)
{
    if (event.position <= m_contiguous) {
        // Read again (our own append, then the consumer): it must be the very same event.
        if (m_events.value(event.position).hash != event.hash)
            return failure(
                QStringLiteral("two different events at position %1").arg(event.position));
        return Done{};
    }
    m_events.insert(event.position, event);
    for (auto next = m_events.constFind(m_contiguous + 1); next != m_events.cend();
         next = m_events.constFind(m_contiguous + 1)) {
        if (codec::chainHash(m_lastHash, codec::canonicalBytes(*next)) != next->hash)
            return failure(
                QStringLiteral("the hash chain breaks at position %1").arg(next->position));
        m_versions.insert(next->aggregateId, next->aggregateVersion);
        m_lastHash = next->hash;
        ++m_contiguous;
    }
    return Done{};
}

Status KafkaEventLog::refresh()
{
    // The end of each partition now; read_committed reaches it once every transaction below
    // it has committed or aborted (control records move the position past the end markers).
    std::vector<int64_t> ends;
    for (RdKafka::TopicPartition *partition : m_partitions) {
        int64_t low = 0;
        int64_t high = 0;
        // A broker that just restarted or moved a leader answers with a retriable error.
        const QDeadlineTimer retryUntil(readToEndMs);
        RdKafka::ErrorCode code = RdKafka::ERR_NO_ERROR;
        do {
            code = m_offsets->query_watermark_offsets(partition->topic(), partition->partition(),
                                                      &low, &high, readToEndMs);
        } while (code != RdKafka::ERR_NO_ERROR && !retryUntil.hasExpired() &&
                 (QThread::msleep(200), true));
        if (code != RdKafka::ERR_NO_ERROR)
            return failure(QStringLiteral("Kafka at %1: %2")
                               .arg(m_settings.bootstrap, text(RdKafka::err2str(code))));
        ends.push_back(high > low ? high : -1);
    }
    const QDeadlineTimer deadline(readToEndMs);
    for (;;) {
        std::vector<RdKafka::TopicPartition *> positions;
        for (const RdKafka::TopicPartition *partition : m_partitions)
            positions.push_back(
                RdKafka::TopicPartition::create(partition->topic(), partition->partition()));
        m_consumer->position(positions);
        bool atEnd = true;
        for (size_t i = 0; i < positions.size(); ++i)
            atEnd = atEnd && (ends[i] < 0 || positions[i]->offset() >= ends[i]);
        RdKafka::TopicPartition::destroy(positions);
        if (atEnd) {
            return Done{};
        }
        if (deadline.hasExpired())
            return failure(QStringLiteral("could not read the event topics to their end within "
                                          "%1 ms (an unfinished transaction?)")
                               .arg(readToEndMs));
        std::unique_ptr<RdKafka::Message> message(m_consumer->consume(100));
        if (message->err() == RdKafka::ERR__TIMED_OUT ||
            message->err() == RdKafka::ERR__PARTITION_EOF)
            continue;
        if (message->err() != RdKafka::ERR_NO_ERROR)
            return failure(QStringLiteral("reading events: %1").arg(text(message->errstr())));
        const Result<EventEnvelope> event = codec::fromBytes(
            QByteArray(static_cast<const char *>(message->payload()), qsizetype(message->len())));
        if (!event.ok())
            return failure(QStringLiteral("unreadable event at %1/%2@%3: %4")
                               .arg(text(message->topic_name()))
                               .arg(message->partition())
                               .arg(message->offset())
                               .arg(event.error().message));
        if (Status done = take(event.value()); !done.ok())
            return done;
    }
}

Result<QList<EventEnvelope>> KafkaEventLog::read(qint64 after, int limit)
{
    if (Status done = refresh(); !done.ok())
        return done.error();
    QList<EventEnvelope> events;
    for (auto it = m_events.lowerBound(after + 1);
         it != m_events.cend() && it.key() <= m_contiguous && events.size() < limit; ++it)
        events.append(*it);
    return events;
}

Result<qint64> KafkaEventLog::lastPosition()
{
    if (Status done = refresh(); !done.ok())
        return done.error();
    return m_contiguous;
}

Status KafkaEventLog::abortAfter(const QString &what, const QString &detail, bool fatal,
                                 bool abortable)
{
    if (fatal)
        m_fenced = true; // fenced by a newer writer, or broken for good: never write again
    else if (abortable) {
        std::unique_ptr<RdKafka::Error> aborted(m_producer->abort_transaction(transactionCallMs));
        if (aborted && aborted->is_fatal())
            m_fenced = true;
    }
    return failure(
        QStringLiteral("%1: %2%3")
            .arg(what, detail, m_fenced ? QStringLiteral(" (this writer is fenced)") : QString()));
}

Result<QList<EventEnvelope>> KafkaEventLog::append(const QList<EventEnvelope> &events,
                                                   const QHash<QString, qint64> &expectedVersions)
{
    BILLING_ASSERT(!events.isEmpty());
    BILLING_ASSERT(m_producer);
    if (m_fenced)
        return failure(QStringLiteral("this writer was fenced by a newer one"));
    if (Status done = refresh(); !done.ok())
        return done.error();
    for (auto it = expectedVersions.cbegin(); it != expectedVersions.cend(); ++it) {
        if (m_versions.value(it.key(), 0) != it.value())
            return Error{reason::concurrencyConflict,
                         QStringLiteral("%1 moved from version %2 to %3")
                             .arg(it.key())
                             .arg(it.value())
                             .arg(m_versions.value(it.key(), 0)),
                         {}};
    }
    QList<EventEnvelope> written;
    qint64 position = m_contiguous;
    QString previousHash = m_lastHash;
    for (EventEnvelope event : events) {
        event.position = ++position;
        event.hash = codec::chainHash(previousHash, codec::canonicalBytes(event));
        previousHash = event.hash;
        written.append(std::move(event));
    }
    if (std::unique_ptr<RdKafka::Error> begun(m_producer->begin_transaction()); begun)
        return abortAfter(QStringLiteral("begin_transaction"), text(begun->str()),
                          begun->is_fatal(), false)
            .error();
    for (const EventEnvelope &event : written) {
        const QByteArray value = QJsonDocument(codec::toJson(event)).toJson(QJsonDocument::Compact);
        const QByteArray key = event.aggregateId.toUtf8();
        const QString topic = event.aggregateKind() == AggregateKind::Account
                                  ? m_settings.accountTopic()
                                  : m_settings.transactionTopic();
        RdKafka::ErrorCode code = RdKafka::ERR__QUEUE_FULL;
        for (int attempt = 0; attempt < 100 && code == RdKafka::ERR__QUEUE_FULL; ++attempt) {
            code = m_producer->produce(
                topic.toStdString(), RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY,
                const_cast<char *>(value.constData()), size_t(value.size()), key.constData(),
                // The record's timestamp is the broker's now, not the event's time (which is in
                // the JSON): a retention or a time index must never act on business time.
                size_t(key.size()), 0, nullptr);
            if (code == RdKafka::ERR__QUEUE_FULL)
                m_producer->poll(100);
        }
        if (code != RdKafka::ERR_NO_ERROR)
            return abortAfter(QStringLiteral("produce"), text(RdKafka::err2str(code)), false, true)
                .error();
    }
    if (m_beforeCommit)
        m_beforeCommit();
    if (std::unique_ptr<RdKafka::Error> committed(
            m_producer->commit_transaction(transactionCallMs));
        committed)
        return abortAfter(QStringLiteral("commit_transaction"), text(committed->str()),
                          committed->is_fatal(), committed->txn_requires_abort())
            .error();
    for (const EventEnvelope &event : written) {
        if (Status done = take(event); !done.ok())
            return done.error();
    }
    return written;
}

} // namespace billing
