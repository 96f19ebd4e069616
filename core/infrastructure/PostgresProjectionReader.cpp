#include "PostgresProjectionReader.h"

#include "ProjectionRows.h"

#include "PostgresProjector.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace billing {
namespace {

// The embedded store's time format (ISO 8601 UTC with milliseconds), made by the server.
QString timestampColumn(const char *column)
{
    return QStringLiteral("to_char(%1 AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')")
        .arg(QLatin1String(column));
}

const QString accountColumns =
    QStringLiteral("SELECT id, owner_id, owner_type, type, currency, balance, status, "
                   "min_balance, max_balance, version, %1, %2 FROM account_projections ")
        .arg(timestampColumn("created_at"), timestampColumn("updated_at"));
const QString legColumns =
    QStringLiteral("SELECT id, transaction_id, type, account_id, counterparty_id, amount, "
                   "currency, status, reference, failure_reason, payment_id, correlation_id, "
                   "idempotency_key, position, %1, %2 FROM transaction_projections ")
        .arg(timestampColumn("created_at"), timestampColumn("completed_at"));

} // namespace

PostgresProjectionReader::PostgresProjectionReader(PostgresDatabase &database)
    : m_database(database)
{}

Result<QList<AccountView>> PostgresProjectionReader::selectAccounts(const QString &tail,
                                                                    const QVariantList &values)
{
    QSqlQuery query(m_database.connection());
    if (!PostgresDatabase::execWith(query, accountColumns + tail, values))
        return PostgresDatabase::failure(query, QStringLiteral("read accounts"));
    QList<AccountView> accounts;
    while (query.next())
        accounts.append(rows::account(query));
    return accounts;
}

Result<std::optional<AccountView>> PostgresProjectionReader::account(const QString &id)
{
    const Result<QList<AccountView>> found = selectAccounts(QStringLiteral("WHERE id = ?"), {id});
    if (!found.ok())
        return found.error();
    if (found.value().isEmpty())
        return std::optional<AccountView>();
    return std::optional<AccountView>(found.value().first());
}

Result<QList<AccountView>> PostgresProjectionReader::accounts(const QString &ownerId)
{
    // Ids compare byte by byte, as SQLite's BINARY collation does, whatever the database's
    // locale: accounts created in one millisecond list in the same order in both stores.
    if (ownerId.isEmpty())
        return selectAccounts(QStringLiteral("ORDER BY created_at, id COLLATE \"C\""), {});
    return selectAccounts(
        QStringLiteral("WHERE owner_id = ? ORDER BY created_at, id COLLATE \"C\""), {ownerId});
}

Result<QList<TransactionLegView>> PostgresProjectionReader::selectLegs(const QString &tail,
                                                                       const QVariantList &values)
{
    QSqlQuery query(m_database.connection());
    if (!PostgresDatabase::execWith(query, legColumns + tail, values))
        return PostgresDatabase::failure(query, QStringLiteral("read transactions"));
    QList<TransactionLegView> legs;
    while (query.next())
        legs.append(rows::leg(query));
    return legs;
}

Result<QList<TransactionLegView>>
PostgresProjectionReader::transaction(const QString &transactionId)
{
    // The payer's leg (negative amount) first.
    return selectLegs(QStringLiteral("WHERE transaction_id = ? ORDER BY amount < 0 DESC, id"),
                      {transactionId});
}

Result<QList<TransactionLegView>>
PostgresProjectionReader::transactionsOfAccount(const QString &accountId, Page page)
{
    return selectLegs(
        QStringLiteral("WHERE account_id = ? ORDER BY position DESC LIMIT ? OFFSET ?"),
        {accountId, page.limit, page.offset});
}

Result<QList<TransactionLegView>>
PostgresProjectionReader::transactionsOfAccountBefore(const QString &accountId,
                                                      qint64 beforePosition, int limit)
{
    return selectLegs(
        QStringLiteral("WHERE account_id = ? AND position < ? ORDER BY position DESC LIMIT ?"),
        {accountId, beforePosition, limit});
}

Result<QList<AuditEntryView>> PostgresProjectionReader::auditLog(Page page)
{
    return selectAudit(QStringLiteral("ORDER BY id DESC LIMIT ? OFFSET ?"),
                       {page.limit, page.offset});
}

Result<QList<AuditEntryView>> PostgresProjectionReader::auditLogOf(const QString &entityId,
                                                                   Page page)
{
    return selectAudit(QStringLiteral("WHERE entity_id = ? ORDER BY id DESC LIMIT ? OFFSET ?"),
                       {entityId, page.limit, page.offset});
}

Result<QList<AuditEntryView>> PostgresProjectionReader::selectAudit(const QString &tail,
                                                                    const QVariantList &values)
{
    QSqlQuery query(m_database.connection());
    if (!PostgresDatabase::execWith(
            query,
            QStringLiteral("SELECT id, event_id, entity_type, entity_id, action, operator, "
                           "correlation_id, changes::text, %1 FROM audit_logs ")
                    .arg(timestampColumn("timestamp")) +
                tail,
            values))
        return PostgresDatabase::failure(query, QStringLiteral("read audit log"));
    QList<AuditEntryView> entries;
    while (query.next()) {
        AuditEntryView entry = rows::audit(query);
        // JSONB prints with spaces; give the compact, key-sorted form the embedded store shows.
        entry.changes = QString::fromUtf8(
            QJsonDocument::fromJson(entry.changes.toUtf8()).toJson(QJsonDocument::Compact));
        entries.append(entry);
    }
    return entries;
}

Result<qint64> PostgresProjectionReader::checkpoint()
{
    QSqlQuery query(m_database.connection());
    if (!PostgresDatabase::execWith(
            query,
            QStringLiteral("SELECT position FROM projection_checkpoints WHERE projector = ?"),
            {PostgresProjector::name}))
        return PostgresDatabase::failure(query, QStringLiteral("read checkpoint"));
    return query.next() ? query.value(0).toLongLong() : 0;
}

Status
PostgresProjectionReader::forEachLeg(const std::function<Status(const TransactionLegView &)> &visit)
{
    // The driver would hold the whole result in memory: a cursor hands it over in slices, all
    // from the snapshot of one read-only transaction.
    constexpr int slice = 5000;
    if (Status begun = m_database.begin(); !begun.ok())
        return begun;
    // Nothing is written: ending the snapshot is a rollback, also when `visit` throws.
    struct SnapshotEnd
    {
        PostgresDatabase &database;
        ~SnapshotEnd() { database.rollback(); }
    } end{m_database};
    QSqlQuery query(m_database.connection());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")) ||
        !query.exec(QStringLiteral("DECLARE verified_legs NO SCROLL CURSOR FOR ") + legColumns))
        return PostgresDatabase::failure(query, QStringLiteral("read transactions"));
    for (;;) {
        if (!query.exec(QStringLiteral("FETCH %1 FROM verified_legs").arg(slice)))
            return PostgresDatabase::failure(query, QStringLiteral("read transactions"));
        int rows = 0;
        while (query.next()) {
            ++rows;
            if (Status visited = visit(rows::leg(query)); !visited.ok())
                return visited;
        }
        if (rows < slice)
            return Done{};
    }
}

} // namespace billing
