#include "PostgresProjectionRows.h"

#include "EventCodec.h"
#include "LegId.h"
#include "PostgresArrayColumn.h"
#include "PostgresProjector.h"

#include <QSqlDriver>
#include <QSqlField>
#include <QSqlQuery>

namespace billing {
namespace {

// NULL for no text, as the seed's nullable columns have it.
QString textOrNull(const QString &text)
{
    return text.isEmpty() ? QString() : text;
}

// An account as the run leaves it: a new row, or the fields the run changed on an old one.
struct AccountRow
{
    bool created = false;
    QString ownerId;
    QString ownerType;
    QString currency;
    QString type;
    QString createdAt;
    QString balance = QStringLiteral("0");
    bool balanceChanged = false;
    QString status;
    bool limitsChanged = false;
    QString minBalance;
    QString maxBalance; // empty: no upper limit
    qint64 version = 0;
    QString updatedAt;
};

// What an outcome event sets on both legs of its transaction; pending until one does.
struct TransactionEnd
{
    QString status = QStringLiteral("pending");
    QString reason;
    QString completedAt; // null: not completed (yet, or ever)
};

// One leg of a transaction requested in the run.
struct LegRow
{
    QString id;
    QString transactionId;
    QString type;
    QString accountId;
    QString counterpartyId;
    QString amount;
    QString currency;
    QString reference;
    QString paymentId;
    QString correlationId;
    QString idempotencyKey;
    qint64 position = 0;
    QString createdAt;
    TransactionEnd end;
};

} // namespace

PostgresProjectionRows::PostgresProjectionRows(PostgresDatabase &database,
                                               const CurrencyCatalog &currencies)
    : m_database(database)
    , m_currencies(currencies)
{}

Status PostgresProjectionRows::write(const QList<EventEnvelope> &events)
{
    if (events.isEmpty())
        return Done{};
    if (Status done = writeAudit(events); !done.ok())
        return done;
    if (Status done = writeAccounts(events); !done.ok())
        return done;
    return writeTransactions(events);
}

Status PostgresProjectionRows::runColumns(const QString &head, const QStringList &types,
                                          const QList<PostgresArrayColumn> &columns,
                                          const QString &tail, const QString &what)
{
    BILLING_ASSERT(types.size() == columns.size());
    if (columns.first().size() == 0)
        return Done{};
    // The arrays go into the statement as string literals quoted by the driver's own
    // formatValue() (the escaping Qt applies to bound values too: QPSQL sends them as literals
    // of an EXECUTE), so the server parses one literal per column.
    const QSqlDriver &driver = *m_database.connection().driver();
    QString sql = head + QStringLiteral("unnest(");
    for (qsizetype i = 0; i < columns.size(); ++i) {
        BILLING_ASSERT(columns[i].size() == columns.first().size());
        QSqlField field(QString(), QMetaType::fromType<QString>());
        field.setValue(columns[i].text());
        if (i > 0)
            sql += QStringLiteral(", ");
        sql += driver.formatValue(field) + QStringLiteral("::") + types[i] + QStringLiteral("[]");
    }
    sql += u')' + tail;
    QSqlQuery query(m_database.connection());
    if (!query.exec(sql))
        return PostgresDatabase::failure(query, what);
    return Done{};
}

Status PostgresProjectionRows::writeAudit(const QList<EventEnvelope> &events)
{
    QList<PostgresArrayColumn> columns(11);
    for (const EventEnvelope &event : events) {
        const bool account = event.aggregateKind() == AggregateKind::Account;
        columns[0].append(event.position);
        columns[1].append(event.eventId);
        columns[2].append(account ? QStringLiteral("account") : QStringLiteral("transaction"));
        columns[3].append(event.aggregateId);
        columns[4].append(event.eventType);
        columns[5].append(textOrNull(event.operatorName));
        columns[6].append(event.correlationId);
        columns[7].append(QString::fromUtf8(codec::dataBytes(event.data)));
        columns[8].append(codec::formatTimestamp(event.timestampMs));
        columns[9].append(event.aggregateVersion);
        columns[10].append(textOrNull(event.causationId));
    }
    return runColumns(
        QStringLiteral("INSERT INTO audit_logs (id, event_id, entity_type, entity_id, "
                       "action, operator, correlation_id, changes, timestamp, "
                       "aggregate_version, causation_id) "
                       "SELECT id, event_id, entity_type, entity_id, action, "
                       "operator, correlation_id, changes::jsonb, timestamp, "
                       "aggregate_version, causation_id FROM "),
        {QStringLiteral("bigint"), QStringLiteral("varchar"), QStringLiteral("varchar"),
         QStringLiteral("varchar"), QStringLiteral("varchar"), QStringLiteral("varchar"),
         QStringLiteral("varchar"), QStringLiteral("text"), QStringLiteral("timestamptz"),
         QStringLiteral("bigint"), QStringLiteral("varchar")},
        columns,
        QStringLiteral(" AS v (id, event_id, entity_type, entity_id, action, "
                       "operator, correlation_id, changes, timestamp, "
                       "aggregate_version, causation_id)"),
        QStringLiteral("project audit entries"));
}

Status PostgresProjectionRows::writeAccounts(const QList<EventEnvelope> &events)
{
    QHash<QString, AccountRow> accounts;
    QStringList order; // first touched first, so that the statements are deterministic
    for (const EventEnvelope &event : events) {
        if (event.aggregateKind() != AggregateKind::Account)
            continue;
        const QJsonObject &data = event.data;
        if (!accounts.contains(event.aggregateId))
            order.append(event.aggregateId);
        AccountRow &row = accounts[event.aggregateId];
        const QString timestamp = codec::formatTimestamp(event.timestampMs);
        row.version = event.aggregateVersion;
        // A refusal moves the account's version, not the time it was last updated.
        if (event.eventType != event::accountCommandRejected)
            row.updatedAt = timestamp;
        if (event.eventType == event::accountCreated) {
            const Result<Currency> currency = m_currencies.find(data.value(u"currency").toString());
            BILLING_ASSERT(currency.ok());
            row.created = true;
            row.ownerId = data.value(u"ownerId").toString();
            row.ownerType = data.value(u"ownerType").toString();
            row.currency = currency.value().code;
            row.status = data.value(u"status").toString();
            row.type = data.value(u"type").toString();
            row.minBalance = data.value(u"minBalance").toString();
            row.maxBalance = data.value(u"maxBalance").toString();
            row.createdAt = timestamp;
        } else if (event.eventType == event::balanceChanged) {
            row.balance = data.value(u"balanceAfter").toString();
            row.balanceChanged = true;
        } else if (event.eventType == event::accountStatusChanged) {
            row.status = data.value(u"to").toString();
        } else if (event.eventType == event::accountLimitsChanged) {
            row.limitsChanged = true;
            row.minBalance = data.value(u"minBalance").toString();
            row.maxBalance = data.value(u"maxBalance").toString();
        } else {
            BILLING_ASSERT(event.eventType == event::accountCommandRejected);
        }
    }
    QList<PostgresArrayColumn> created(12);
    QList<PostgresArrayColumn> changed(8);
    for (const QString &id : std::as_const(order)) {
        const AccountRow &row = accounts[id];
        if (row.created) {
            created[0].append(id);
            created[1].append(row.ownerId);
            created[2].append(row.ownerType);
            created[3].append(row.currency);
            created[4].append(row.balance);
            created[5].append(row.status);
            created[6].append(row.type);
            created[7].append(row.minBalance);
            created[8].append(textOrNull(row.maxBalance));
            created[9].append(row.version);
            created[10].append(row.createdAt);
            created[11].append(row.updatedAt);
        } else {
            changed[0].append(id);
            changed[1].append(row.balanceChanged ? row.balance : QString());
            changed[2].append(textOrNull(row.status));
            changed[3].append(row.limitsChanged);
            changed[4].append(row.limitsChanged ? row.minBalance : QString());
            changed[5].append(textOrNull(row.maxBalance));
            changed[6].append(row.version);
            changed[7].append(textOrNull(row.updatedAt));
        }
    }
    if (Status done = runColumns(
            QStringLiteral("INSERT INTO account_projections (id, owner_id, owner_type, currency, "
                           "balance, status, type, min_balance, max_balance, version, created_at, "
                           "updated_at) SELECT * FROM "),
            {QStringLiteral("varchar"), QStringLiteral("varchar"), QStringLiteral("varchar"),
             QStringLiteral("varchar"), QStringLiteral("numeric"), QStringLiteral("varchar"),
             QStringLiteral("varchar"), QStringLiteral("numeric"), QStringLiteral("numeric"),
             QStringLiteral("bigint"), QStringLiteral("timestamptz"),
             QStringLiteral("timestamptz")},
            created, {}, QStringLiteral("project new accounts"));
        !done.ok())
        return done;
    return runColumns(
        QStringLiteral("UPDATE account_projections AS a SET "
                       "balance = COALESCE(v.balance, a.balance), "
                       "status = COALESCE(v.status, a.status), "
                       "min_balance = CASE WHEN v.limits THEN v.min_balance ELSE a.min_balance "
                       "END, "
                       "max_balance = CASE WHEN v.limits THEN v.max_balance ELSE a.max_balance "
                       "END, "
                       "version = v.version, "
                       "updated_at = COALESCE(v.updated_at, a.updated_at) FROM "),
        {QStringLiteral("varchar"), QStringLiteral("numeric"), QStringLiteral("varchar"),
         QStringLiteral("boolean"), QStringLiteral("numeric"), QStringLiteral("numeric"),
         QStringLiteral("bigint"), QStringLiteral("timestamptz")},
        changed,
        QStringLiteral(" AS v (id, balance, status, limits, min_balance, max_balance, version, "
                       "updated_at) WHERE a.id = v.id"),
        QStringLiteral("project account changes"));
}

Status PostgresProjectionRows::writeTransactions(const QList<EventEnvelope> &events)
{
    // Leg rows of transactions requested in this run; an outcome in the run is folded in.
    QList<LegRow> legs;
    QHash<QString, qsizetype> firstLeg; // transaction id -> index of its first leg in `legs`
    QList<std::pair<QString, TransactionEnd>> ends; // outcomes of transactions projected before
    for (const EventEnvelope &event : events) {
        if (event.aggregateKind() == AggregateKind::Account)
            continue;
        const QJsonObject &data = event.data;
        const QString timestamp = codec::formatTimestamp(event.timestampMs);
        if (event.eventType.endsWith(event::requestedSuffix)) {
            const QString type = event.eventType.chopped(event::requestedSuffix.size()).toUpper();
            const QString source = data.value(u"sourceAccountId").toString();
            const QString destination = data.value(u"destinationAccountId").toString();
            const QString amount = data.value(u"amount").toString();
            firstLeg.insert(event.aggregateId, legs.size());
            for (const auto &[account, counterparty, signedAmount] :
                 {std::tuple{source, destination, u'-' + amount},
                  std::tuple{destination, source, amount}}) {
                LegRow leg;
                leg.id = legIdOf(event.aggregateId, account);
                leg.transactionId = event.aggregateId;
                leg.type = type;
                leg.accountId = account;
                leg.counterpartyId = counterparty;
                leg.amount = signedAmount;
                leg.currency = data.value(u"currency").toString();
                leg.reference = data.value(u"reference").toString();
                leg.paymentId = textOrNull(data.value(u"paymentId").toString());
                leg.correlationId = event.correlationId;
                leg.idempotencyKey = data.value(u"idempotencyKey").toString();
                leg.position = event.position;
                leg.createdAt = timestamp;
                legs.append(std::move(leg));
            }
            continue;
        }
        const bool completed = event.eventType.endsWith(event::completedSuffix);
        BILLING_ASSERT(completed || event.eventType.endsWith(event::failedSuffix));
        // A time only for completed: a failed transaction was never completed.
        const TransactionEnd end{completed ? QStringLiteral("completed") : QStringLiteral("failed"),
                                 data.value(u"reason").toString(),
                                 completed ? timestamp : QString()};
        if (const auto found = firstLeg.constFind(event.aggregateId); found != firstLeg.cend()) {
            for (qsizetype leg = *found; leg < *found + 2; ++leg)
                legs[leg].end = end;
        } else {
            ends.append({event.aggregateId, end});
        }
    }
    QList<PostgresArrayColumn> rows(16);
    for (const LegRow &leg : std::as_const(legs)) {
        rows[0].append(leg.id);
        rows[1].append(leg.transactionId);
        rows[2].append(leg.type);
        rows[3].append(leg.accountId);
        rows[4].append(leg.counterpartyId);
        rows[5].append(leg.amount);
        rows[6].append(leg.currency);
        rows[7].append(leg.end.status);
        rows[8].append(leg.reference);
        rows[9].append(textOrNull(leg.end.reason));
        rows[10].append(leg.paymentId);
        rows[11].append(leg.correlationId);
        rows[12].append(leg.idempotencyKey);
        rows[13].append(leg.position);
        rows[14].append(leg.createdAt);
        rows[15].append(leg.end.completedAt);
    }
    if (Status done = runColumns(
            QStringLiteral("INSERT INTO transaction_projections (id, transaction_id, type, "
                           "account_id, counterparty_id, amount, currency, status, reference, "
                           "failure_reason, payment_id, correlation_id, idempotency_key, "
                           "position, created_at, completed_at) SELECT * FROM "),
            {QStringLiteral("varchar"), QStringLiteral("varchar"), QStringLiteral("varchar"),
             QStringLiteral("varchar"), QStringLiteral("varchar"), QStringLiteral("numeric"),
             QStringLiteral("varchar"), QStringLiteral("varchar"), QStringLiteral("text"),
             QStringLiteral("varchar"), QStringLiteral("varchar"), QStringLiteral("varchar"),
             QStringLiteral("varchar"), QStringLiteral("bigint"), QStringLiteral("timestamptz"),
             QStringLiteral("timestamptz")},
            rows, {}, QStringLiteral("project transactions requested"));
        !done.ok())
        return done;
    QList<PostgresArrayColumn> updates(4);
    for (const auto &[transactionId, end] : std::as_const(ends)) {
        updates[0].append(transactionId);
        updates[1].append(end.status);
        updates[2].append(textOrNull(end.reason));
        updates[3].append(end.completedAt);
    }
    return runColumns(
        QStringLiteral("UPDATE transaction_projections AS t SET status = v.status, "
                       "failure_reason = v.reason, completed_at = v.completed_at FROM "),
        {QStringLiteral("varchar"), QStringLiteral("varchar"), QStringLiteral("varchar"),
         QStringLiteral("timestamptz")},
        updates,
        QStringLiteral(" AS v (transaction_id, status, reason, completed_at) "
                       "WHERE t.transaction_id = v.transaction_id"),
        QStringLiteral("project transaction outcomes"));
}

} // namespace billing
