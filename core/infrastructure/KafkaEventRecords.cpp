#include "KafkaEventRecords.h"

#include "EventCodec.h"
#include "domain/ReasonCode.h"

#include <QUuid>

#include <librdkafka/rdkafkacpp.h>

namespace billing::kafka {
namespace {

Error failure(const QString &message)
{
    return Error{reason::storageFailure, message, QStringLiteral("store")};
}

} // namespace

Result<EventRecord> eventRecord(RdKafka::Message &message)
{
    const QString topic = QString::fromStdString(message.topic_name());
    Result<EventEnvelope> event = codec::fromBytes(
        QByteArray(static_cast<const char *>(message.payload()), qsizetype(message.len())));
    if (!event.ok())
        return failure(QStringLiteral("unreadable event at %1/%2@%3: %4")
                           .arg(topic)
                           .arg(message.partition())
                           .arg(message.offset())
                           .arg(event.error().message));
    // Records written before the mark existed count as whole appends.
    qint64 appendEnd = event.value().position;
    if (RdKafka::Headers *headers = message.headers()) { // not const in the C++ API
        const RdKafka::Headers::Header mark = headers->get_last(appendEndHeader);
        if (mark.err() == RdKafka::ERR_NO_ERROR && mark.value())
            appendEnd =
                QByteArray(static_cast<const char *>(mark.value()), qsizetype(mark.value_size()))
                    .toLongLong();
    }
    return EventRecord{std::move(event.value()), appendEnd,
                       SourceRecord{topic, message.partition(), message.offset()}};
}

Result<std::unique_ptr<RdKafka::KafkaConsumer>> openEventReader(const KafkaSettings &settings)
{
    std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
    if (Status done = settings.configure(*conf); !done.ok())
        return done.error();
    // The group only names this reader: partitions are assigned, offsets never committed.
    // librdkafka's prefetch queue stays at its default (64 MB): at 8 MB a reader waited for
    // fetches two thirds of the time and read the log three times slower.
    for (const auto &[name, value] :
         {std::pair{"group.id", QStringLiteral("billing-reader-") +
                                    QUuid::createUuid().toString(QUuid::WithoutBraces)},
          std::pair{"enable.auto.commit", QStringLiteral("false")},
          std::pair{"auto.offset.reset", QStringLiteral("earliest")},
          std::pair{"isolation.level", QStringLiteral("read_committed")},
          std::pair{"fetch.wait.max.ms", QStringLiteral("100")}}) {
        if (Status done = KafkaSettings::set(*conf, name, value); !done.ok())
            return done.error();
    }
    std::string error;
    std::unique_ptr<RdKafka::KafkaConsumer> consumer(
        RdKafka::KafkaConsumer::create(conf.get(), error));
    if (!consumer)
        return failure(QString::fromStdString(error));
    return consumer;
}

} // namespace billing::kafka
