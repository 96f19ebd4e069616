#pragma once

#include "PostgresDatabase.h"
#include "domain/CurrencyCatalog.h"
#include "domain/EventEnvelope.h"

namespace billing {

class PostgresArrayColumn;

// The rows a run of events leaves in the projections, written with a few multi-row statements
// instead of one or two statements per event (one array per column, see PostgresArrayColumn): at
// thousands of transfers a second a round trip per row was the projector's whole cost. Events are
// folded first (a transfer requested and completed in one run is inserted completed; an account's
// balance is written once, at its last value), so the tables end exactly as applying the events one
// by one leaves them. Runs inside the caller's transaction; the caller checks positions and writes
// the checkpoint.
class PostgresProjectionRows
{
public:
    PostgresProjectionRows(PostgresDatabase &database, const CurrencyCatalog &currencies);

    // `events` follow each other without a gap and none of them is projected yet.
    Status write(const QList<EventEnvelope> &events);

private:
    Status writeAudit(const QList<EventEnvelope> &events);
    Status writeAccounts(const QList<EventEnvelope> &events);
    Status writeTransactions(const QList<EventEnvelope> &events);
    // `head`, then unnest() over one array per column (of the given element types), then
    // `tail`: one statement for all the rows.
    Status runColumns(const QString &head, const QStringList &types,
                      const QList<PostgresArrayColumn> &columns, const QString &tail,
                      const QString &what);

    PostgresDatabase &m_database;
    const CurrencyCatalog &m_currencies;
};

} // namespace billing
