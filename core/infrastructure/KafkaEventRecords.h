#pragma once

#include "KafkaSettings.h"
#include "application/SourceOffset.h"
#include "domain/EventEnvelope.h"
#include "domain/Result.h"

#include <memory>
#include <string>

namespace RdKafka {
class KafkaConsumer;
class Message;
} // namespace RdKafka

namespace billing::kafka {

// One event record as a reader consumed it.
struct EventRecord
{
    EventEnvelope event;
    qint64 appendEnd = 0; // the last position of the append the event came in
    SourceRecord record;
};

// The header that names an append's last position on each of its records: Kafka makes a
// transaction atomic, not its visibility, so readers show only appends they have read whole.
inline const std::string appendEndHeader = "billing-append-end";

// The event in a consumed record, or why it cannot be read.
Result<EventRecord> eventRecord(RdKafka::Message &message);

// A read_committed consumer of the event topics that is assigned partitions, never subscribes
// and never commits an offset.
Result<std::unique_ptr<RdKafka::KafkaConsumer>> openEventReader(const KafkaSettings &settings);

} // namespace billing::kafka
