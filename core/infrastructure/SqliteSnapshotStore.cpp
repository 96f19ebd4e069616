#include "SqliteSnapshotStore.h"

#include "LedgerStateCodec.h"
#include "domain/ReasonCode.h"
#include "domain/Sha256.h"

#include <QSqlError>
#include <QSqlQuery>

namespace billing {
namespace {

QString digestOf(const QByteArray &bytes)
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
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT position, event_hash, format, digest, state FROM "
                                 "snapshots WHERE ? <= 0 OR position <= ? ORDER BY position DESC"));
    query.addBindValue(atOrBefore);
    query.addBindValue(atOrBefore);
    if (!query.exec())
        return SqliteDatabase::failure(query, QStringLiteral("read snapshots"));
    while (query.next()) {
        const qint64 position = query.value(0).toLongLong();
        const QByteArray bytes = query.value(4).toByteArray();
        if (query.value(2).toInt() != LedgerStateCodec::formatVersion ||
            query.value(3).toString() != digestOf(bytes))
            continue;
        const Result<QString> hash = eventHashAt(position);
        if (!hash.ok())
            return hash.error();
        if (hash.value() != query.value(1).toString())
            continue;
        std::optional<LedgerState> state = LedgerStateCodec::decode(bytes, m_currencies);
        if (state && state->position() == position)
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
