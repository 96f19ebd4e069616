#include "StoreLocation.h"

#include "DistributedStorage.h"
#include "EmbeddedStorage.h"
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

StoreLocation StoreLocation::defaultLocation()
{
    const QString fromEnvironment = qEnvironmentVariable("BILLING_STORE");
    if (!fromEnvironment.isEmpty()) {
        if (Result<StoreLocation> parsed = parse(fromEnvironment); parsed.ok())
            return parsed.value();
    }
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return StoreLocation{Kind::Sqlite, folder + QStringLiteral("/BillingDesk/ledger.db"), {}};
}

QString StoreLocation::toString() const
{
    return (kind == Kind::Sqlite ? QStringLiteral("sqlite:") : QStringLiteral("kafka:")) + target;
}

Result<std::unique_ptr<LedgerStorage>> openStorage(const StoreLocation &location)
{
    if (location.kind == StoreLocation::Kind::Kafka) {
        const QString projections = location.projections.isEmpty()
                                        ? qEnvironmentVariable("BILLING_PROJECTIONS")
                                        : location.projections;
        if (projections.isEmpty())
            return Error{
                reason::invalidArgument,
                QStringLiteral("kafka: needs --projections postgresql://USER@HOST:PORT/DB"),
                QStringLiteral("projections")};
        const Result<KafkaSettings> kafka = KafkaSettings::fromEnvironment(location.target);
        if (!kafka.ok())
            return kafka.error();
        const Result<PostgresLocation> postgres = PostgresLocation::parse(projections);
        if (!postgres.ok())
            return postgres.error();
        Result<std::unique_ptr<DistributedStorage>> distributed =
            DistributedStorage::open(kafka.value(), postgres.value());
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
