#pragma once

#include "PostgresDatabase.h"
#include "application/SourceOffset.h"

#include <optional>

namespace billing {

// Places in the Kafka log kept in PostgreSQL (`log_places`): a position, the hash of the event
// there and, per partition, an offset from which every later event lies. The projector notes
// one whenever a batch passes a multiple of `every` events, in the batch's transaction, with
// the offsets it stores with its checkpoint; so they exist for the whole log however a reader
// came to it. A reader that started late (at a snapshot, at the projections) knows no place
// before its start and would read an older event from the topics' beginning: it asks here for
// the nearest one instead. A place that does not fit the topics (they were made again) fails
// the hash check of the read that starts there; the log then drops it and reads without
// (KafkaEventLog::readAgain()).
class PostgresLogPlaces
{
public:
    explicit PostgresLogPlaces(PostgresDatabase &database);

    // Inside the projector's transaction, after it stored its offsets for this batch.
    Status note(const QString &projector, qint64 position, const QString &hash);
    Result<std::optional<ReadPoint>> atOrBefore(qint64 position);

private:
    PostgresDatabase &m_database;
};

} // namespace billing
