#pragma once

#include "ReadModels.h"
#include "domain/Result.h"

#include <QList>

#include <functional>

namespace billing {

// The query side: GetAccountQuery, GetAccountsByOwnerQuery, GetTransactionQuery and the paged
// lists, answered from projections (SQLite embedded, PostgreSQL distributed).
class ProjectionReader
{
public:
    virtual ~ProjectionReader() = default;

    virtual Result<std::optional<AccountView>> account(const QString &id) = 0;
    // Every account when ownerId is empty.
    virtual Result<QList<AccountView>> accounts(const QString &ownerId) = 0;
    // The legs of one transaction, payer first.
    virtual Result<QList<TransactionLegView>> transaction(const QString &transactionId) = 0;
    // Newest first.
    virtual Result<QList<TransactionLegView>> transactionsOfAccount(const QString &accountId,
                                                                    Page page) = 0;
    // Newest first, from the legs before a log position on: unlike an offset, a cursor that
    // legs arriving meanwhile do not shift. An account has one leg per transaction, so no two
    // of its legs share a position.
    virtual Result<QList<TransactionLegView>>
    transactionsOfAccountBefore(const QString &accountId, qint64 beforePosition, int limit) = 0;
    // Newest first.
    virtual Result<QList<AuditEntryView>> auditLog(Page page) = 0;
    // The events of one account or transaction, newest first (an account's status history).
    virtual Result<QList<AuditEntryView>> auditLogOf(const QString &entityId, Page page) = 0;
    // The last event position the projections include.
    virtual Result<qint64> checkpoint() = 0;
    // Every leg of every transaction, in no particular order, read in one snapshot without
    // holding them all (verification compares each with the replay).
    virtual Status forEachLeg(const std::function<Status(const TransactionLegView &)> &visit) = 0;
};

} // namespace billing
