#include "SqliteEventStore.h"

#include "CanonicalEventReader.h"
#include "EventCodec.h"
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
    SqliteStatement &version = m_database.nativeStatement(
        "SELECT COALESCE(MAX(aggregate_version), 0) FROM events WHERE aggregate_id = ?1");
    for (auto it = expectedVersions.cbegin(); it != expectedVersions.cend(); ++it) {
        version.bind(1, it.key());
        if (version.step() != SQLITE_ROW) {
            const Error error = version.failure(QStringLiteral("read aggregate version"));
            version.reset();
            return error;
        }
        const qint64 stored = version.columnInt64(0);
        version.reset();
        if (stored != it.value())
            return conflict(QStringLiteral("%1 moved from version %2 to %3")
                                .arg(it.key())
                                .arg(it.value())
                                .arg(stored));
    }
    QSqlQuery &last = m_database.statement(
        QStringLiteral("SELECT position, hash FROM events ORDER BY position DESC LIMIT 1"));
    if (!last.exec())
        return SqliteDatabase::failure(last, QStringLiteral("read last event"));
    qint64 position = last.next() ? last.value(0).toLongLong() : 0;
    QString previousHash = position > 0 ? last.value(1).toString() : QString();
    last.finish();

    SqliteStatement &insert = m_database.nativeStatement(
        "INSERT INTO events (position, event_id, event_type, aggregate_id, aggregate_version, "
        "timestamp, correlation_id, idempotency_key, body, hash) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    QList<EventEnvelope> written;
    written.reserve(events.size());
    for (EventEnvelope event : events) {
        event.position = ++position;
        const QByteArray canonical = codec::canonicalBytes(event);
        event.hash = codec::chainHash(previousHash, canonical);
        previousHash = event.hash;
        const QString key = event.data.value(u"idempotencyKey").toString();
        const QString timestamp = codec::formatTimestamp(event.timestampMs);
        insert.bind(1, event.position);
        insert.bind(2, event.eventId);
        insert.bind(3, event.eventType);
        insert.bind(4, event.aggregateId);
        insert.bind(5, event.aggregateVersion);
        insert.bind(6, timestamp);
        insert.bind(7, event.correlationId);
        insert.bindTextOrNull(8, key);
        insert.bindBlob(9, canonical);
        insert.bind(10, event.hash);
        if (insert.step() != SQLITE_DONE) {
            // A unique index said no: another writer took this version or this key first.
            const int code = insert.extendedError();
            const Error error = insert.failure(QStringLiteral("append event"));
            insert.reset();
            if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
                return conflict(QStringLiteral("%1 version %2 or its key was taken")
                                    .arg(event.aggregateId)
                                    .arg(event.aggregateVersion));
            return error;
        }
        insert.reset();
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
    if (sqlite3_prepare_v2(db,
                           "SELECT body FROM events WHERE position > ?1 AND position <= ?2 "
                           "ORDER BY position LIMIT ?3",
                           -1, &prepared, nullptr) != SQLITE_OK)
        return sqliteFailure(db, QStringLiteral("read events"));
    const Statement statement(prepared);
    const qint64 last = upToPosition > 0 ? upToPosition : std::numeric_limits<qint64>::max();
    CanonicalEventReader reader;
    for (;;) {
        sqlite3_bind_int64(prepared, 1, state.position());
        sqlite3_bind_int64(prepared, 2, last);
        sqlite3_bind_int(prepared, 3, foldChunk);
        int rows = 0;
        int step = SQLITE_ROW;
        while ((step = sqlite3_step(prepared)) == SQLITE_ROW) {
            ++rows;
            const auto *body = static_cast<const char *>(sqlite3_column_blob(prepared, 0));
            const QByteArrayView bytes(body, sqlite3_column_bytes(prepared, 0));
            if (const FoldEvent *event = reader.read(bytes)) {
                state.apply(*event);
                continue;
            }
            // Not the shape the ledger writes today (an older schema, say): the general way.
            const Result<EventEnvelope> event = codec::fromBytes(bytes.toByteArray());
            if (!event.ok()) {
                sqlite3_reset(prepared);
                return event.error();
            }
            state.apply(event.value());
        }
        // Ends the read transaction, so the next run sees newer commits.
        sqlite3_reset(prepared);
        if (step != SQLITE_DONE)
            return sqliteFailure(db, QStringLiteral("read events"));
        if (rows < foldChunk)
            return Done{};
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
