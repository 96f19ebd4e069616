#include "SqliteSchema.h"

namespace billing::sqlite {

const QList<QStringList> &migrations()
{
    static const QList<QStringList> all = {
        {
            // The event log. `body` holds the exact canonical JSON bytes the hash covers (a
            // BLOB, so they are read back without a text round trip); the other columns copy
            // fields out of it for indexes. Event ids are unique by construction (derived from
            // the command id), so they carry no index of their own.
            QStringLiteral(R"(CREATE TABLE events (
                position INTEGER PRIMARY KEY,
                event_id TEXT NOT NULL,
                event_type TEXT NOT NULL,
                aggregate_id TEXT NOT NULL,
                aggregate_version INTEGER NOT NULL,
                timestamp TEXT NOT NULL,
                correlation_id TEXT NOT NULL,
                idempotency_key TEXT,
                body BLOB NOT NULL,
                hash TEXT NOT NULL,
                UNIQUE (aggregate_id, aggregate_version)))"),
            // Two writers racing with one key: the loser's append fails and it re-reads.
            QStringLiteral("CREATE UNIQUE INDEX idx_events_idempotency_key ON events "
                           "(idempotency_key) WHERE idempotency_key IS NOT NULL"),
            QStringLiteral("CREATE INDEX idx_events_correlation ON events (correlation_id)"),
            QStringLiteral(R"(CREATE TABLE currencies (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                type TEXT NOT NULL,
                decimals INTEGER NOT NULL,
                active INTEGER NOT NULL))"),
            // Amounts are TEXT: SQLite's DECIMAL affinity would round them through REAL.
            QStringLiteral(R"(CREATE TABLE account_projections (
                id TEXT PRIMARY KEY,
                owner_id TEXT NOT NULL,
                owner_type TEXT NOT NULL,
                currency TEXT NOT NULL,
                balance TEXT NOT NULL,
                status TEXT NOT NULL,
                type TEXT NOT NULL,
                min_balance TEXT NOT NULL,
                max_balance TEXT,
                version INTEGER NOT NULL,
                created_at TEXT,
                updated_at TEXT))"),
            QStringLiteral("CREATE INDEX idx_account_projection_owner ON account_projections "
                           "(owner_id, owner_type)"),
            // One row per leg, signed: a transfer shows -100 on the payer and +100 on the payee.
            QStringLiteral(R"(CREATE TABLE transaction_projections (
                id TEXT PRIMARY KEY,
                transaction_id TEXT NOT NULL,
                type TEXT NOT NULL,
                account_id TEXT NOT NULL,
                counterparty_id TEXT NOT NULL,
                amount TEXT NOT NULL,
                currency TEXT NOT NULL,
                status TEXT NOT NULL,
                reference TEXT,
                failure_reason TEXT,
                payment_id TEXT,
                correlation_id TEXT,
                idempotency_key TEXT,
                position INTEGER NOT NULL,
                created_at TEXT,
                completed_at TEXT))"),
            QStringLiteral("CREATE INDEX idx_transaction_projection_account ON "
                           "transaction_projections (account_id, position DESC)"),
            QStringLiteral("CREATE INDEX idx_transaction_projection_transaction ON "
                           "transaction_projections (transaction_id)"),
            // The desk's transaction list is newest first by default.
            QStringLiteral("CREATE INDEX idx_transaction_projection_position ON "
                           "transaction_projections (position, id)"),
            // In the embedded store the log itself is the audit trail: audit_logs is a view over
            // it with the original table's columns, rather than a second copy of every event.
            QStringLiteral(R"(CREATE VIEW audit_logs AS SELECT
                position AS id,
                event_id,
                CASE WHEN event_type LIKE 'Account%' OR event_type = 'BalanceChanged'
                     THEN 'account' ELSE 'transaction' END AS entity_type,
                aggregate_id AS entity_id,
                event_type AS action,
                json_extract(CAST(body AS TEXT), '$.operator') AS operator,
                correlation_id,
                json_extract(CAST(body AS TEXT), '$.data') AS changes,
                timestamp
                FROM events)"),
            // The projector's position, written in the same transaction as its rows.
            QStringLiteral(R"(CREATE TABLE projection_checkpoints (
                projector TEXT PRIMARY KEY,
                position INTEGER NOT NULL))"),
        },
        {
            // Snapshots of the folded state: a cache. `event_hash` is the hash of the event at
            // `position`, so a snapshot of a log that was since rewritten is never used.
            QStringLiteral(R"(CREATE TABLE snapshots (
                position INTEGER PRIMARY KEY,
                event_hash TEXT NOT NULL,
                format INTEGER NOT NULL,
                digest TEXT NOT NULL,
                state BLOB NOT NULL))"),
        },
        {
            // The auditor's history filters by type, time and operator on logs of millions of
            // events. Each index keeps the position (the rowid) after its key, so the newest
            // matches come first without a sort. Type and operator take few values and time only
            // grows, so appends land on each index's last pages.
            QStringLiteral("CREATE INDEX idx_events_type ON events (event_type)"),
            QStringLiteral("CREATE INDEX idx_events_timestamp ON events (timestamp)"),
            // A body that is not JSON (a damaged store, which verification must still open
            // and name) indexes as no operator instead of failing the write or the upgrade.
            QStringLiteral("CREATE INDEX idx_events_operator ON events "
                           "(iif(json_valid(CAST(body AS TEXT)), "
                           "json_extract(CAST(body AS TEXT), '$.operator'), NULL))"),
        },
        {
            // completed_at is the time a transaction completed; failed legs carried the time
            // of their failure in it, as if they had completed. Projected again they are NULL.
            QStringLiteral("UPDATE transaction_projections SET completed_at = NULL "
                           "WHERE status = 'failed' AND completed_at IS NOT NULL"),
        },
        {
            // A refused account command moved the account's updated_at, as if it had changed
            // it. Projected again it keeps the time of the account's last other event.
            QStringLiteral("UPDATE account_projections SET updated_at = ("
                           "SELECT e.timestamp FROM events e "
                           "WHERE e.aggregate_id = account_projections.id "
                           "AND e.event_type <> 'AccountCommandRejected' "
                           "ORDER BY e.aggregate_version DESC LIMIT 1) "
                           "WHERE id IN (SELECT aggregate_id FROM events "
                           "WHERE event_type = 'AccountCommandRejected')"),
        },
    };
    return all;
}

} // namespace billing::sqlite
