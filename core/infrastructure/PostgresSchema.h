#pragma once

#include <QList>
#include <QStringList>

namespace billing::postgres {

// Versioned migrations of the projections' schema: entry i takes the database from version i
// to i + 1. Applied in order, each in its own transaction, and recorded in schema_migrations.
const QList<QStringList> &migrations();

// One text of an audit_logs row that free text in the event history looks into: its ids,
// operator and payload, apart by a character no one types, so that a match never spans two
// of them. A trigram index over exactly this expression (docs/distributed.md, "Free text in
// the event history") makes a rare id's search take milliseconds instead of a scan of the
// table; it is left to the administrator because it costs the projector about two thirds of
// its write rate. The reader filters on this expression whether or not the index exists.
inline constexpr char16_t auditSearchText[] =
    u"(event_id || E'\\x1f' || entity_id || E'\\x1f' || action || E'\\x1f' || "
    u"COALESCE(operator, '') || E'\\x1f' || COALESCE(correlation_id, '') || E'\\x1f' || "
    u"COALESCE(causation_id, '') || E'\\x1f' || changes::text)";

} // namespace billing::postgres
