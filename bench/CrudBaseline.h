#pragma once

#include "AccountPool.h"
#include "Stats.h"
#include "domain/Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <memory>

namespace billing::bench {

struct BatchedCrudFigures
{
    qint64 transfers = 0;
    qint64 commits = 0;
    double seconds = 0;
    double perSecond = 0;
};

// The yardstick: the ledger most shops would write first. A balance column per account and an
// entries table, each transfer one transaction (two UPDATEs, two INSERTs) committed on its own,
// in a separate SQLite file with the desk's durability: WAL, synchronous=FULL, BEGIN IMMEDIATE.
// Amounts are INTEGER minor units. No log, no hash chain, no projections, no audit rows.
class CrudBaseline
{
public:
    explicit CrudBaseline(QString path);
    ~CrudBaseline();
    CrudBaseline(const CrudBaseline &) = delete;
    CrudBaseline &operator=(const CrudBaseline &) = delete;

    Status open();
    // Every account of the pool with `balanceMinor`, in one transaction (not a timed figure).
    Status seed(const AccountPool &pool, qint64 balanceMinor);
    Result<LatencySummary> runTransfers(AccountPool &pool, qint64 count, qint64 amountMinor);
    // The same transfers, `batch` to a durable commit, on SQLite's own API (no QVariant per
    // value): about the most any ledger that keeps a balance row and an entry row per leg in
    // SQLite can do on this machine, before a log, a hash, an index of ours or a projection.
    Result<BatchedCrudFigures> runBatchedTransfers(AccountPool &pool, qint64 count, qint64 batch,
                                                   qint64 amountMinor);
    // The library Qt's driver was built with, which both ledgers use.
    QString sqliteVersion();

private:
    Status exec(const QString &sql);
    void rollback();
    Status transfer(const QString &from, const QString &to, qint64 amountMinor);

    QString m_path;
    QString m_connectionName;
    QSqlDatabase m_db;
    // Prepared once, as any CRUD ledger worth comparing with would; reset before the connection
    // closes, since a query must not outlive its database.
    std::unique_ptr<QSqlQuery> m_debit;
    std::unique_ptr<QSqlQuery> m_credit;
    std::unique_ptr<QSqlQuery> m_entry;
};

} // namespace billing::bench
