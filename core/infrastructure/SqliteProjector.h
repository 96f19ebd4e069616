#pragma once

#include "SqliteDatabase.h"
#include "domain/CurrencyCatalog.h"
#include "domain/EventEnvelope.h"

#include <QSqlQuery>

#include <functional>
#include <memory>

namespace billing {

class SqliteEventStore;

// Keeps account_projections, transaction_projections and audit_logs equal to a replay of the
// log. Its checkpoint is written in the same transaction as its rows, so a crash at any point
// leaves the projections at some exact position: never an event applied twice, never one
// skipped.
class SqliteProjector
{
public:
    static const QString name;

    SqliteProjector(SqliteDatabase &database, SqliteEventStore &store,
                    CurrencyCatalog currencies = CurrencyCatalog::standard());
    ~SqliteProjector();

    // Writes the catalog into `currencies` unless it is there already.
    Status seedCurrencies();
    // Inside the caller's write transaction: brings the projections up to the events just
    // appended (catching up first if they lag).
    Status applyInTransaction(const QList<EventEnvelope> &appended);
    // Own transactions of `batchSize` events each. `progress` gets the checkpoint after each
    // batch and may return false to stop early (the work done so far stays).
    Result<qint64> catchUp(int batchSize = 5000, const std::function<bool(qint64)> &progress = {});
    // Empties the projections and the checkpoint in one transaction; catchUp() then rebuilds.
    Status reset();
    Result<qint64> checkpoint();

private:
    bool currenciesSeeded();
    // `events` must follow `checkpointBefore` without a gap.
    Status applyBatch(const QList<EventEnvelope> &events, qint64 checkpointBefore);
    // `outcome`: the transaction's Completed or Failed event when it is in the same batch.
    Status apply(const EventEnvelope &event, const EventEnvelope *outcome);
    Status applyTransactionEvent(const EventEnvelope &event, const QString &timestamp,
                                 const EventEnvelope *outcome);
    Status applyAccountEvent(const EventEnvelope &event, const QString &timestamp);
    // Returns the checkpoint reached (at least `upTo`).
    Result<qint64> catchUpInTransaction(qint64 upTo);
    QSqlQuery &prepared(const QString &sql);

    SqliteDatabase &m_database;
    SqliteEventStore &m_store;
    CurrencyCatalog m_currencies;
};

} // namespace billing
