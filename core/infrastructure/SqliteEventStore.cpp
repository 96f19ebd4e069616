#include "SqliteEventStore.h"

#include "EventCodec.h"
#include "FoldPipeline.h"
#include "domain/LedgerState.h"
#include "domain/ReasonCode.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <limits>
#include <memory>

namespace billing {
namespace {

Error conflict(const QString &what)
{
    return Error{reason::concurrencyConflict, what, {}};
}

// Rows per statement run: each run is its own read transaction, so a long fold does not keep
// the WAL from being checkpointed, as read() in chunks did not either.
constexpr int foldChunk = 10000;

sqlite3 *sqliteHandle(QSqlDatabase &connection)
{
    const QVariant handle = connection.driver()->handle();
    BILLING_ASSERT(handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0);
    return *static_cast<sqlite3 *const *>(handle.constData());
}

Error sqliteFailure(sqlite3 *db, const QString &what)
{
    return Error{reason::storageFailure,
                 QStringLiteral("%1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(db))),
                 {}};
}

struct StatementDeleter
{
    void operator()(sqlite3_stmt *statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;

} // namespace

SqliteEventStore::SqliteEventStore(SqliteDatabase &database)
    : m_database(database)
{}

QString SqliteEventStore::location() const
{
    return QStringLiteral("sqlite:") + m_database.path();
}

Result<QList<EventEnvelope>>
SqliteEventStore::append(const QList<EventEnvelope> &events,
                         const QHash<QString, qint64> &expectedVersions)
{
    BILLING_ASSERT(!events.isEmpty());
    if (Status begun = m_database.beginWrite(); !begun.ok())
        return begun.error();
    Result<QList<EventEnvelope>> written = appendLocked(events, expectedVersions);
    if (written.ok() && m_inlineStep) {
        if (Status projected = m_inlineStep(written.value()); !projected.ok())
            written = projected.error();
    }
    if (!written.ok()) {
        m_database.rollback();
        return written;
    }
    if (Status committed = m_database.commit(); !committed.ok()) {
        m_database.rollback();
        return committed.error();
    }
    return written;
}

Result<QList<EventEnvelope>>
SqliteEventStore::appendLocked(const QList<EventEnvelope> &events,
                               const QHash<QString, qint64> &expectedVersions)
{
    QSqlQuery &version = m_database.statement(QStringLiteral(
        "SELECT COALESCE(MAX(aggregate_version), 0) FROM events WHERE aggregate_id = ?"));
    for (auto it = expectedVersions.cbegin(); it != expectedVersions.cend(); ++it) {
        version.addBindValue(it.key());
        if (!version.exec() || !version.next())
            return SqliteDatabase::failure(version, QStringLiteral("read aggregate version"));
        if (version.value(0).toLongLong() != it.value())
            return conflict(QStringLiteral("%1 moved from version %2 to %3")
                                .arg(it.key())
                                .arg(it.value())
                                .arg(version.value(0).toLongLong()));
        version.finish();
    }
    QSqlQuery &last = m_database.statement(
        QStringLiteral("SELECT position, hash FROM events ORDER BY position DESC LIMIT 1"));
    if (!last.exec())
        return SqliteDatabase::failure(last, QStringLiteral("read last event"));
    qint64 position = last.next() ? last.value(0).toLongLong() : 0;
    QString previousHash = position > 0 ? last.value(1).toString() : QString();
    last.finish();

    QSqlQuery &insert = m_database.statement(QStringLiteral(
        "INSERT INTO events (position, event_id, event_type, aggregate_id, aggregate_version, "
        "timestamp, correlation_id, idempotency_key, body, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    QList<EventEnvelope> written;
    written.reserve(events.size());
    for (EventEnvelope event : events) {
        event.position = ++position;
        const QByteArray canonical = codec::canonicalBytes(event);
        event.hash = codec::chainHash(previousHash, canonical);
        previousHash = event.hash;
        const QString key = event.data.value(u"idempotencyKey").toString();
        insert.addBindValue(event.position);
        insert.addBindValue(event.eventId);
        insert.addBindValue(event.eventType);
        insert.addBindValue(event.aggregateId);
        insert.addBindValue(event.aggregateVersion);
        insert.addBindValue(codec::formatTimestamp(event.timestampMs));
        insert.addBindValue(event.correlationId);
        insert.addBindValue(key.isEmpty() ? QVariant() : QVariant(key));
        insert.addBindValue(canonical);
        insert.addBindValue(event.hash);
        if (!insert.exec()) {
            // A unique index said no: another writer took this version or this key first.
            if (insert.lastError().nativeErrorCode() == QLatin1String("2067") ||
                insert.lastError().nativeErrorCode() == QLatin1String("1555"))
                return conflict(QStringLiteral("%1 version %2 or its key was taken")
                                    .arg(event.aggregateId)
                                    .arg(event.aggregateVersion));
            return SqliteDatabase::failure(insert, QStringLiteral("append event"));
        }
        written.append(std::move(event));
    }
    return written;
}

Result<QList<EventEnvelope>> SqliteEventStore::read(qint64 after, int limit)
{
    QSqlQuery &query = m_database.statement(QStringLiteral(
        "SELECT body, hash FROM events WHERE position > ? ORDER BY position LIMIT ?"));
    query.addBindValue(after);
    query.addBindValue(limit);
    if (!query.exec())
        return SqliteDatabase::failure(query, QStringLiteral("read events"));
    QList<EventEnvelope> events;
    while (query.next()) {
        Result<EventEnvelope> event = codec::fromBytes(query.value(0).toByteArray());
        if (!event.ok()) {
            query.finish();
            return event.error();
        }
        event.value().hash = query.value(1).toString();
        events.append(std::move(event.value()));
    }
    // Ends the read transaction, so the next read sees newer commits.
    query.finish();
    return events;
}

Status SqliteEventStore::foldInto(LedgerState &state, qint64 upToPosition)
{
    sqlite3 *db = sqliteHandle(m_database.connection());
    sqlite3_stmt *prepared = nullptr;
    if (sqlite3_prepare_v2(
            db,
            "SELECT position, body FROM events WHERE position > ?1 AND position <= ?2 "
            "ORDER BY position LIMIT ?3",
            -1, &prepared, nullptr) != SQLITE_OK)
        return sqliteFailure(db, QStringLiteral("read events"));
    const Statement statement(prepared);
    const qint64 last = upToPosition > 0 ? upToPosition : std::numeric_limits<qint64>::max();
    // The state is the pipeline's until it finishes, so the next run starts after the last row
    // read rather than at state.position().
    qint64 after = state.position();
    FoldPipeline pipeline(state);
    for (;;) {
        sqlite3_bind_int64(prepared, 1, after);
        sqlite3_bind_int64(prepared, 2, last);
        sqlite3_bind_int(prepared, 3, foldChunk);
        int rows = 0;
        int step = SQLITE_ROW;
        while ((step = sqlite3_step(prepared)) == SQLITE_ROW) {
            ++rows;
            after = sqlite3_column_int64(prepared, 0);
            const auto *body = static_cast<const char *>(sqlite3_column_blob(prepared, 1));
            // The rows before one that cannot be read are folded, as they always were.
            if (Status added =
                    pipeline.add(QByteArrayView(body, sqlite3_column_bytes(prepared, 1)));
                !added.ok()) {
                sqlite3_reset(prepared);
                return added.error();
            }
        }
        // Ends the read transaction, so the next run sees newer commits.
        sqlite3_reset(prepared);
        if (step != SQLITE_DONE)
            return sqliteFailure(db, QStringLiteral("read events"));
        if (rows < foldChunk) {
            pipeline.finish();
            return Done{};
        }
    }
}

Result<qint64> SqliteEventStore::lastPosition()
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(position), 0) FROM events")) ||
        !query.next())
        return SqliteDatabase::failure(query, QStringLiteral("read last position"));
    return query.value(0).toLongLong();
}

} // namespace billing
