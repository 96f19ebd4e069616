#include "KafkaTopics.h"

#include "domain/ReasonCode.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafkacpp.h>

#include <memory>

namespace billing::kafka {
namespace {

Error failure(const QString &message)
{
    return Error{reason::storageFailure, message, QStringLiteral("store")};
}

// Owners for the C API's objects; the C++ API of librdkafka 2.0.2 has no admin calls.
struct NewTopicsDeleter
{
    void operator()(std::vector<rd_kafka_NewTopic_t *> *topics) const
    {
        for (rd_kafka_NewTopic_t *topic : *topics)
            rd_kafka_NewTopic_destroy(topic);
        delete topics;
    }
};

} // namespace

Status ensureTopics(const KafkaSettings &settings, int timeoutMs)
{
    std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
    if (Status done = settings.configure(*conf); !done.ok())
        return done;
    std::string error;
    std::unique_ptr<RdKafka::Producer> client(RdKafka::Producer::create(conf.get(), error));
    if (!client)
        return failure(QString::fromStdString(error));
    rd_kafka_t *handle = client->c_ptr();

    std::unique_ptr<std::vector<rd_kafka_NewTopic_t *>, NewTopicsDeleter> topics(
        new std::vector<rd_kafka_NewTopic_t *>);
    struct Wanted
    {
        QString name;
        int partitions;
        bool forever; // the log is the ledger: never deleted by age or size
    };
    const Wanted wanted[] = {{settings.accountTopic(), settings.partitions, true},
                             {settings.transactionTopic(), settings.partitions, true},
                             {settings.commandTopic(), 1, false},
                             {settings.outcomeTopic(), 1, false}};
    for (const Wanted &each : wanted) {
        char message[512];
        rd_kafka_NewTopic_t *topic = rd_kafka_NewTopic_new(
            each.name.toUtf8().constData(), each.partitions, -1, message, sizeof message);
        if (!topic)
            return failure(
                QStringLiteral("topic %1: %2").arg(each.name, QString::fromUtf8(message)));
        topics->push_back(topic);
        if (!each.forever)
            continue; // commands and outcomes are kept for the broker's default retention
        for (const auto &[key, value] :
             {std::pair{"retention.ms", "-1"}, std::pair{"retention.bytes", "-1"},
              std::pair{"cleanup.policy", "delete"}}) {
            if (rd_kafka_NewTopic_set_config(topic, key, value) != RD_KAFKA_RESP_ERR_NO_ERROR)
                return failure(
                    QStringLiteral("topic %1: cannot set %2").arg(each.name, QLatin1String(key)));
        }
    }
    rd_kafka_AdminOptions_t *options =
        rd_kafka_AdminOptions_new(handle, RD_KAFKA_ADMIN_OP_CREATETOPICS);
    char message[512];
    rd_kafka_AdminOptions_set_operation_timeout(options, timeoutMs, message, sizeof message);
    rd_kafka_AdminOptions_set_request_timeout(options, timeoutMs, message, sizeof message);
    rd_kafka_queue_t *queue = rd_kafka_queue_new(handle);
    rd_kafka_CreateTopics(handle, topics->data(), topics->size(), options, queue);
    rd_kafka_event_t *event = rd_kafka_queue_poll(queue, timeoutMs + 5000);
    Status outcome = Done{};
    if (!event) {
        outcome = failure(QStringLiteral("no answer from Kafka at %1 within %2 ms")
                              .arg(settings.bootstrap)
                              .arg(timeoutMs));
    } else if (rd_kafka_event_error(event) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        outcome = failure(QStringLiteral("creating topics: %1")
                              .arg(QString::fromUtf8(rd_kafka_event_error_string(event))));
    } else {
        const rd_kafka_CreateTopics_result_t *result = rd_kafka_event_CreateTopics_result(event);
        size_t count = 0;
        const rd_kafka_topic_result_t **results =
            rd_kafka_CreateTopics_result_topics(result, &count);
        for (size_t i = 0; i < count && outcome.ok(); ++i) {
            const rd_kafka_resp_err_t code = rd_kafka_topic_result_error(results[i]);
            if (code != RD_KAFKA_RESP_ERR_NO_ERROR &&
                code != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
                outcome = failure(
                    QStringLiteral("creating topic %1: %2")
                        .arg(QString::fromUtf8(rd_kafka_topic_result_name(results[i])),
                             QString::fromUtf8(rd_kafka_topic_result_error_string(results[i]))));
        }
    }
    if (event)
        rd_kafka_event_destroy(event);
    rd_kafka_queue_destroy(queue);
    rd_kafka_AdminOptions_destroy(options);
    return outcome;
}

} // namespace billing::kafka
