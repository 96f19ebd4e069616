#include "PostgresProjectionRows.h"

#include "EventCodec.h"
#include "PostgresProjector.h"

#include <QJsonDocument>
#include <QSqlDriver>
#include <QSqlField>
#include <QSqlQuery>

namespace billing {
namespace {

// Rows per statement: large enough that a batch of thousands of events takes a handful of
// round trips, small enough that a statement's text stays a few hundred kilobytes.
constexpr qsizetype rowsPerStatement = 500;

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QString placeholders(int count, const QStringList &casts = {})
{
    QStringList marks;
    for (int i = 0; i < count; ++i)
        marks.append(casts.isEmpty() ? QStringLiteral("?")
                                     : QStringLiteral("CAST(? AS %1)").arg(casts.at(i)));
    return u'(' + marks.join(QStringLiteral(", ")) + u')';
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

// What an outcome event sets on both legs of its transaction.
struct TransactionEnd
{
    QString status;
    QString reason;
    QString completedAt;
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

Status PostgresProjectionRows::runRows(const QString &head, const QString &rowSql,
                                       const QString &tail, const QList<QVariantList> &rows,
                                       const QString &what)
{
    // Values are written into the statement as literals, by the driver's own formatValue() (the
    // escaping Qt applies to bound values too: QPSQL sends them as literals of an EXECUTE). A
    // prepared statement of 500 rows cost a PREPARE, an EXECUTE and a DEALLOCATE; this is one
    // round trip, and the server parses each value once.
    const QSqlDriver &driver = *m_database.connection().driver();
    for (qsizetype from = 0; from < rows.size(); from += rowsPerStatement) {
        const qsizetype count = std::min(rowsPerStatement, rows.size() - from);
        QString sql = head;
        for (qsizetype i = from; i < from + count; ++i) {
            if (i > from)
                sql += QStringLiteral(", ");
            qsizetype next = 0;
            for (const QChar c : rowSql) {
                if (c != u'?') {
                    sql += c;
                    continue;
                }
                const QVariant &value = rows.at(i).at(next++);
                // As Qt binds values (qCreateParamString): a null QString is NULL, an empty
                // one ''.
                QSqlField field(QString(), value.metaType());
                field.setValue(value.isNull() || (value.typeId() == QMetaType::QString &&
                                                  value.toString().isNull())
                                   ? QVariant()
                                   : value);
                sql += driver.formatValue(field);
            }
            BILLING_ASSERT(next == rows.at(i).size());
        }
        sql += tail;
        QSqlQuery query(m_database.connection());
        if (!query.exec(sql))
            return PostgresDatabase::failure(query, what);
    }
    return Done{};
}

Status PostgresProjectionRows::writeAudit(const QList<EventEnvelope> &events)
{
    QList<QVariantList> rows;
    rows.reserve(events.size());
    for (const EventEnvelope &event : events) {
        const bool account = event.aggregateKind() == AggregateKind::Account;
        rows.append({event.position, event.eventId,
                     account ? QStringLiteral("account") : QStringLiteral("transaction"),
                     event.aggregateId, event.eventType, textOrNull(event.operatorName),
                     event.correlationId,
                     QString::fromUtf8(QJsonDocument(event.data).toJson(QJsonDocument::Compact)),
                     codec::formatTimestamp(event.timestampMs), event.aggregateVersion,
                     textOrNull(event.causationId)});
    }
    return runRows(QStringLiteral("INSERT INTO audit_logs (id, event_id, entity_type, entity_id, "
                                  "action, operator, correlation_id, changes, timestamp, "
                                  "aggregate_version, causation_id) VALUES "),
                   placeholders(11), {}, rows, QStringLiteral("project audit entries"));
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
    QList<QVariantList> created;
    QList<QVariantList> changed;
    for (const QString &id : std::as_const(order)) {
        const AccountRow &row = accounts[id];
        if (row.created)
            created.append({id, row.ownerId, row.ownerType, row.currency, row.balance, row.status,
                            row.type, row.minBalance, textOrNull(row.maxBalance), row.version,
                            row.createdAt, row.updatedAt});
        else
            changed.append({id, row.balanceChanged ? QVariant(row.balance) : QVariant(),
                            textOrNull(row.status), row.limitsChanged,
                            row.limitsChanged ? QVariant(row.minBalance) : QVariant(),
                            textOrNull(row.maxBalance), row.version, row.updatedAt});
    }
    if (Status done = runRows(
            QStringLiteral("INSERT INTO account_projections (id, owner_id, owner_type, currency, "
                           "balance, status, type, min_balance, max_balance, version, created_at, "
                           "updated_at) VALUES "),
            placeholders(12), {}, created, QStringLiteral("project new accounts"));
        !done.ok())
        return done;
    return runRows(
        QStringLiteral("UPDATE account_projections AS a SET "
                       "balance = COALESCE(v.balance, a.balance), "
                       "status = COALESCE(v.status, a.status), "
                       "min_balance = CASE WHEN v.limits THEN v.min_balance ELSE a.min_balance "
                       "END, "
                       "max_balance = CASE WHEN v.limits THEN v.max_balance ELSE a.max_balance "
                       "END, "
                       "version = v.version, updated_at = v.updated_at FROM (VALUES "),
        placeholders(8, {QStringLiteral("varchar"), QStringLiteral("numeric"),
                         QStringLiteral("varchar"), QStringLiteral("boolean"),
                         QStringLiteral("numeric"), QStringLiteral("numeric"),
                         QStringLiteral("bigint"), QStringLiteral("timestamptz")}),
        QStringLiteral(") AS v (id, balance, status, limits, min_balance, max_balance, version, "
                       "updated_at) WHERE a.id = v.id"),
        changed, QStringLiteral("project account changes"));
}

Status PostgresProjectionRows::writeTransactions(const QList<EventEnvelope> &events)
{
    // Leg rows of transactions requested in this run; an outcome in the run is folded in.
    QList<QVariantList> legs;
    QHash<QString, qsizetype> firstLeg; // transaction id -> index of its first leg in `legs`
    QList<std::pair<QString, TransactionEnd>> ends; // outcomes of transactions projected before
    constexpr int statusColumn = 7;
    constexpr int reasonColumn = 9;
    constexpr int completedColumn = 15;
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
                  std::tuple{destination, source, amount}})
                legs.append({PostgresProjector::legId(event.aggregateId, account),
                             event.aggregateId, type, account, counterparty, signedAmount,
                             data.value(u"currency").toString(), QStringLiteral("pending"),
                             data.value(u"reference").toString(), QVariant(),
                             textOrNull(data.value(u"paymentId").toString()), event.correlationId,
                             data.value(u"idempotencyKey").toString(), event.position, timestamp,
                             QVariant()});
            continue;
        }
        const bool completed = event.eventType.endsWith(event::completedSuffix);
        BILLING_ASSERT(completed || event.eventType.endsWith(event::failedSuffix));
        const TransactionEnd end{completed ? QStringLiteral("completed") : QStringLiteral("failed"),
                                 data.value(u"reason").toString(), timestamp};
        if (const auto found = firstLeg.constFind(event.aggregateId); found != firstLeg.cend()) {
            for (qsizetype leg = *found; leg < *found + 2; ++leg) {
                legs[leg][statusColumn] = end.status;
                legs[leg][reasonColumn] = textOrNull(end.reason);
                legs[leg][completedColumn] = end.completedAt;
            }
        } else {
            ends.append({event.aggregateId, end});
        }
    }
    if (Status done = runRows(
            QStringLiteral("INSERT INTO transaction_projections (id, transaction_id, type, "
                           "account_id, counterparty_id, amount, currency, status, reference, "
                           "failure_reason, payment_id, correlation_id, idempotency_key, "
                           "position, created_at, completed_at) VALUES "),
            placeholders(16), {}, legs, QStringLiteral("project transactions requested"));
        !done.ok())
        return done;
    QList<QVariantList> updates;
    for (const auto &[transactionId, end] : std::as_const(ends))
        updates.append({transactionId, end.status, textOrNull(end.reason), end.completedAt});
    return runRows(
        QStringLiteral("UPDATE transaction_projections AS t SET status = v.status, "
                       "failure_reason = v.reason, completed_at = v.completed_at FROM (VALUES "),
        placeholders(4, {QStringLiteral("varchar"), QStringLiteral("varchar"),
                         QStringLiteral("varchar"), QStringLiteral("timestamptz")}),
        QStringLiteral(") AS v (transaction_id, status, reason, completed_at) "
                       "WHERE t.transaction_id = v.transaction_id"),
        updates, QStringLiteral("project transaction outcomes"));
}

} // namespace billing
