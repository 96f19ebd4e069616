#pragma once

#include "KafkaEventLog.h"
#include "PostgresDatabase.h"
#include "application/SnapshotStore.h"

namespace billing {

// Snapshots of the folded state for the distributed mode, in PostgreSQL next to the
// projections. Each is saved with a place in the Kafka log at or before its position (one the
// log noted as it read: the offsets from which every later event lies, and the hash there), so
// that a process which opens with it reads the topics from there instead of from their
// beginning. Like the embedded store's, a cache: its bytes are checked against their digest,
// and its position against the log (the log, read from that place with a scan of its own, must
// chain up to the snapshot's event), and one that does not match is ignored.
class PostgresSnapshotStore final : public SnapshotStore
{
public:
    PostgresSnapshotStore(PostgresDatabase &database, KafkaEventLog &log, bool readOnly,
                          CurrencyCatalog currencies = CurrencyCatalog::standard());

    Result<std::optional<LedgerState>> load(qint64 atOrBefore) override;
    // Nothing on a read-only connection (the auditor's), or when the log noted no place at or
    // before the state's position yet.
    Status save(const LedgerState &state) override;
    Status clear() override;

    // Saves `state` anchored at `from` (a place the log checked, strictly before the state's
    // position) with the hash of the state's last event, keeping the newest two.
    static Status write(PostgresDatabase &database, const LedgerState &state, const ReadPoint &from,
                        const QString &eventHash);
    // 0 when there is none.
    static Result<qint64> newestPosition(PostgresDatabase &database);

private:
    static constexpr int kept = 2;

    PostgresDatabase &m_database;
    KafkaEventLog &m_log;
    bool m_readOnly = false;
    CurrencyCatalog m_currencies;
};

} // namespace billing
