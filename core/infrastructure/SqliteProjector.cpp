#include "SqliteProjector.h"

#include "EventCodec.h"
#include "SqliteEventStore.h"
#include "domain/Money.h"
#include "domain/ReasonCode.h"

#include <QJsonDocument>
#include <QUuid>

namespace billing {
namespace {

const QUuid legIdNamespace(QStringLiteral("{2b0d3c59-7c1e-4c8e-a0a4-5f0f5e0b7d21}"));
constexpr int catchUpChunk = 5000;

QString legId(const QString &transactionId, const QString &accountId)
{
    return QUuid::createUuidV5(legIdNamespace, transactionId + u'/' + accountId)
        .toString(QUuid::WithoutBraces);
}

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

Status run(QSqlQuery &query, const QVariantList &values, const char *what)
{
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return SqliteDatabase::failure(query, QString::fromLatin1(what));
    return Done{};
}

} // namespace

const QString SqliteProjector::name = QStringLiteral("ledger");

SqliteProjector::SqliteProjector(SqliteDatabase &database, SqliteEventStore &store,
                                 CurrencyCatalog currencies)
    : m_database(database)
    , m_store(store)
    , m_currencies(std::move(currencies))
{}

SqliteProjector::~SqliteProjector() = default;

QSqlQuery &SqliteProjector::prepared(const QString &sql)
{
    return m_database.statement(sql);
}

bool SqliteProjector::currenciesSeeded()
{
    QSqlQuery &query = prepared(
        QStringLiteral("SELECT code, name, type, decimals, active FROM currencies ORDER BY code"));
    QStringList stored;
    if (query.exec()) {
        while (query.next())
            stored.append(QStringList{query.value(0).toString(), query.value(1).toString(),
                                      query.value(2).toString(), query.value(3).toString(),
                                      query.value(4).toString()}
                              .join(u'|'));
    }
    query.finish();
    QStringList wanted;
    for (const Currency &currency : m_currencies.all())
        wanted.append(QStringList{currency.code, currency.name, toString(currency.type),
                                  QString::number(currency.decimals),
                                  QString::number(currency.active ? 1 : 0)}
                          .join(u'|'));
    wanted.sort();
    return stored == wanted;
}

Status SqliteProjector::seedCurrencies()
{
    // Opening a store must not take the write lock when there is nothing to write: many
    // processes open the same file, and an auditor's desk never writes.
    if (currenciesSeeded())
        return Done{};
    if (Status begun = m_database.beginWrite(); !begun.ok())
        return begun;
    QSqlQuery &insert = prepared(
        QStringLiteral("INSERT OR REPLACE INTO currencies (code, name, type, decimals, active) "
                       "VALUES (?, ?, ?, ?, ?)"));
    for (const Currency &currency : m_currencies.all()) {
        if (Status done = run(insert,
                              {currency.code, currency.name, toString(currency.type),
                               currency.decimals, currency.active ? 1 : 0},
                              "seed currencies");
            !done.ok()) {
            m_database.rollback();
            return done;
        }
    }
    return m_database.commit();
}

Result<qint64> SqliteProjector::checkpoint()
{
    QSqlQuery &query =
        prepared(QStringLiteral("SELECT position FROM projection_checkpoints WHERE projector = ?"));
    query.addBindValue(name);
    if (!query.exec())
        return SqliteDatabase::failure(query, QStringLiteral("read checkpoint"));
    const qint64 position = query.next() ? query.value(0).toLongLong() : 0;
    query.finish();
    return position;
}

Status SqliteProjector::applyBatch(const QList<EventEnvelope> &events, qint64 checkpointBefore)
{
    qint64 expected = checkpointBefore;
    for (const EventEnvelope &event : events) {
        if (event.position != ++expected)
            return Error{reason::storageFailure,
                         QStringLiteral("the log is damaged at position %1").arg(expected),
                         {}};
        if (Status done = apply(event); !done.ok())
            return done;
    }
    QSqlQuery &save = prepared(QStringLiteral(
        "INSERT OR REPLACE INTO projection_checkpoints (projector, position) VALUES (?, ?)"));
    return run(save, {name, events.last().position}, "save checkpoint");
}

Result<qint64> SqliteProjector::catchUpInTransaction(qint64 upTo)
{
    const Result<qint64> start = checkpoint();
    if (!start.ok())
        return start.error();
    qint64 at = start.value();
    while (at < upTo) {
        const Result<QList<EventEnvelope>> events =
            m_store.read(at, int(std::min<qint64>(catchUpChunk, upTo - at)));
        if (!events.ok())
            return events.error();
        BILLING_ASSERT(!events.value().isEmpty());
        if (Status done = applyBatch(events.value(), at); !done.ok())
            return done.error();
        at = events.value().last().position;
    }
    return at;
}

Status SqliteProjector::applyInTransaction(const QList<EventEnvelope> &appended)
{
    BILLING_ASSERT(!appended.isEmpty());
    // One checkpoint read per append: the common case has nothing to catch up.
    const Result<qint64> at = catchUpInTransaction(appended.first().position - 1);
    if (!at.ok())
        return at.error();
    return applyBatch(appended, at.value());
}

Result<qint64> SqliteProjector::catchUp(int batchSize, const std::function<bool(qint64)> &progress)
{
    BILLING_ASSERT(batchSize > 0);
    for (;;) {
        // Up to date is the common case: answer it without taking the write lock.
        const Result<qint64> before = checkpoint();
        const Result<qint64> last = m_store.lastPosition();
        if (before.ok() && last.ok() && before.value() >= last.value())
            return before.value();
        if (Status begun = m_database.beginWrite(); !begun.ok())
            return begun.error();
        const Result<qint64> at = checkpoint();
        const Result<QList<EventEnvelope>> events = at.ok()
                                                        ? m_store.read(at.value(), batchSize)
                                                        : Result<QList<EventEnvelope>>(at.error());
        if (!events.ok()) {
            m_database.rollback();
            return events.error();
        }
        if (events.value().isEmpty()) {
            m_database.rollback();
            return at.value();
        }
        if (Status done = applyBatch(events.value(), at.value()); !done.ok()) {
            m_database.rollback();
            return done.error();
        }
        if (Status done = m_database.commit(); !done.ok())
            return done.error();
        if (progress && !progress(events.value().last().position))
            return events.value().last().position;
    }
}

Status SqliteProjector::reset()
{
    if (Status begun = m_database.beginWrite(); !begun.ok())
        return begun;
    for (const char *table :
         {"account_projections", "transaction_projections", "projection_checkpoints"}) {
        if (Status done = m_database.exec(QStringLiteral("DELETE FROM ") + QLatin1String(table));
            !done.ok()) {
            m_database.rollback();
            return done;
        }
    }
    return m_database.commit();
}

Status SqliteProjector::apply(const EventEnvelope &event)
{
    // audit_logs is a view over the log here, so there is nothing to write for it.
    const QString timestamp = codec::formatTimestamp(event.timestampMs);
    return event.aggregateKind() == AggregateKind::Account
               ? applyAccountEvent(event, timestamp)
               : applyTransactionEvent(event, timestamp);
}

Status SqliteProjector::applyAccountEvent(const EventEnvelope &event, const QString &timestamp)
{
    const QJsonObject &data = event.data;
    if (event.eventType == event::accountCreated) {
        const Result<Currency> currency = m_currencies.find(data.value(u"currency").toString());
        BILLING_ASSERT(currency.ok());
        QSqlQuery &insert = prepared(QStringLiteral(
            "INSERT INTO account_projections (id, owner_id, owner_type, currency, balance, "
            "status, type, min_balance, max_balance, version, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        return run(insert,
                   {event.aggregateId, data.value(u"ownerId").toString(),
                    data.value(u"ownerType").toString(), currency.value().code,
                    Money().toString(currency.value().decimals), data.value(u"status").toString(),
                    data.value(u"type").toString(), data.value(u"minBalance").toString(),
                    textOrNull(data.value(u"maxBalance").toString()), event.aggregateVersion,
                    timestamp, timestamp},
                   "project AccountCreated");
    }
    if (event.eventType == event::balanceChanged) {
        QSqlQuery &update = prepared(QStringLiteral(
            "UPDATE account_projections SET balance = ?, version = ?, updated_at = ? "
            "WHERE id = ?"));
        return run(update,
                   {data.value(u"balanceAfter").toString(), event.aggregateVersion, timestamp,
                    event.aggregateId},
                   "project BalanceChanged");
    }
    if (event.eventType == event::accountStatusChanged) {
        QSqlQuery &update = prepared(
            QStringLiteral("UPDATE account_projections SET status = ?, version = ?, updated_at = ? "
                           "WHERE id = ?"));
        return run(
            update,
            {data.value(u"to").toString(), event.aggregateVersion, timestamp, event.aggregateId},
            "project AccountStatusChanged");
    }
    if (event.eventType == event::accountCommandRejected) {
        QSqlQuery &update = prepared(QStringLiteral(
            "UPDATE account_projections SET version = ?, updated_at = ? WHERE id = ?"));
        return run(update, {event.aggregateVersion, timestamp, event.aggregateId},
                   "project AccountCommandRejected");
    }
    BILLING_ASSERT(event.eventType == event::accountLimitsChanged);
    QSqlQuery &update = prepared(QStringLiteral(
        "UPDATE account_projections SET min_balance = ?, max_balance = ?, version = ?, "
        "updated_at = ? WHERE id = ?"));
    return run(update,
               {data.value(u"minBalance").toString(),
                textOrNull(data.value(u"maxBalance").toString()), event.aggregateVersion, timestamp,
                event.aggregateId},
               "project AccountLimitsChanged");
}

Status SqliteProjector::applyTransactionEvent(const EventEnvelope &event, const QString &timestamp)
{
    const QJsonObject &data = event.data;
    if (event.eventType.endsWith(event::requestedSuffix)) {
        const QString type = event.eventType.chopped(event::requestedSuffix.size()).toUpper();
        const QString source = data.value(u"sourceAccountId").toString();
        const QString destination = data.value(u"destinationAccountId").toString();
        const QString amount = data.value(u"amount").toString();
        QSqlQuery &insert = prepared(QStringLiteral(
            "INSERT INTO transaction_projections (id, transaction_id, type, account_id, "
            "counterparty_id, amount, currency, status, reference, failure_reason, payment_id, "
            "correlation_id, idempotency_key, position, created_at, completed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, NULL, ?, ?, ?, ?, ?, NULL)"));
        for (const auto &[account, counterparty, signedAmount] :
             {std::tuple{source, destination, u'-' + amount},
              std::tuple{destination, source, amount}}) {
            if (Status done =
                    run(insert,
                        {legId(event.aggregateId, account), event.aggregateId, type, account,
                         counterparty, signedAmount, data.value(u"currency").toString(),
                         data.value(u"reference").toString(),
                         textOrNull(data.value(u"paymentId").toString()), event.correlationId,
                         data.value(u"idempotencyKey").toString(), event.position, timestamp},
                        "project transaction requested");
                !done.ok())
                return done;
        }
        return Done{};
    }
    const bool completed = event.eventType.endsWith(event::completedSuffix);
    BILLING_ASSERT(completed || event.eventType.endsWith(event::failedSuffix));
    QSqlQuery &update = prepared(QStringLiteral(
        "UPDATE transaction_projections SET status = ?, failure_reason = ?, completed_at = ? "
        "WHERE transaction_id = ?"));
    return run(update,
               {completed ? QStringLiteral("completed") : QStringLiteral("failed"),
                textOrNull(data.value(u"reason").toString()), timestamp, event.aggregateId},
               "project transaction outcome");
}

} // namespace billing
