#include "PostgresSnapshotStore.h"

#include "LedgerStateCodec.h"
#include "domain/Sha256.h"

#include <QSqlQuery>

namespace billing {
namespace {

QString digestOf(const QByteArray &bytes)
{
    return QString::fromLatin1(Sha256::hash(bytes).toHex());
}

} // namespace

PostgresSnapshotStore::PostgresSnapshotStore(PostgresDatabase &database, KafkaEventLog &log,
                                             bool readOnly, CurrencyCatalog currencies)
    : m_database(database)
    , m_log(log)
    , m_readOnly(readOnly)
    , m_currencies(std::move(currencies))
{}

Result<std::optional<LedgerState>> PostgresSnapshotStore::load(qint64 atOrBefore)
{
    // The small columns first: a state of a large ledger is tens of megabytes.
    struct Candidate
    {
        qint64 position = 0;
        QString eventHash;
        ReadPoint from;
        QString digest;
    };
    QList<Candidate> candidates;
    {
        QSqlQuery list(m_database.connection());
        if (!PostgresDatabase::execWith(
                list,
                QStringLiteral("SELECT position, event_hash, read_position, read_hash, "
                               "read_offsets, digest FROM ledger_snapshots WHERE format = ? AND "
                               "(? <= 0 OR position <= ?) ORDER BY position DESC"),
                {LedgerStateCodec::formatVersion, atOrBefore, atOrBefore})) {
            // A cache: without it (say an auditor's role not granted the table) all is slower.
            const Error error = PostgresDatabase::failure(list, QStringLiteral("read snapshots"));
            qWarning("%s", qPrintable(error.message));
            return std::optional<LedgerState>();
        }
        while (list.next())
            candidates.append({list.value(0).toLongLong(), list.value(1).toString(),
                               ReadPoint{list.value(2).toLongLong(), list.value(3).toString(),
                                         offsetsFromJson(list.value(4).toString())},
                               list.value(5).toString()});
    }
    for (const Candidate &candidate : std::as_const(candidates)) {
        std::optional<LedgerState> state;
        {
            QSqlQuery read(m_database.connection());
            if (!PostgresDatabase::execWith(
                    read, QStringLiteral("SELECT state FROM ledger_snapshots WHERE position = ?"),
                    {candidate.position}))
                return PostgresDatabase::failure(read, QStringLiteral("read snapshot"));
            if (read.next()) {
                const QByteArray bytes = read.value(0).toByteArray();
                if (digestOf(bytes) == candidate.digest)
                    state = LedgerStateCodec::decode(bytes, m_currencies);
            }
        }
        if (!state || state->position() != candidate.position)
            continue;
        if (m_log.untouched()) {
            // The log then starts at the snapshot's place, not at the topics' beginning.
            const Result<bool> started =
                m_log.startAfterChecked(candidate.from, candidate.position, candidate.eventHash);
            if (!started.ok())
                return started.error();
            if (started.value())
                return state;
            continue;
        }
        // A log already read (an auditor going back in time): it knows the event there.
        const Result<QList<EventEnvelope>> at = m_log.read(candidate.position - 1, 1);
        if (!at.ok())
            return at.error();
        if (!at.value().isEmpty() && at.value().first().position == candidate.position &&
            at.value().first().hash == candidate.eventHash)
            return state;
    }
    return std::optional<LedgerState>();
}

Status PostgresSnapshotStore::save(const LedgerState &state)
{
    if (m_readOnly || state.position() <= 0)
        return Done{};
    // Strictly before: opening checks the topics from there up to the snapshot's event.
    const std::optional<ReadPoint> from = m_log.readPointAtOrBefore(state.position() - 1);
    if (!from)
        return Done{};
    const Result<QList<EventEnvelope>> at = m_log.read(state.position() - 1, 1);
    if (!at.ok())
        return at.error();
    BILLING_ASSERT(!at.value().isEmpty() && at.value().first().position == state.position());
    return write(m_database, state, *from, at.value().first().hash);
}

Status PostgresSnapshotStore::write(PostgresDatabase &database, const LedgerState &state,
                                    const ReadPoint &from, const QString &eventHash)
{
    const QByteArray bytes = LedgerStateCodec::encode(state);
    if (Status begun = database.begin(); !begun.ok())
        return begun;
    // Two desks may save the same position: the first one stays. Not through the prepared
    // statements the connection keeps, which would hold the state's bytes bound.
    for (const auto &[sql, values] :
         {std::pair{QStringLiteral("INSERT INTO ledger_snapshots (position, event_hash, "
                                   "read_position, read_hash, read_offsets, format, digest, "
                                   "state) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                                   "ON CONFLICT (position) DO NOTHING"),
                    QVariantList{state.position(), eventHash, from.position, from.hash,
                                 offsetsToJson(from.offsets), LedgerStateCodec::formatVersion,
                                 digestOf(bytes), bytes}},
          std::pair{QStringLiteral("DELETE FROM ledger_snapshots WHERE position NOT IN "
                                   "(SELECT position FROM ledger_snapshots ORDER BY position "
                                   "DESC LIMIT ?)"),
                    QVariantList{kept}}}) {
        QSqlQuery query(database.connection());
        if (!PostgresDatabase::execWith(query, sql, values)) {
            const Error error = PostgresDatabase::failure(query, QStringLiteral("save snapshot"));
            database.rollback();
            return error;
        }
    }
    return database.commit();
}

Result<qint64> PostgresSnapshotStore::newestPosition(PostgresDatabase &database)
{
    QSqlQuery query(database.connection());
    if (!PostgresDatabase::execWith(
            query, QStringLiteral("SELECT COALESCE(MAX(position), 0) FROM ledger_snapshots"), {}) ||
        !query.next())
        return PostgresDatabase::failure(query, QStringLiteral("read the newest snapshot"));
    return query.value(0).toLongLong();
}

Status PostgresSnapshotStore::clear()
{
    if (m_readOnly)
        return Done{};
    return m_database.exec(QStringLiteral("DELETE FROM ledger_snapshots"));
}

} // namespace billing
