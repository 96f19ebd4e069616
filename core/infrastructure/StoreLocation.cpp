#include "StoreLocation.h"

#include "DistributedStorage.h"
#include "EmbeddedStorage.h"
#include "EventSearchIndex.h"
#include "PostgresTableReader.h"
#include "SqliteTableReader.h"
#include "domain/ReasonCode.h"

#include <QStandardPaths>

namespace billing {

Result<StoreLocation> StoreLocation::parse(const QString &text)
{
    if (text.startsWith(u"sqlite:") && text.size() > 7)
        return StoreLocation{Kind::Sqlite, text.mid(7), {}};
    if (text.startsWith(u"kafka:") && text.size() > 6)
        return StoreLocation{Kind::Kafka, text.mid(6), {}};
    return Error{reason::invalidArgument,
                 QStringLiteral("store must be sqlite:PATH or kafka:HOST:PORT, not '%1'").arg(text),
                 QStringLiteral("store")};
}

Result<StoreLocation> StoreLocation::defaultLocation()
{
    // Set but not a store (a path without sqlite:, or sqlite:$DB with DB unset) is refused:
    // falling back to the desk's own ledger would book a script's commands there.
    if (qEnvironmentVariableIsSet("BILLING_STORE")) {
        Result<StoreLocation> parsed = parse(qEnvironmentVariable("BILLING_STORE"));
        if (!parsed.ok())
            return Error{reason::invalidArgument,
                         QStringLiteral("BILLING_STORE must be sqlite:PATH or kafka:HOST:PORT, "
                                        "not '%1'")
                             .arg(qEnvironmentVariable("BILLING_STORE")),
                         QStringLiteral("store")};
        return parsed;
    }
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return StoreLocation{Kind::Sqlite, folder + QStringLiteral("/BillingDesk/ledger.db"), {}};
}

QString StoreLocation::toString() const
{
    return (kind == Kind::Sqlite ? QStringLiteral("sqlite:") : QStringLiteral("kafka:")) + target;
}

namespace {

PostgresDatabase::Access postgresAccess(StorageAccess access)
{
    return access == StorageAccess::ReadOnly ? PostgresDatabase::Access::ReadOnly
                                             : PostgresDatabase::Access::Migrate;
}

Result<PostgresLocation> projectionsOf(const StoreLocation &location)
{
    const QString projections = location.projections.isEmpty()
                                    ? qEnvironmentVariable("BILLING_PROJECTIONS")
                                    : location.projections;
    if (projections.isEmpty())
        return Error{reason::invalidArgument,
                     QStringLiteral("kafka: needs --projections postgresql://USER@HOST:PORT/DB"),
                     QStringLiteral("projections")};
    return PostgresLocation::parse(projections);
}

// A reader together with the connection it reads through.
template<typename Database, typename Reader>
class OwningTableReader final : public TableReader
{
public:
    OwningTableReader() = default;
    OwningTableReader(const OwningTableReader &) = delete;
    OwningTableReader &operator=(const OwningTableReader &) = delete;

    Database &database() { return m_database; }
    Reader &reader() { return m_reader; }
    Result<TablePage> read(const TableQuery &query) override { return m_reader.read(query); }
    Result<LedgerMark> mark() override { return m_reader.mark(); }
    void setCancelCheck(std::function<bool()> cancelled) override
    {
        if constexpr (requires { m_reader.setCancelCheck(std::move(cancelled)); })
            m_reader.setCancelCheck(std::move(cancelled));
    }

private:
    Database m_database;
    Reader m_reader{m_database};
};

} // namespace

Result<std::unique_ptr<TableReader>> openTableReader(const StoreLocation &location,
                                                     StorageAccess access)
{
    if (location.kind == StoreLocation::Kind::Sqlite) {
        auto reader = std::make_unique<OwningTableReader<SqliteDatabase, SqliteTableReader>>();
        // Relaxed: this connection only reads, so its commits never need an fsync; the writers'
        // connections checkpoint the WAL.
        if (Status opened =
                reader->database().open(location.target, SqliteDatabase::Durability::Relaxed,
                                        SqliteDatabase::Checkpoints::LeftToWriters);
            !opened.ok())
            return opened.error();
        reader->reader().setSearchIndex(EventSearchIndex::pathForStore(location.target));
        return std::unique_ptr<TableReader>(std::move(reader));
    }
    const Result<PostgresLocation> postgres = projectionsOf(location);
    if (!postgres.ok())
        return postgres.error();
    auto reader = std::make_unique<OwningTableReader<PostgresDatabase, PostgresTableReader>>();
    if (Status opened = reader->database().open(postgres.value(), postgresAccess(access));
        !opened.ok())
        return opened.error();
    return std::unique_ptr<TableReader>(std::move(reader));
}

Result<std::unique_ptr<LedgerStorage>> openStorage(const StoreLocation &location,
                                                   StorageAccess access)
{
    if (location.kind == StoreLocation::Kind::Kafka) {
        const Result<KafkaSettings> kafka = KafkaSettings::fromEnvironment(location.target);
        if (!kafka.ok())
            return kafka.error();
        const Result<PostgresLocation> postgres = projectionsOf(location);
        if (!postgres.ok())
            return postgres.error();
        Result<std::unique_ptr<DistributedStorage>> distributed =
            DistributedStorage::open(kafka.value(), postgres.value(), postgresAccess(access));
        if (!distributed.ok())
            return distributed.error();
        return std::unique_ptr<LedgerStorage>(std::move(distributed.value()));
    }
    Result<std::unique_ptr<EmbeddedStorage>> embedded = EmbeddedStorage::open(location.target);
    if (!embedded.ok())
        return embedded.error();
    return std::unique_ptr<LedgerStorage>(std::move(embedded.value()));
}

} // namespace billing
