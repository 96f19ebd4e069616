#pragma once

#include <QList>
#include <QStringList>

namespace billing::postgres {

// Versioned migrations of the projections' schema: entry i takes the database from version i
// to i + 1. Applied in order, each in its own transaction, and recorded in schema_migrations.
const QList<QStringList> &migrations();

} // namespace billing::postgres
