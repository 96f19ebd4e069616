#include "KafkaCommandClient.h"

#include "CommandCodec.h"
#include "domain/ReasonCode.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QThread>
#include <QUuid>

#include <librdkafka/rdkafkacpp.h>

namespace billing {
namespace {

constexpr int requestMs = 10000;

Error failure(const QString &message)
{
    return Error{reason::storageFailure, message, QStringLiteral("store")};
}

int milliseconds(const char *variable, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(variable, &ok);
    return ok && value > 0 ? value : fallback;
}

} // namespace

KafkaCommandClient::KafkaCommandClient(KafkaSettings settings)
    : m_settings(std::move(settings))
{}

KafkaCommandClient::~KafkaCommandClient()
{
    if (m_producer)
        m_producer->flush(requestMs);
    if (m_consumer)
        m_consumer->close();
}

void KafkaCommandClient::setAfterOutcomesHook(std::function<void(qint64)> hook)
{
    m_afterOutcomes = std::move(hook);
}

Result<std::unique_ptr<KafkaCommandClient>> KafkaCommandClient::open(const KafkaSettings &settings)
{
    std::unique_ptr<KafkaCommandClient> client(new KafkaCommandClient(settings));
    client->m_retryMs = milliseconds("BILLING_COMMAND_RETRY_MS", 5000);
    client->m_silenceMs = milliseconds("BILLING_COMMAND_TIMEOUT_MS", 30000);
    std::unique_ptr<RdKafka::Conf> producerConf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
    std::unique_ptr<RdKafka::Conf> consumerConf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
    for (RdKafka::Conf *conf : {producerConf.get(), consumerConf.get()}) {
        if (Status done = settings.configure(*conf); !done.ok())
            return done.error();
    }
    // acks=all and idempotence: a command the broker acknowledged is in the log once, in the
    // order this client sent it.
    for (const auto &[name, value] :
         {std::pair{"enable.idempotence", QStringLiteral("true")},
          std::pair{"acks", QStringLiteral("all")}, std::pair{"linger.ms", QStringLiteral("5")}}) {
        if (Status done = KafkaSettings::set(*producerConf, name, value); !done.ok())
            return done.error();
    }
    // The outcome partition is assigned, never subscribed; no offset is committed.
    for (const auto &[name, value] :
         {std::pair{"group.id", QStringLiteral("billing-client-") +
                                    QUuid::createUuid().toString(QUuid::WithoutBraces)},
          std::pair{"enable.auto.commit", QStringLiteral("false")},
          std::pair{"isolation.level", QStringLiteral("read_committed")},
          std::pair{"fetch.wait.max.ms", QStringLiteral("50")}}) {
        if (Status done = KafkaSettings::set(*consumerConf, name, value); !done.ok())
            return done.error();
    }
    std::string error;
    client->m_producer.reset(RdKafka::Producer::create(producerConf.get(), error));
    if (!client->m_producer)
        return failure(QString::fromStdString(error));
    client->m_consumer.reset(RdKafka::KafkaConsumer::create(consumerConf.get(), error));
    if (!client->m_consumer)
        return failure(QString::fromStdString(error));
    // Left to the first produce, the lookup of the command topic's leader cost a second (the
    // producer's topic scan runs once a second); asked now, it costs a round trip.
    const std::unique_ptr<RdKafka::Topic> topic(RdKafka::Topic::create(
        client->m_producer.get(), settings.commandTopic().toStdString(), nullptr, error));
    RdKafka::Metadata *metadata = nullptr;
    if (topic && client->m_producer->metadata(false, topic.get(), &metadata, requestMs) ==
                     RdKafka::ERR_NO_ERROR)
        delete metadata;
    return client;
}

Status KafkaCommandClient::send(const QList<Command> &commands)
{
    const std::string topic = m_settings.commandTopic().toStdString();
    for (const Command &command : commands) {
        const QByteArray value =
            QJsonDocument(codec::commandToJson(command)).toJson(QJsonDocument::Compact);
        const QByteArray key = command.meta.idempotencyKey.toUtf8();
        RdKafka::ErrorCode code = RdKafka::ERR__QUEUE_FULL;
        for (int attempt = 0; attempt < 100 && code == RdKafka::ERR__QUEUE_FULL; ++attempt) {
            code = m_producer->produce(topic, 0, RdKafka::Producer::RK_MSG_COPY,
                                       const_cast<char *>(value.constData()), size_t(value.size()),
                                       key.constData(), size_t(key.size()), 0, nullptr);
            if (code == RdKafka::ERR__QUEUE_FULL)
                m_producer->poll(100);
        }
        if (code != RdKafka::ERR_NO_ERROR)
            return failure(QStringLiteral("sending a command: %1")
                               .arg(QString::fromStdString(RdKafka::err2str(code))));
    }
    // Not waited for to the end: a command that did not arrive is sent again after retryMs.
    m_producer->flush(requestMs);
    return Done{};
}

Result<QList<Outcome>> KafkaCommandClient::submit(const QList<Command> &commands)
{
    // Every answer to what is sent now lands after the current end of the outcome partition.
    const std::string outcomes = m_settings.outcomeTopic().toStdString();
    int64_t low = 0;
    int64_t high = 0;
    const QDeadlineTimer retryUntil(qint64(requestMs) * 3);
    RdKafka::ErrorCode code = RdKafka::ERR_NO_ERROR;
    do {
        code = m_consumer->query_watermark_offsets(outcomes, 0, &low, &high, requestMs);
    } while (code != RdKafka::ERR_NO_ERROR && !retryUntil.hasExpired() &&
             (QThread::msleep(200), true));
    if (code != RdKafka::ERR_NO_ERROR)
        return failure(
            QStringLiteral("Kafka at %1: %2")
                .arg(m_settings.bootstrap, QString::fromStdString(RdKafka::err2str(code))));
    std::vector<RdKafka::TopicPartition *> partition{
        RdKafka::TopicPartition::create(outcomes, 0, high)};
    code = m_consumer->assign(partition);
    RdKafka::TopicPartition::destroy(partition);
    if (code != RdKafka::ERR_NO_ERROR)
        return failure(QString::fromStdString(RdKafka::err2str(code)));

    QHash<QString, qsizetype> waiting; // command id -> index
    for (qsizetype i = 0; i < commands.size(); ++i) {
        BILLING_ASSERT(!commands[i].meta.commandId.isEmpty());
        BILLING_ASSERT(!waiting.contains(commands[i].meta.commandId));
        waiting.insert(commands[i].meta.commandId, i);
    }
    QList<Outcome> answers(commands.size());
    qint64 lastPosition = 0;
    if (Status sent = send(commands); !sent.ok())
        return sent.error();
    QDeadlineTimer silence(m_silenceMs);
    QDeadlineTimer retry(m_retryMs);
    while (!waiting.isEmpty()) {
        if (silence.hasExpired()) {
            m_consumer->unassign();
            return failure(QStringLiteral("no decision maker answered within %1 s (%2 of %3 "
                                          "commands open): start `billing-cli serve` on this "
                                          "ledger, then send them again with the same keys")
                               .arg(m_silenceMs / 1000)
                               .arg(waiting.size())
                               .arg(commands.size()));
        }
        if (retry.hasExpired()) {
            QList<Command> again;
            for (const qsizetype index : std::as_const(waiting))
                again.append(commands[index]);
            std::sort(again.begin(), again.end(), [&](const Command &a, const Command &b) {
                return waiting.value(a.meta.commandId) < waiting.value(b.meta.commandId);
            });
            if (Status sent = send(again); !sent.ok())
                return sent.error();
            retry.setRemainingTime(m_retryMs);
        }
        const std::unique_ptr<RdKafka::Message> message(m_consumer->consume(100));
        if (message->err() != RdKafka::ERR_NO_ERROR)
            continue; // timeouts, and errors librdkafka retries by itself
        const QJsonObject record =
            QJsonDocument::fromJson(QByteArray(static_cast<const char *>(message->payload()),
                                               qsizetype(message->len())))
                .object();
        // Only the first answer counts: a retry's answer is the same outcome, repeated.
        const auto found = waiting.constFind(record.value(u"commandId").toString());
        if (found == waiting.cend())
            continue;
        answers[*found] = codec::outcomeFromJson(record.value(u"outcome").toObject());
        lastPosition = std::max(lastPosition, answers[*found].position);
        waiting.erase(found);
        silence.setRemainingTime(m_silenceMs);
        retry.setRemainingTime(m_retryMs);
    }
    m_consumer->unassign();
    if (m_afterOutcomes)
        m_afterOutcomes(lastPosition);
    return answers;
}

} // namespace billing
