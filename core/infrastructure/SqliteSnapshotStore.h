#pragma once

#include "SqliteDatabase.h"
#include "application/EventStore.h"
#include "application/SnapshotStore.h"

namespace billing {

// Snapshots in the ledger's own SQLite file. Each is checked before use: its bytes against the
// digest saved with them, and its position against the log's hash there.
class SqliteSnapshotStore final : public SnapshotStore
{
public:
    SqliteSnapshotStore(SqliteDatabase &database, EventStore &events,
                        CurrencyCatalog currencies = CurrencyCatalog::standard());

    Result<std::optional<LedgerState>> load(qint64 atOrBefore) override;
    Status save(const LedgerState &state) override;
    Status clear() override;

private:
    static constexpr int kept = 2;
    Result<QString> eventHashAt(qint64 position);

    SqliteDatabase &m_database;
    EventStore &m_events;
    CurrencyCatalog m_currencies;
};

} // namespace billing
