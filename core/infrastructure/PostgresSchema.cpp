#include "PostgresSchema.h"

namespace billing::postgres {

// The original design's tables (account_projections, transaction_projections, audit_logs,
// currencies) with what the desk and `verify` need besides. Where this differs from the seed,
// and why: ids are VARCHAR, not UUID, because ids are chosen by whoever issues a command and
// need not be UUIDs; currency codes are VARCHAR(10) because the catalog has POINTS; amounts are
// NUMERIC(28,8), the range of the Money type, signed per leg.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> all = {
        {
            QStringLiteral(R"(CREATE TABLE currencies (
                code VARCHAR(10) PRIMARY KEY,
                name VARCHAR NOT NULL,
                type VARCHAR(20) NOT NULL,
                decimals INTEGER NOT NULL,
                active BOOLEAN NOT NULL))"),
            QStringLiteral(R"(CREATE TABLE account_projections (
                id VARCHAR(64) PRIMARY KEY,
                owner_id VARCHAR NOT NULL,
                owner_type VARCHAR NOT NULL,
                currency VARCHAR(10) NOT NULL,
                balance NUMERIC(28, 8) NOT NULL,
                status VARCHAR(20) NOT NULL,
                type VARCHAR(20) NOT NULL,
                min_balance NUMERIC(28, 8) NOT NULL,
                max_balance NUMERIC(28, 8),
                version BIGINT NOT NULL,
                created_at TIMESTAMPTZ,
                updated_at TIMESTAMPTZ))"),
            QStringLiteral("CREATE INDEX idx_account_projection_owner ON account_projections "
                           "(owner_id, owner_type)"),
            // One row per leg, signed: a transfer shows -100 on the payer and +100 on the payee.
            QStringLiteral(R"(CREATE TABLE transaction_projections (
                id VARCHAR(64) PRIMARY KEY,
                transaction_id VARCHAR(64) NOT NULL,
                type VARCHAR(20) NOT NULL,
                account_id VARCHAR(64) NOT NULL,
                counterparty_id VARCHAR(64) NOT NULL,
                amount NUMERIC(28, 8) NOT NULL,
                currency VARCHAR(10) NOT NULL,
                status VARCHAR(20) NOT NULL,
                reference TEXT,
                failure_reason VARCHAR,
                payment_id VARCHAR(64),
                correlation_id VARCHAR,
                idempotency_key VARCHAR,
                position BIGINT NOT NULL,
                created_at TIMESTAMPTZ,
                completed_at TIMESTAMPTZ))"),
            QStringLiteral("CREATE INDEX idx_transaction_projection_account ON "
                           "transaction_projections (account_id, created_at DESC)"),
            QStringLiteral("CREATE INDEX idx_transaction_projection_account_position ON "
                           "transaction_projections (account_id, position DESC)"),
            QStringLiteral("CREATE INDEX idx_transaction_projection_transaction ON "
                           "transaction_projections (transaction_id)"),
            QStringLiteral("CREATE INDEX idx_transaction_projection_position ON "
                           "transaction_projections (position, id)"),
            // A real table here (the embedded store has a view over its log instead): Kafka
            // holds the log, and an auditor queries PostgreSQL. id is the event's position.
            QStringLiteral(R"(CREATE TABLE audit_logs (
                id BIGINT PRIMARY KEY,
                event_id VARCHAR(64) NOT NULL,
                entity_type VARCHAR(20) NOT NULL,
                entity_id VARCHAR(64) NOT NULL,
                action VARCHAR(64) NOT NULL,
                operator VARCHAR,
                correlation_id VARCHAR,
                changes JSONB NOT NULL,
                timestamp TIMESTAMPTZ NOT NULL))"),
            QStringLiteral("CREATE INDEX idx_audit_logs_entity ON audit_logs "
                           "(entity_type, entity_id)"),
            QStringLiteral("CREATE INDEX idx_audit_logs_timestamp ON audit_logs (timestamp)"),
            // The projector's position in the log, written in the same transaction as its rows.
            QStringLiteral(R"(CREATE TABLE projection_checkpoints (
                projector VARCHAR(64) PRIMARY KEY,
                position BIGINT NOT NULL))"),
            // Where the projector is in each partition of its source (Kafka topics), in the
            // same transaction too: on restart it seeks there, and whatever it reads again is
            // at or below the checkpoint and skipped.
            QStringLiteral(R"(CREATE TABLE projection_offsets (
                projector VARCHAR(64) NOT NULL,
                topic VARCHAR NOT NULL,
                partition INTEGER NOT NULL,
                next_offset BIGINT NOT NULL,
                PRIMARY KEY (projector, topic, partition)))"),
        },
        {
            // The event history reads audit_logs in the distributed mode, and shows each
            // event's version and cause. Rows projected before this are filled by a rebuild.
            QStringLiteral("ALTER TABLE audit_logs ADD COLUMN aggregate_version BIGINT, "
                           "ADD COLUMN causation_id VARCHAR"),
            // The auditor's role: may read the projections and nothing else. A group role
            // without login; an auditor's login is made a member of it (docs/distributed.md).
            // Roles belong to the whole server, so it is made once and granted per database.
            // Without the right to create roles this step only warns: an administrator then
            // creates the role and runs the GRANTs below by hand.
            QStringLiteral(R"(DO $$
                BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'billing_auditor') THEN
                        CREATE ROLE billing_auditor NOLOGIN;
                    END IF;
                    EXECUTE format('GRANT USAGE ON SCHEMA %I TO billing_auditor',
                                   current_schema());
                    GRANT SELECT ON currencies, account_projections, transaction_projections,
                        audit_logs, projection_checkpoints, projection_offsets, schema_migrations
                        TO billing_auditor;
                EXCEPTION WHEN insufficient_privilege THEN
                    RAISE WARNING 'role billing_auditor not set up: %', SQLERRM;
                END
                $$)"),
        },
        {
            // The event history's exact filters, newest first, as the embedded store reads
            // them: an account's own events (the entity index above leads with the type, which
            // the filter does not know), a saga, an operator's work. Without them each is a
            // scan of audit_logs.
            QStringLiteral("CREATE INDEX idx_audit_logs_entity_id ON audit_logs (entity_id, id)"),
            QStringLiteral(
                "CREATE INDEX idx_audit_logs_correlation ON audit_logs (correlation_id, id)"),
            QStringLiteral("CREATE INDEX idx_audit_logs_operator ON audit_logs (operator, id)"),
        },
        {
            // The hash of the event at the checkpoint: with the offsets, a reader that brings
            // the projections up to the log starts there, checking the chain from this hash,
            // instead of reading the log from its beginning. NULL until the next batch.
            QStringLiteral("ALTER TABLE projection_checkpoints ADD COLUMN event_hash VARCHAR(64)"),
        },
        {
            // The position that hash belongs to: a projector that does not know the column (an
            // older serve still running) moves the checkpoint without it, and the hash is then
            // not used.
            QStringLiteral("ALTER TABLE projection_checkpoints ADD COLUMN IF NOT EXISTS "
                           "event_hash_position BIGINT"),
            // Snapshots of the folded state (PostgresSnapshotStore): `event_hash` is that of
            // the event at `position`; `read_*` the place in the Kafka log, at or before it,
            // where a process that opens with the snapshot starts to read.
            QStringLiteral(R"(CREATE TABLE IF NOT EXISTS ledger_snapshots (
                position BIGINT PRIMARY KEY,
                event_hash VARCHAR(64) NOT NULL,
                read_position BIGINT NOT NULL,
                read_hash VARCHAR(64) NOT NULL,
                read_offsets TEXT NOT NULL,
                format INTEGER NOT NULL,
                digest VARCHAR(64) NOT NULL,
                state BYTEA NOT NULL))"),
            // An auditor's desk opens with them too.
            QStringLiteral(R"(DO $$
                BEGIN
                    GRANT SELECT ON ledger_snapshots TO billing_auditor;
                EXCEPTION WHEN undefined_object OR insufficient_privilege THEN
                    RAISE WARNING 'ledger_snapshots not granted to billing_auditor: %', SQLERRM;
                END
                $$)"),
        },
        {
            // Places in the Kafka log, one every few thousand events, noted by the projector as
            // it applies them (PostgresLogPlaces): a reader that started late (at a snapshot, at
            // the projections) reads an older event from the nearest one instead of from the
            // topics' beginning.
            QStringLiteral(R"(CREATE TABLE IF NOT EXISTS log_places (
                position BIGINT PRIMARY KEY,
                event_hash VARCHAR(64) NOT NULL,
                read_offsets TEXT NOT NULL))"),
            QStringLiteral(R"(DO $$
                BEGIN
                    GRANT SELECT ON log_places TO billing_auditor;
                EXCEPTION WHEN undefined_object OR insufficient_privilege THEN
                    RAISE WARNING 'log_places not granted to billing_auditor: %', SQLERRM;
                END
                $$)"),
        },
        {
            // Every read of one entity's events leads with its id (idx_audit_logs_entity_id,
            // migration 3); this index, led by the entity's type, served none and cost the
            // projector a b-tree insert per event.
            QStringLiteral("DROP INDEX IF EXISTS idx_audit_logs_entity"),
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
            QStringLiteral("UPDATE account_projections AS a SET updated_at = ("
                           "SELECT l.timestamp FROM audit_logs l WHERE l.entity_id = a.id "
                           "AND l.action <> 'AccountCommandRejected' ORDER BY l.id DESC LIMIT 1) "
                           "WHERE a.id IN (SELECT entity_id FROM audit_logs "
                           "WHERE action = 'AccountCommandRejected')"),
        },
    };
    return all;
}

} // namespace billing::postgres
