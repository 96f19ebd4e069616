#include "PostgresLogPlaces.h"

#include <QSqlQuery>

namespace billing {

PostgresLogPlaces::PostgresLogPlaces(PostgresDatabase &database)
    : m_database(database)
{}

Status PostgresLogPlaces::note(const QString &projector, qint64 position, const QString &hash)
{
    // The offsets as offsetsFromJson() reads them; a projector that stored none (a source
    // without partitions) notes nothing.
    return m_database.run(
        QStringLiteral("INSERT INTO log_places (position, event_hash, read_offsets) "
                       "SELECT ?, ?, json_agg(json_build_object('topic', topic, 'partition', "
                       "partition, 'offset', next_offset::text) ORDER BY topic, partition)::text "
                       "FROM projection_offsets WHERE projector = ? HAVING count(*) > 0 "
                       "ON CONFLICT (position) DO NOTHING"),
        {position, hash, projector}, QStringLiteral("note a place in the log"));
}

Result<std::optional<ReadPoint>> PostgresLogPlaces::atOrBefore(qint64 position)
{
    QSqlQuery query(m_database.connection());
    if (!PostgresDatabase::execWith(
            query,
            QStringLiteral("SELECT position, event_hash, read_offsets FROM log_places "
                           "WHERE position <= ? ORDER BY position DESC LIMIT 1"),
            {position}))
        return PostgresDatabase::failure(query, QStringLiteral("read a place in the log"));
    if (!query.next())
        return std::optional<ReadPoint>();
    return std::optional<ReadPoint>(ReadPoint{query.value(0).toLongLong(),
                                              query.value(1).toString(),
                                              offsetsFromJson(query.value(2).toString())});
}

} // namespace billing
