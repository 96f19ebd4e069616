#include "SqliteProjector.h"

#include "EventCodec.h"
#include "LegId.h"
#include "SqliteEventStore.h"
#include "domain/Money.h"
#include "domain/ReasonCode.h"

#include <sqlite3.h>

namespace billing {
namespace {

constexpr int catchUpChunk = 5000;

bool isOutcome(const EventEnvelope &event)
{
    return event.eventType.endsWith(event::completedSuffix) ||
           event.eventType.endsWith(event::failedSuffix);
}

QString outcomeStatus(const EventEnvelope &outcome)
{
    return outcome.eventType.endsWith(event::completedSuffix) ? QStringLiteral("completed")
                                                              : QStringLiteral("failed");
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
    // A command's transaction events are one append, so its outcome is a few events after its
    // request: the legs are then written finished, instead of written pending and updated.
    constexpr qsizetype outcomeLookahead = 4;
    QList<bool> written(events.size(), false);
    qint64 expected = checkpointBefore;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const EventEnvelope &event = events[i];
        if (event.position != ++expected)
            return Error{reason::storageFailure,
                         QStringLiteral("the log is damaged at position %1").arg(expected),
                         {}};
        if (written[i])
            continue;
        const EventEnvelope *outcome = nullptr;
        if (event.aggregateKind() == AggregateKind::Transaction &&
            event.eventType.endsWith(event::requestedSuffix)) {
            for (qsizetype j = i + 1; j < events.size() && j <= i + outcomeLookahead; ++j) {
                if (events[j].aggregateId == event.aggregateId && isOutcome(events[j])) {
                    outcome = &events[j];
                    written[j] = true;
                    break;
                }
            }
        }
        if (Status done = apply(event, outcome); !done.ok())
            return done;
    }
    // An update leaves the key's index alone, where a replace rewrote both (one page less per
    // commit); the row is inserted the first time.
    SqliteStatement &save = m_database.nativeStatement(
        "UPDATE projection_checkpoints SET position = ?2 WHERE projector = ?1");
    save.bind(1, name);
    save.bind(2, events.last().position);
    if (Status saved = save.run("save checkpoint"); !saved.ok())
        return saved;
    if (sqlite3_changes(m_database.handle()) > 0)
        return Done{};
    SqliteStatement &insert = m_database.nativeStatement(
        "INSERT INTO projection_checkpoints (projector, position) VALUES (?1, ?2)");
    insert.bind(1, name);
    insert.bind(2, events.last().position);
    return insert.run("save checkpoint");
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

Status SqliteProjector::apply(const EventEnvelope &event, const EventEnvelope *outcome)
{
    // audit_logs is a view over the log here, so there is nothing to write for it.
    const QString timestamp = codec::formatTimestamp(event.timestampMs);
    return event.aggregateKind() == AggregateKind::Account
               ? applyAccountEvent(event, timestamp)
               : applyTransactionEvent(event, timestamp, outcome);
}

Status SqliteProjector::applyAccountEvent(const EventEnvelope &event, const QString &timestamp)
{
    const QJsonObject &data = event.data;
    if (event.eventType == event::accountCreated) {
        const Result<Currency> currency = m_currencies.find(data.value(u"currency").toString());
        BILLING_ASSERT(currency.ok());
        SqliteStatement &insert = m_database.nativeStatement(
            "INSERT INTO account_projections (id, owner_id, owner_type, currency, balance, "
            "status, type, min_balance, max_balance, version, created_at, updated_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)");
        const QString ownerId = data.value(u"ownerId").toString();
        const QString ownerType = data.value(u"ownerType").toString();
        const QString balance = Money().toString(currency.value().decimals);
        const QString status = data.value(u"status").toString();
        const QString type = data.value(u"type").toString();
        const QString minBalance = data.value(u"minBalance").toString();
        const QString maxBalance = data.value(u"maxBalance").toString();
        insert.bind(1, event.aggregateId);
        insert.bind(2, ownerId);
        insert.bind(3, ownerType);
        insert.bind(4, currency.value().code);
        insert.bind(5, balance);
        insert.bind(6, status);
        insert.bind(7, type);
        insert.bind(8, minBalance);
        insert.bindTextOrNull(9, maxBalance);
        insert.bind(10, event.aggregateVersion);
        insert.bind(11, timestamp);
        return insert.run("project AccountCreated");
    }
    // A balance or a status: one column, with the version and the time.
    const auto updateOne = [&](const char *sql, const QString &value, const char *what) {
        SqliteStatement &update = m_database.nativeStatement(sql);
        update.bind(1, value);
        update.bind(2, event.aggregateVersion);
        update.bind(3, timestamp);
        update.bind(4, event.aggregateId);
        return update.run(what);
    };
    if (event.eventType == event::balanceChanged)
        return updateOne("UPDATE account_projections SET balance = ?1, version = ?2, "
                         "updated_at = ?3 WHERE id = ?4",
                         data.value(u"balanceAfter").toString(), "project BalanceChanged");
    if (event.eventType == event::accountStatusChanged)
        return updateOne("UPDATE account_projections SET status = ?1, version = ?2, "
                         "updated_at = ?3 WHERE id = ?4",
                         data.value(u"to").toString(), "project AccountStatusChanged");
    if (event.eventType == event::accountCommandRejected) {
        // The refusal is an event of the account (its version moves) but changed nothing in
        // it, so the time it was last updated stays.
        SqliteStatement &update =
            m_database.nativeStatement("UPDATE account_projections SET version = ?1 WHERE id = ?2");
        update.bind(1, event.aggregateVersion);
        update.bind(2, event.aggregateId);
        return update.run("project AccountCommandRejected");
    }
    BILLING_ASSERT(event.eventType == event::accountLimitsChanged);
    SqliteStatement &update = m_database.nativeStatement(
        "UPDATE account_projections SET min_balance = ?1, max_balance = ?2, version = ?3, "
        "updated_at = ?4 WHERE id = ?5");
    const QString minBalance = data.value(u"minBalance").toString();
    const QString maxBalance = data.value(u"maxBalance").toString();
    update.bind(1, minBalance);
    update.bindTextOrNull(2, maxBalance);
    update.bind(3, event.aggregateVersion);
    update.bind(4, timestamp);
    update.bind(5, event.aggregateId);
    return update.run("project AccountLimitsChanged");
}

Status SqliteProjector::applyTransactionEvent(const EventEnvelope &event, const QString &timestamp,
                                              const EventEnvelope *outcome)
{
    const QJsonObject &data = event.data;
    if (event.eventType.endsWith(event::requestedSuffix)) {
        const QString type = event.eventType.chopped(event::requestedSuffix.size()).toUpper();
        const QString source = data.value(u"sourceAccountId").toString();
        const QString destination = data.value(u"destinationAccountId").toString();
        const QString amount = data.value(u"amount").toString();
        const QString negated = u'-' + amount;
        const QString currency = data.value(u"currency").toString();
        const QString reference = data.value(u"reference").toString();
        const QString paymentId = data.value(u"paymentId").toString();
        const QString key = data.value(u"idempotencyKey").toString();
        // Finished in the same append: the legs carry the outcome from the start.
        const QString status = outcome ? outcomeStatus(*outcome) : QStringLiteral("pending");
        const QString reason = outcome ? outcome->data.value(u"reason").toString() : QString();
        // A time only for completed: a failed transaction was never completed.
        const QString completedAt = outcome && status == QStringLiteral("completed")
                                        ? codec::formatTimestamp(outcome->timestampMs)
                                        : QString();
        SqliteStatement &insert = m_database.nativeStatement(
            "INSERT INTO transaction_projections (id, transaction_id, type, account_id, "
            "counterparty_id, amount, currency, status, reference, failure_reason, payment_id, "
            "correlation_id, idempotency_key, position, created_at, completed_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
        for (const auto &[account, counterparty, signedAmount] :
             {std::tuple{&source, &destination, &negated},
              std::tuple{&destination, &source, &amount}}) {
            const QString leg = legIdOf(event.aggregateId, *account);
            insert.bind(1, leg);
            insert.bind(2, event.aggregateId);
            insert.bind(3, type);
            insert.bind(4, *account);
            insert.bind(5, *counterparty);
            insert.bind(6, *signedAmount);
            insert.bind(7, currency);
            insert.bind(8, status);
            insert.bind(9, reference);
            insert.bindTextOrNull(10, reason);
            insert.bindTextOrNull(11, paymentId);
            insert.bind(12, event.correlationId);
            insert.bind(13, key);
            insert.bind(14, event.position);
            insert.bind(15, timestamp);
            insert.bindTextOrNull(16, completedAt);
            if (Status done = insert.run("project transaction requested"); !done.ok())
                return done;
        }
        return Done{};
    }
    BILLING_ASSERT(isOutcome(event));
    SqliteStatement &update = m_database.nativeStatement(
        "UPDATE transaction_projections SET status = ?1, failure_reason = ?2, completed_at = ?3 "
        "WHERE transaction_id = ?4");
    const QString status = outcomeStatus(event);
    const QString reason = event.data.value(u"reason").toString();
    update.bind(1, status);
    update.bindTextOrNull(2, reason);
    update.bindTextOrNull(3, status == QStringLiteral("completed") ? timestamp : QString());
    update.bind(4, event.aggregateId);
    return update.run("project transaction outcome");
}

} // namespace billing
