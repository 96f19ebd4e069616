#include "SqliteSchema.h"

namespace billing::sqlite {

const QList<QStringList> &migrations()
{
    static const QList<QStringList> all = {
        {
            // The event log. `body` is the canonical JSON the hash covers; the other columns
            // copy fields out of it for indexes and are checked against it by `verify`.
            QStringLiteral(R"(CREATE TABLE events (
                position INTEGER PRIMARY KEY,
                event_id TEXT NOT NULL UNIQUE,
                event_type TEXT NOT NULL,
                aggregate_id TEXT NOT NULL,
                aggregate_version INTEGER NOT NULL,
                timestamp TEXT NOT NULL,
                correlation_id TEXT NOT NULL,
                idempotency_key TEXT,
                body TEXT NOT NULL,
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
            QStringLiteral(R"(CREATE TABLE audit_logs (
                id INTEGER PRIMARY KEY,
                event_id TEXT NOT NULL,
                entity_type TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                action TEXT NOT NULL,
                operator TEXT NOT NULL,
                correlation_id TEXT NOT NULL,
                changes TEXT NOT NULL,
                timestamp TEXT NOT NULL))"),
            QStringLiteral("CREATE INDEX idx_audit_logs_entity ON audit_logs (entity_id, id)"),
            // The projector's position, written in the same transaction as its rows.
            QStringLiteral(R"(CREATE TABLE projection_checkpoints (
                projector TEXT PRIMARY KEY,
                position INTEGER NOT NULL))"),
        },
    };
    return all;
}

} // namespace billing::sqlite
