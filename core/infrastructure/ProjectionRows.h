#pragma once

#include "application/ReadModels.h"

class QSqlQuery;
class QVariant;

namespace billing::rows {

// One row of each projection, as both stores' readers select it: the columns in the order of
// the seed's tables (account_projections; transaction_projections; audit_logs with `changes`
// as JSON text), times already formatted as ISO 8601 UTC with milliseconds.
AccountView account(const QSqlQuery &query);
TransactionLegView leg(const QSqlQuery &query);
AuditEntryView audit(const QSqlQuery &query);
// An amount the ledger wrote, read exactly (TEXT in SQLite, NUMERIC under QSql::HighPrecision
// in PostgreSQL, a decimal string either way); anything else is corruption and asserts.
Money amount(const QVariant &value);

} // namespace billing::rows
