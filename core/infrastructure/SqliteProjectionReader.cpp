#include "SqliteProjectionReader.h"

#include "ProjectionRows.h"

#include "SqliteProjector.h"

#include <QSqlError>
#include <QSqlQuery>

namespace billing {
namespace {

const QString accountColumns = QStringLiteral(
    "SELECT id, owner_id, owner_type, type, currency, balance, status, min_balance, max_balance, "
    "version, created_at, updated_at FROM account_projections ");
const QString legColumns = QStringLiteral(
    "SELECT id, transaction_id, type, account_id, counterparty_id, amount, currency, status, "
    "reference, failure_reason, payment_id, correlation_id, idempotency_key, position, "
    "created_at, completed_at FROM transaction_projections ");

} // namespace

SqliteProjectionReader::SqliteProjectionReader(SqliteDatabase &database)
    : m_database(database)
{}

Result<QList<AccountView>> SqliteProjectionReader::selectAccounts(const QString &where,
                                                                  const QVariantList &values)
{
    QSqlQuery query(m_database.connection());
    if (!SqliteDatabase::execWith(query, accountColumns + where, values))
        return SqliteDatabase::failure(query, QStringLiteral("read accounts"));
    QList<AccountView> accounts;
    while (query.next())
        accounts.append(rows::account(query));
    return accounts;
}

Result<std::optional<AccountView>> SqliteProjectionReader::account(const QString &id)
{
    const Result<QList<AccountView>> found = selectAccounts(QStringLiteral("WHERE id = ?"), {id});
    if (!found.ok())
        return found.error();
    if (found.value().isEmpty())
        return std::optional<AccountView>();
    return std::optional<AccountView>(found.value().first());
}

Result<QList<AccountView>> SqliteProjectionReader::accounts(const QString &ownerId)
{
    if (ownerId.isEmpty())
        return selectAccounts(QStringLiteral("ORDER BY created_at, id"), {});
    return selectAccounts(QStringLiteral("WHERE owner_id = ? ORDER BY created_at, id"), {ownerId});
}

Result<QList<TransactionLegView>> SqliteProjectionReader::selectLegs(const QString &tail,
                                                                     const QVariantList &values)
{
    QSqlQuery query(m_database.connection());
    if (!SqliteDatabase::execWith(query, legColumns + tail, values))
        return SqliteDatabase::failure(query, QStringLiteral("read transactions"));
    QList<TransactionLegView> legs;
    while (query.next())
        legs.append(rows::leg(query));
    return legs;
}

Result<QList<TransactionLegView>> SqliteProjectionReader::transaction(const QString &transactionId)
{
    // The payer's leg (negative amount) first.
    return selectLegs(QStringLiteral("WHERE transaction_id = ? ORDER BY amount LIKE '-%' DESC"),
                      {transactionId});
}

Result<QList<TransactionLegView>>
SqliteProjectionReader::transactionsOfAccount(const QString &accountId, Page page)
{
    return selectLegs(
        QStringLiteral("WHERE account_id = ? ORDER BY position DESC LIMIT ? OFFSET ?"),
        {accountId, page.limit, page.offset});
}

Result<QList<TransactionLegView>>
SqliteProjectionReader::transactionsOfAccountBefore(const QString &accountId, qint64 beforePosition,
                                                    int limit)
{
    return selectLegs(
        QStringLiteral("WHERE account_id = ? AND position < ? ORDER BY position DESC LIMIT ?"),
        {accountId, beforePosition, limit});
}

Result<QList<AuditEntryView>> SqliteProjectionReader::auditLog(Page page)
{
    return selectAudit(QStringLiteral("ORDER BY id DESC LIMIT ? OFFSET ?"),
                       {page.limit, page.offset});
}

Result<QList<AuditEntryView>> SqliteProjectionReader::auditLogOf(const QString &entityId, Page page)
{
    return selectAudit(QStringLiteral("WHERE entity_id = ? ORDER BY id DESC LIMIT ? OFFSET ?"),
                       {entityId, page.limit, page.offset});
}

Result<QList<AuditEntryView>> SqliteProjectionReader::selectAudit(const QString &tail,
                                                                  const QVariantList &values)
{
    QSqlQuery query(m_database.connection());
    if (!SqliteDatabase::execWith(
            query,
            QStringLiteral("SELECT id, event_id, entity_type, entity_id, action, operator, "
                           "correlation_id, changes, timestamp FROM audit_logs ") +
                tail,
            values))
        return SqliteDatabase::failure(query, QStringLiteral("read audit log"));
    QList<AuditEntryView> entries;
    while (query.next())
        entries.append(rows::audit(query));
    return entries;
}

Result<qint64> SqliteProjectionReader::checkpoint()
{
    QSqlQuery query(m_database.connection());
    if (!SqliteDatabase::execWith(
            query,
            QStringLiteral("SELECT position FROM projection_checkpoints WHERE projector = ?"),
            {SqliteProjector::name}))
        return SqliteDatabase::failure(query, QStringLiteral("read checkpoint"));
    return query.next() ? query.value(0).toLongLong() : 0;
}

Status
SqliteProjectionReader::forEachLeg(const std::function<Status(const TransactionLegView &)> &visit)
{
    // One statement: SQLite streams its rows from one read snapshot.
    QSqlQuery query(m_database.connection());
    if (!SqliteDatabase::execWith(query, legColumns, {}))
        return SqliteDatabase::failure(query, QStringLiteral("read transactions"));
    while (query.next()) {
        if (Status visited = visit(rows::leg(query)); !visited.ok())
            return visited;
    }
    if (query.lastError().isValid())
        return SqliteDatabase::failure(query, QStringLiteral("read transactions"));
    return Done{};
}

} // namespace billing
