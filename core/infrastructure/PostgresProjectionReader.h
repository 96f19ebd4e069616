#pragma once

#include "PostgresDatabase.h"
#include "application/ProjectionReader.h"

namespace billing {

// The queries of ProjectionReader answered from the PostgreSQL projections, with the same rows
// and order as the embedded store's reader. Amounts come back as exact decimal strings.
class PostgresProjectionReader final : public ProjectionReader
{
public:
    explicit PostgresProjectionReader(PostgresDatabase &database);

    Result<std::optional<AccountView>> account(const QString &id) override;
    Result<QList<AccountView>> accounts(const QString &ownerId) override;
    Result<QList<TransactionLegView>> transaction(const QString &transactionId) override;
    Result<QList<TransactionLegView>> transactionsOfAccount(const QString &accountId,
                                                            Page page) override;
    Result<QList<TransactionLegView>> transactionsOfAccountBefore(const QString &accountId,
                                                                  qint64 beforePosition,
                                                                  int limit) override;
    Result<QList<AuditEntryView>> auditLog(Page page) override;
    Result<QList<AuditEntryView>> auditLogOf(const QString &entityId, Page page) override;
    Result<qint64> checkpoint() override;
    Status forEachLeg(const std::function<Status(const TransactionLegView &)> &visit) override;

private:
    Result<QList<AccountView>> selectAccounts(const QString &tail, const QVariantList &values);
    Result<QList<TransactionLegView>> selectLegs(const QString &tail, const QVariantList &values);
    Result<QList<AuditEntryView>> selectAudit(const QString &tail, const QVariantList &values);

    PostgresDatabase &m_database;
};

} // namespace billing
