#include "SqliteEventStore.h"

#include "EventCodec.h"
#include "FoldPipeline.h"
#include "SqliteEventRows.h"
#include "domain/LedgerState.h"
#include "domain/ReasonCode.h"

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
// A fold is read and applied on the caller's thread up to this many rows (see foldInto).
constexpr int foldInline = 1000;
// The page cache while a long fold reads: the b-tree's inner pages and the leaf being read.
constexpr int foldCachePages = 256;

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
        const Result<qint64> read = version.singleInt64("read aggregate version");
        if (!read.ok())
            return read.error();
        const qint64 stored = read.value();
        if (stored != it.value())
            return conflict(QStringLiteral("%1 moved from version %2 to %3")
                                .arg(it.key())
                                .arg(it.value())
                                .arg(stored));
    }
    SqliteStatement &last = m_database.nativeStatement(
        "SELECT position, hash FROM events ORDER BY position DESC LIMIT 1");
    const int stepped = last.step();
    if (stepped != SQLITE_ROW && stepped != SQLITE_DONE) {
        const Error error = last.failure(QStringLiteral("read last event"));
        last.reset();
        return error;
    }
    qint64 position = stepped == SQLITE_ROW ? last.columnInt64(0) : 0;
    QString previousHash = stepped == SQLITE_ROW ? last.columnText(1) : QString();
    last.reset();

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
    const qint64 last = upToPosition > 0 ? upToPosition : std::numeric_limits<qint64>::max();
    // Every command catches up first, and almost always nothing is new: one look at the last
    // position, on a statement prepared once, instead of preparing the read.
    const Result<qint64> newest = lastPosition();
    if (!newest.ok())
        return newest.error();
    if (newest.value() <= state.position() || state.position() >= last)
        return Done{};
    SqliteEventRows rows(m_database.handle(), state.position(), last);
    // A few events (a service catching up on another writer's) are read and applied here: not
    // worth a thread. The rows before one that cannot be read are folded, as they always were.
    FoldRow row;
    const Result<int> first = rows.readRun(foldInline, [&](QByteArrayView body) -> Status {
        if (Status read = row.read(body); !read.ok())
            return read;
        row.applyTo(state);
        return Done{};
    });
    if (!first.ok())
        return first.error();
    if (first.value() < foldInline)
        return Done{};
    // More are read on a thread of their own while this one applies them, each page once.
    const PageCacheLimit smallCache(m_database.handle(), foldCachePages);
    FoldPipeline pipeline(state);
    return pipeline.run([&rows](FoldPipeline &into) -> Status {
        for (;;) {
            const Result<int> run =
                rows.readRun(foldChunk, [&into](QByteArrayView body) { return into.add(body); });
            if (!run.ok())
                return run.error();
            if (run.value() < foldChunk)
                return Done{};
        }
    });
}

Result<qint64> SqliteEventStore::lastPosition()
{
    return m_database.nativeStatement("SELECT COALESCE(MAX(position), 0) FROM events")
        .singleInt64("read last position");
}

} // namespace billing
