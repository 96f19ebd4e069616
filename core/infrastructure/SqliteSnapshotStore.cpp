#include "SqliteSnapshotStore.h"

#include "LedgerStateCodec.h"
#include "domain/ReasonCode.h"
#include "domain/Sha256.h"

#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

namespace billing {
namespace {

QString digestOf(QByteArrayView bytes)
{
    return QString::fromLatin1(Sha256::hash(bytes).toHex());
}

} // namespace

SqliteSnapshotStore::SqliteSnapshotStore(SqliteDatabase &database, EventStore &events,
                                         CurrencyCatalog currencies)
    : m_database(database)
    , m_events(events)
    , m_currencies(std::move(currencies))
{}

Result<QString> SqliteSnapshotStore::eventHashAt(qint64 position)
{
    const Result<QList<EventEnvelope>> events = m_events.read(position - 1, 1);
    if (!events.ok())
        return events.error();
    if (events.value().isEmpty() || events.value().first().position != position)
        return QString();
    return events.value().first().hash;
}

Result<std::optional<LedgerState>> SqliteSnapshotStore::load(qint64 atOrBefore)
{
    // The small columns first: Qt's driver copies every column of every row it steps over, and
    // the state of a ledger of 1,000,000 events is 73 MB.
    struct Candidate
    {
        qint64 position = 0;
        QString eventHash;
        QString digest;
    };
    QList<Candidate> candidates;
    SqliteStatement &list =
        m_database.nativeStatement("SELECT position, event_hash, format, digest FROM snapshots "
                                   "WHERE ?1 <= 0 OR position <= ?1 ORDER BY position DESC");
    list.bind(1, atOrBefore);
    int stepped = SQLITE_ROW;
    while ((stepped = list.step()) == SQLITE_ROW) {
        if (list.columnInt64(2) == LedgerStateCodec::formatVersion)
            candidates.append({list.columnInt64(0), list.columnText(1), list.columnText(3)});
    }
    if (Status listed = list.finishRows(stepped, "read snapshots"); !listed.ok())
        return listed.error();

    for (const Candidate &candidate : std::as_const(candidates)) {
        const Result<QString> hash = eventHashAt(candidate.position);
        if (!hash.ok())
            return hash.error();
        if (hash.value() != candidate.eventHash)
            continue;
        // Checked and decoded where SQLite holds the bytes, without a copy.
        SqliteStatement &read =
            m_database.nativeStatement("SELECT state FROM snapshots WHERE position = ?1");
        read.bind(1, candidate.position);
        std::optional<LedgerState> state;
        if (read.step() == SQLITE_ROW) {
            const QByteArrayView bytes = read.columnBlob(0);
            if (digestOf(bytes) == candidate.digest)
                state = LedgerStateCodec::decode(
                    QByteArray::fromRawData(bytes.data(), bytes.size()), m_currencies);
        }
        read.reset();
        if (state && state->position() == candidate.position)
            return state;
    }
    return std::optional<LedgerState>();
}

Status SqliteSnapshotStore::save(const LedgerState &state)
{
    if (state.position() <= 0)
        return Done{};
    const Result<QString> hash = eventHashAt(state.position());
    if (!hash.ok())
        return hash.error();
    BILLING_ASSERT(!hash.value().isEmpty());
    const QByteArray bytes = LedgerStateCodec::encode(state);
    if (Status begun = m_database.beginWrite(); !begun.ok())
        return begun;
    QSqlQuery insert(m_database.connection());
    insert.prepare(QStringLiteral("INSERT OR REPLACE INTO snapshots (position, event_hash, "
                                  "format, digest, state) VALUES (?, ?, ?, ?, ?)"));
    for (const QVariant &value :
         QVariantList{state.position(), hash.value(), LedgerStateCodec::formatVersion,
                      digestOf(bytes), bytes})
        insert.addBindValue(value);
    QSqlQuery prune(m_database.connection());
    prune.prepare(
        QStringLiteral("DELETE FROM snapshots WHERE position NOT IN "
                       "(SELECT position FROM snapshots ORDER BY position DESC LIMIT ?)"));
    prune.addBindValue(kept);
    if (!insert.exec() || !prune.exec()) {
        const Error error = SqliteDatabase::failure(insert.lastError().isValid() ? insert : prune,
                                                    QStringLiteral("save snapshot"));
        m_database.rollback();
        return error;
    }
    insert.finish();
    prune.finish();
    return m_database.commit();
}

Status SqliteSnapshotStore::clear()
{
    return m_database.exec(QStringLiteral("DELETE FROM snapshots"));
}

} // namespace billing
