#include "PostgresProjector.h"

#include "EventCodec.h"
#include "LegId.h"
#include "PostgresLogPlaces.h"
#include "PostgresProjectionRows.h"
#include "domain/Money.h"
#include "domain/ReasonCode.h"

#include <QSqlQuery>

namespace billing {
namespace {

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

Error damaged(qint64 expected)
{
    return Error{reason::storageFailure,
                 QStringLiteral("the event stream has a gap before position %1").arg(expected),
                 {}};
}

} // namespace

const QString PostgresProjector::name = QStringLiteral("ledger");

PostgresProjector::PostgresProjector(PostgresDatabase &database, CurrencyCatalog currencies)
    : m_database(database)
    , m_currencies(std::move(currencies))
{}

void PostgresProjector::setEventAppliedHook(std::function<void(qint64)> hook)
{
    m_eventApplied = std::move(hook);
}

Status PostgresProjector::seedCurrencies()
{
    if (Status begun = m_database.begin(); !begun.ok())
        return begun;
    for (const Currency &currency : m_currencies.all()) {
        if (Status done = m_database.run(
                QStringLiteral("INSERT INTO currencies (code, name, type, decimals, active) "
                               "VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET "
                               "name = EXCLUDED.name, type = EXCLUDED.type, "
                               "decimals = EXCLUDED.decimals, active = EXCLUDED.active "
                               "WHERE (currencies.name, currencies.type, currencies.decimals, "
                               "currencies.active) IS DISTINCT FROM (EXCLUDED.name, "
                               "EXCLUDED.type, EXCLUDED.decimals, EXCLUDED.active)"),
                {currency.code, currency.name, toString(currency.type), currency.decimals,
                 currency.active},
                QStringLiteral("seed currencies"));
            !done.ok()) {
            m_database.rollback();
            return done;
        }
    }
    // Not when the row is there: ON CONFLICT alone would wait for a batch that holds the row
    // (a projector stopped mid-batch, say), and every process that opens the ledger with it.
    if (Status done = m_database.run(
            QStringLiteral("INSERT INTO projection_checkpoints (projector, position) "
                           "SELECT ?, 0 WHERE NOT EXISTS (SELECT 1 FROM projection_checkpoints "
                           "WHERE projector = ?) ON CONFLICT (projector) DO NOTHING"),
            {name, name}, QStringLiteral("create checkpoint"));
        !done.ok()) {
        m_database.rollback();
        return done;
    }
    return m_database.commit();
}

Result<qint64> PostgresProjector::lockedCheckpoint()
{
    QSqlQuery &query = m_database.statement(QStringLiteral(
        "SELECT position FROM projection_checkpoints WHERE projector = ? FOR UPDATE"));
    query.addBindValue(name);
    if (!query.exec())
        return PostgresDatabase::failure(query, QStringLiteral("lock checkpoint"));
    if (!query.next())
        return Error{
            reason::storageFailure, QStringLiteral("the projector has no checkpoint row"), {}};
    const qint64 position = query.value(0).toLongLong();
    query.finish();
    return position;
}

Result<qint64> PostgresProjector::checkpoint()
{
    QSqlQuery query(m_database.connection());
    if (!PostgresDatabase::execWith(
            query,
            QStringLiteral("SELECT position FROM projection_checkpoints WHERE projector = ?"),
            {name}))
        return PostgresDatabase::failure(query, QStringLiteral("read checkpoint"));
    return query.next() ? query.value(0).toLongLong() : 0;
}

Result<QList<SourceOffset>> PostgresProjector::offsets()
{
    QSqlQuery query(m_database.connection());
    if (!PostgresDatabase::execWith(query,
                                    QStringLiteral("SELECT topic, partition, next_offset FROM "
                                                   "projection_offsets WHERE projector = ? "
                                                   "ORDER BY topic, partition"),
                                    {name}))
        return PostgresDatabase::failure(query, QStringLiteral("read offsets"));
    QList<SourceOffset> found;
    while (query.next())
        found.append(SourceOffset{query.value(0).toString(), query.value(1).toInt(),
                                  query.value(2).toLongLong()});
    return found;
}

Result<std::optional<ReadPoint>> PostgresProjector::resumePoint()
{
    // One statement, so one snapshot: the checkpoint and the offsets of the same batch.
    QSqlQuery query(m_database.connection());
    if (!PostgresDatabase::execWith(
            query,
            QStringLiteral("SELECT c.position, c.event_hash, c.event_hash_position, o.topic, "
                           "o.partition, o.next_offset FROM projection_checkpoints c "
                           "LEFT JOIN projection_offsets o ON o.projector = c.projector "
                           "WHERE c.projector = ?"),
            {name}))
        return PostgresDatabase::failure(query, QStringLiteral("read checkpoint"));
    std::optional<ReadPoint> point;
    while (query.next()) {
        const qint64 position = query.value(0).toLongLong();
        if (position <= 0 || query.value(1).isNull() || query.value(2).toLongLong() != position)
            return std::optional<ReadPoint>();
        if (!point)
            point = ReadPoint{position, query.value(1).toString(), {}};
        if (!query.value(3).isNull())
            point->offsets.append(SourceOffset{query.value(3).toString(), query.value(4).toInt(),
                                               query.value(5).toLongLong()});
    }
    return point;
}

Result<qint64> PostgresProjector::applyBatch(const QList<EventEnvelope> &events,
                                             const SourceRecords &records)
{
    if (Status begun = m_database.begin(); !begun.ok())
        return begun.error();
    // The batch does not wait for its WAL flush: a server crash may lose the last batches, but
    // only whole (rows, checkpoint and offsets are one transaction), and the projector then
    // applies them again from the log. What a crash cannot do is apply anything twice.
    if (Status relaxed = m_database.exec(QStringLiteral("SET LOCAL synchronous_commit TO OFF"));
        !relaxed.ok()) {
        m_database.rollback();
        return relaxed.error();
    }
    const Result<qint64> start = lockedCheckpoint();
    if (!start.ok()) {
        m_database.rollback();
        return start.error();
    }
    qint64 at = start.value();
    QString atHash;
    QList<EventEnvelope> fresh;
    for (const EventEnvelope &event : events) {
        if (event.position <= at)
            continue; // applied before: a redelivery, or another projector got there first
        if (event.position != at + 1) {
            m_database.rollback();
            return damaged(at + 1);
        }
        at = event.position;
        atHash = event.hash;
        if (!m_eventApplied) {
            fresh.append(event);
            continue;
        }
        // The fault drills stop the projector between two events, so they go one by one.
        if (Status done = apply(event); !done.ok()) {
            m_database.rollback();
            return done.error();
        }
        m_eventApplied(at);
    }
    if (Status done = PostgresProjectionRows(m_database, m_currencies).write(fresh); !done.ok()) {
        m_database.rollback();
        return done.error();
    }
    // Only the events applied here: those after the checkpoint this batch found.
    if (Status saved = saveProgress(at, atHash, nextOffsets(events, records, start.value()));
        !saved.ok()) {
        m_database.rollback();
        return saved.error();
    }
    if (m_placeEvery > 0 && !atHash.isEmpty() && at / m_placeEvery > start.value() / m_placeEvery) {
        // Only a shortcut for readers: a place that cannot be noted does not hold up the batch.
        if (Status marked = m_database.exec(QStringLiteral("SAVEPOINT place")); !marked.ok()) {
            m_database.rollback();
            return marked.error();
        }
        const Status noted = PostgresLogPlaces(m_database).note(name, at, atHash);
        if (!noted.ok())
            qWarning("No place in the log noted at %lld: %s", static_cast<long long>(at),
                     qPrintable(noted.error().message));
        if (Status done =
                m_database.exec(noted.ok() ? QStringLiteral("RELEASE SAVEPOINT place")
                                           : QStringLiteral("ROLLBACK TO SAVEPOINT place"));
            !done.ok()) {
            m_database.rollback();
            return done.error();
        }
    }
    if (Status committed = m_database.commit(); !committed.ok())
        return committed.error();
    return at;
}

Status PostgresProjector::saveProgress(qint64 position, const QString &hash,
                                       const QList<SourceOffset> &offsets)
{
    if (Status done = m_database.run(
            QStringLiteral("UPDATE projection_checkpoints SET position = ?, "
                           "event_hash = COALESCE(?, event_hash), "
                           "event_hash_position = COALESCE(?, event_hash_position) "
                           "WHERE projector = ?"),
            {position, textOrNull(hash), hash.isEmpty() ? QVariant() : QVariant(position), name},
            QStringLiteral("save checkpoint"));
        !done.ok())
        return done;
    for (const SourceOffset &offset : offsets) {
        if (Status done = m_database.run(
                QStringLiteral("INSERT INTO projection_offsets (projector, topic, partition, "
                               "next_offset) VALUES (?, ?, ?, ?) ON CONFLICT (projector, topic, "
                               "partition) DO UPDATE SET next_offset = EXCLUDED.next_offset"),
                {name, offset.topic, offset.partition, offset.nextOffset},
                QStringLiteral("save offsets"));
            !done.ok())
            return done;
    }
    return Done{};
}

Result<qint64> PostgresProjector::catchUp(EventStore &source, int batchSize,
                                          const std::function<bool(qint64)> &progress)
{
    BILLING_ASSERT(batchSize > 0);
    for (;;) {
        Result<qint64> at = checkpoint();
        if (!at.ok()) {
            // The connection may be gone (a server restart): begin() renews it, once.
            if (Status begun = m_database.begin(); !begun.ok())
                return begun.error();
            m_database.rollback();
            at = checkpoint();
            if (!at.ok())
                return at.error();
        }
        const Result<QList<EventEnvelope>> events = source.read(at.value(), batchSize);
        if (!events.ok())
            return events.error();
        if (events.value().isEmpty())
            return at.value();
        const Result<qint64> reached =
            applyBatch(events.value(), source.sourceRecords(events.value()));
        if (!reached.ok())
            return reached.error();
        if (progress && !progress(reached.value()))
            return reached.value();
    }
}

Status PostgresProjector::reset()
{
    if (Status begun = m_database.begin(); !begun.ok())
        return begun;
    // First the checkpoint row, as a batch takes it: a batch under way finishes before this
    // empties anything, so none of its rows (a place in the log) outlives the rebuild.
    if (const Result<qint64> locked = lockedCheckpoint(); !locked.ok()) {
        m_database.rollback();
        return locked.error();
    }
    for (const char *sql :
         {"DELETE FROM account_projections", "DELETE FROM transaction_projections",
          "DELETE FROM audit_logs", "DELETE FROM projection_offsets", "DELETE FROM log_places",
          "UPDATE projection_checkpoints SET position = 0, event_hash = NULL"}) {
        if (Status done = m_database.exec(QString::fromLatin1(sql)); !done.ok()) {
            m_database.rollback();
            return done;
        }
    }
    return m_database.commit();
}

Status PostgresProjector::apply(const EventEnvelope &event)
{
    const QString timestamp = codec::formatTimestamp(event.timestampMs);
    if (Status done = applyAuditEntry(event, timestamp); !done.ok())
        return done;
    return event.aggregateKind() == AggregateKind::Account
               ? applyAccountEvent(event, timestamp)
               : applyTransactionEvent(event, timestamp);
}

Status PostgresProjector::applyAuditEntry(const EventEnvelope &event, const QString &timestamp)
{
    const bool account = event.aggregateKind() == AggregateKind::Account;
    return m_database.run(
        QStringLiteral("INSERT INTO audit_logs (id, event_id, entity_type, entity_id, action, "
                       "operator, correlation_id, changes, timestamp, aggregate_version, "
                       "causation_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {event.position, event.eventId,
         account ? QStringLiteral("account") : QStringLiteral("transaction"), event.aggregateId,
         event.eventType, textOrNull(event.operatorName), event.correlationId,
         QString::fromUtf8(codec::dataBytes(event.data)), timestamp, event.aggregateVersion,
         textOrNull(event.causationId)},
        QStringLiteral("project audit entry"));
}

Status PostgresProjector::applyAccountEvent(const EventEnvelope &event, const QString &timestamp)
{
    const QJsonObject &data = event.data;
    if (event.eventType == event::accountCreated) {
        const Result<Currency> currency = m_currencies.find(data.value(u"currency").toString());
        BILLING_ASSERT(currency.ok());
        return m_database.run(
            QStringLiteral("INSERT INTO account_projections (id, owner_id, owner_type, currency, "
                           "balance, status, type, min_balance, max_balance, version, "
                           "created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)"),
            {event.aggregateId, data.value(u"ownerId").toString(),
             data.value(u"ownerType").toString(), currency.value().code,
             data.value(u"status").toString(), data.value(u"type").toString(),
             data.value(u"minBalance").toString(), textOrNull(data.value(u"maxBalance").toString()),
             event.aggregateVersion, timestamp, timestamp},
            QStringLiteral("project AccountCreated"));
    }
    if (event.eventType == event::balanceChanged)
        return m_database.run(
            QStringLiteral("UPDATE account_projections SET balance = ?, version = ?, "
                           "updated_at = ? WHERE id = ?"),
            {data.value(u"balanceAfter").toString(), event.aggregateVersion, timestamp,
             event.aggregateId},
            QStringLiteral("project BalanceChanged"));
    if (event.eventType == event::accountStatusChanged)
        return m_database.run(
            QStringLiteral("UPDATE account_projections SET status = ?, version = ?, "
                           "updated_at = ? WHERE id = ?"),
            {data.value(u"to").toString(), event.aggregateVersion, timestamp, event.aggregateId},
            QStringLiteral("project AccountStatusChanged"));
    // A refusal moves the account's version, not the time it was last updated.
    if (event.eventType == event::accountCommandRejected)
        return m_database.run(
            QStringLiteral("UPDATE account_projections SET version = ? WHERE id = ?"),
            {event.aggregateVersion, event.aggregateId},
            QStringLiteral("project AccountCommandRejected"));
    BILLING_ASSERT(event.eventType == event::accountLimitsChanged);
    return m_database.run(
        QStringLiteral("UPDATE account_projections SET min_balance = ?, max_balance = ?, "
                       "version = ?, updated_at = ? WHERE id = ?"),
        {data.value(u"minBalance").toString(), textOrNull(data.value(u"maxBalance").toString()),
         event.aggregateVersion, timestamp, event.aggregateId},
        QStringLiteral("project AccountLimitsChanged"));
}

Status PostgresProjector::applyTransactionEvent(const EventEnvelope &event,
                                                const QString &timestamp)
{
    const QJsonObject &data = event.data;
    if (event.eventType.endsWith(event::requestedSuffix)) {
        const QString type = event.eventType.chopped(event::requestedSuffix.size()).toUpper();
        const QString source = data.value(u"sourceAccountId").toString();
        const QString destination = data.value(u"destinationAccountId").toString();
        const QString amount = data.value(u"amount").toString();
        for (const auto &[account, counterparty, signedAmount] :
             {std::tuple{source, destination, u'-' + amount},
              std::tuple{destination, source, amount}}) {
            if (Status done = m_database.run(
                    QStringLiteral(
                        "INSERT INTO transaction_projections (id, transaction_id, type, "
                        "account_id, counterparty_id, amount, currency, status, reference, "
                        "failure_reason, payment_id, correlation_id, idempotency_key, position, "
                        "created_at, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, "
                        "NULL, ?, ?, ?, ?, ?, NULL)"),
                    {legIdOf(event.aggregateId, account), event.aggregateId, type, account,
                     counterparty, signedAmount, data.value(u"currency").toString(),
                     data.value(u"reference").toString(),
                     textOrNull(data.value(u"paymentId").toString()), event.correlationId,
                     data.value(u"idempotencyKey").toString(), event.position, timestamp},
                    QStringLiteral("project transaction requested"));
                !done.ok())
                return done;
        }
        return Done{};
    }
    const bool completed = event.eventType.endsWith(event::completedSuffix);
    BILLING_ASSERT(completed || event.eventType.endsWith(event::failedSuffix));
    return m_database.run(
        QStringLiteral("UPDATE transaction_projections SET status = ?, failure_reason = ?, "
                       "completed_at = ? WHERE transaction_id = ?"),
        {completed ? QStringLiteral("completed") : QStringLiteral("failed"),
         textOrNull(data.value(u"reason").toString()),
         textOrNull(completed ? timestamp : QString()), event.aggregateId},
        QStringLiteral("project transaction outcome"));
}

} // namespace billing
