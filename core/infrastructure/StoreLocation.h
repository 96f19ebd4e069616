#pragma once

#include "application/LedgerStorage.h"
#include "domain/Result.h"

#include <memory>

namespace billing {

// Where the ledger lives, as given by --store: "sqlite:PATH" (the embedded default) or, with
// the distributed mode, "kafka:HOST:PORT[,...]" together with --projections.
struct StoreLocation
{
    enum class Kind { Sqlite, Kafka };
    Kind kind = Kind::Sqlite;
    QString target; // the SQLite path, or the Kafka bootstrap servers
    // With kafka: where the projections are, postgresql://USER@HOST:PORT/DB (--projections, or
    // BILLING_PROJECTIONS).
    QString projections;

    static Result<StoreLocation> parse(const QString &text);
    static StoreLocation sqlite(const QString &path) { return {Kind::Sqlite, path, {}}; }
    // BILLING_STORE if set, else ledger.db in the platform's app-data folder.
    static StoreLocation defaultLocation();
    QString toString() const;
};

Result<std::unique_ptr<LedgerStorage>> openStorage(const StoreLocation &location);

} // namespace billing
