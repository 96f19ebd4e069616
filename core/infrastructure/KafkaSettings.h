#pragma once

#include "domain/Result.h"

#include <QHash>
#include <QString>

#include <algorithm>

namespace RdKafka {
class Conf;
}

namespace billing {

// How to reach the Kafka event store: the bootstrap servers from --store kafka:HOST:PORT[,...],
// the topic names of the original design behind an optional prefix, and librdkafka properties
// that pass through as they are (SASL, SSL, timeouts). Those come from the file named by
// BILLING_KAFKA_CONFIG (key=value lines, '#' comments), never from the command line, so that a
// sasl.password shows in no process list; a file holding a password must have mode 0600.
struct KafkaSettings
{
    QString bootstrap;
    QString topicPrefix; // BILLING_KAFKA_TOPIC_PREFIX, e.g. "test-42." to share a cluster
    int partitions = 3;  // BILLING_KAFKA_PARTITIONS, for the event topics when they are created
    // BILLING_KAFKA_EVENTS_IN_MEMORY: how many of the newest events a reader of the log keeps
    // (about a kilobyte each); older ones are read from the topics again when asked for.
    qint64 eventsInMemory = 20000;
    QHash<QString, QString> properties;

    // How often a reader of the log notes a place to read again from (and the projector one
    // in log_places): a scan for an event no longer in memory reads at most about this many
    // before it.
    qint64 checkpointEvery() const { return std::clamp<qint64>(eventsInMemory / 4, 1, 4096); }

    static Result<KafkaSettings> fromEnvironment(const QString &bootstrap);

    QString accountTopic() const { return topicPrefix + QStringLiteral("billing.account-events"); }
    QString transactionTopic() const
    {
        return topicPrefix + QStringLiteral("billing.transaction-events");
    }
    // The command log: one partition, so that the one decision maker reads every command in one
    // total order (docs/distributed.md), and the outcomes it answers with.
    QString commandTopic() const { return topicPrefix + QStringLiteral("billing.commands"); }
    QString outcomeTopic() const
    {
        return topicPrefix + QStringLiteral("billing.command-outcomes");
    }
    // The consumer group of the `serve` processes: the one member assigned the command
    // partition holds the decision maker's role.
    QString deciderGroup() const { return topicPrefix + QStringLiteral("billing-deciders"); }
    // Common settings on a librdkafka configuration: bootstrap and the pass-through properties.
    Status configure(RdKafka::Conf &conf) const;
    static Status set(RdKafka::Conf &conf, const char *name, const QString &value);
};

} // namespace billing
