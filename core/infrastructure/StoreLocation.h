#pragma once

#include "application/LedgerStorage.h"
#include "application/TableReader.h"
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
    // BILLING_STORE if set (an error when it is not a store), else ledger.db in the platform's
    // app-data folder.
    static Result<StoreLocation> defaultLocation();
    QString toString() const;
};

// ReadOnly is the auditor's: in the distributed mode the projections are opened with a
// connection that may write nothing (the embedded store has one file and opens it as ever; the
// core refuses the auditor's commands either way).
enum class StorageAccess { ReadWrite, ReadOnly };

Result<std::unique_ptr<LedgerStorage>> openStorage(const StoreLocation &location,
                                                   StorageAccess access = StorageAccess::ReadWrite);
// The desk's table reader with a connection of its own to where the projections are: the
// SQLite file, or PostgreSQL. It belongs to the thread that opened it.
Result<std::unique_ptr<TableReader>> openTableReader(const StoreLocation &location,
                                                     StorageAccess access);

} // namespace billing
