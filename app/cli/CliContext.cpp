#include "CliContext.h"

#include "domain/ReasonCode.h"

#include <QFileInfo>

#include <optional>

namespace billing::cli {
namespace {

// Whether the subcommand issues commands to the ledger (and may so start a new one).
bool writesCommands(const CliArguments &arguments)
{
    const QString command = arguments.word(0);
    if (command == u"account")
        return QStringList{QStringLiteral("create"), QStringLiteral("suspend"),
                           QStringLiteral("activate"), QStringLiteral("close"),
                           QStringLiteral("limits")}
            .contains(arguments.word(1));
    return command == u"topup" || command == u"withdraw" || command == u"transfer" ||
           command == u"pay" || command == u"refund" || command == u"import" || command == u"serve";
}

// Opening the store for a command that writes starts a new ledger: what can be refused without
// the store is refused before, so that a refused command leaves no file behind.
std::optional<Error> refusalBeforeOpening(const CliArguments &arguments)
{
    if (arguments.word(0) == u"import" && !QFileInfo(arguments.word(1)).isFile())
        return Error{reason::invalidArgument,
                     QStringLiteral("cannot read '%1'").arg(arguments.word(1)),
                     QStringLiteral("file")};
    return std::nullopt;
}

} // namespace

qint64 snapshotEveryEvents()
{
    bool ok = false;
    const qint64 every = qEnvironmentVariable("BILLING_SNAPSHOT_EVERY").toLongLong(&ok);
    return ok && every >= 0 ? every : defaultSnapshotEvery;
}

Result<std::unique_ptr<CliContext>> CliContext::open(const CliArguments &arguments)
{
    if (std::optional<Error> refused = refusalBeforeOpening(arguments))
        return *refused;
    auto context = std::make_unique<CliContext>();
    if (arguments.has(QStringLiteral("store"))) {
        const Result<StoreLocation> location =
            StoreLocation::parse(arguments.option(QStringLiteral("store")));
        if (!location.ok())
            return location.error();
        context->m_location = location.value();
    } else {
        const Result<StoreLocation> location = StoreLocation::defaultLocation();
        if (!location.ok())
            return location.error();
        context->m_location = location.value();
    }
    context->m_location.projections = arguments.option(QStringLiteral("projections"));
    // A mistyped path would otherwise become a new, empty ledger that reads, lists and verifies
    // as if all were well. Only a command that writes starts a ledger.
    if (context->m_location.kind == StoreLocation::Kind::Sqlite && !writesCommands(arguments) &&
        !QFileInfo::exists(context->m_location.target))
        return Error{reason::storeNotFound,
                     QStringLiteral("there is no ledger at %1 (a command that writes starts one)")
                         .arg(context->m_location.target),
                     QStringLiteral("store")};
    Result<std::unique_ptr<LedgerStorage>> storage = openStorage(context->m_location);
    if (!storage.ok()) {
        Error error = storage.error();
        // An SQLite store is one file: what failed is the store the caller named (or the
        // default one). On kafka: either the broker or PostgreSQL may have failed.
        if (error.field.isEmpty() && context->m_location.kind == StoreLocation::Kind::Sqlite)
            error.field = QStringLiteral("store");
        return error;
    }
    context->m_storage = std::move(storage.value());
    return context;
}

std::unique_ptr<LedgerService> CliContext::newService()
{
    auto service = std::make_unique<LedgerService>(m_storage->events(), m_clock, m_ids);
    service->setSnapshots(m_storage->snapshots(), snapshotEveryEvents());
    return service;
}

Result<LedgerService *> CliContext::service()
{
    if (!m_service) {
        const Result<CommandBus *> bus = m_storage->commandBus();
        if (!bus.ok())
            return bus.error();
        std::unique_ptr<LedgerService> service = newService();
        service->setCommandBus(bus.value());
        if (bus.value()) {
            // The decision maker checks every command on the whole log; what this process
            // needs to know (an account's currency) the projections tell.
            auto projected = std::make_unique<ProjectedCurrencies>(m_storage->projections());
            projected->setCatchUp([storage = m_storage.get()] {
                if (const Result<qint64> done = storage->catchUpProjections(); !done.ok())
                    qWarning("Projections are behind the log: %s",
                             qPrintable(done.error().message));
            });
            m_currencies = std::move(projected);
        } else {
            if (Status opened = service->open(); !opened.ok())
                return opened.error();
            m_currencies = std::make_unique<StateCurrencies>(service->state());
        }
        m_service = std::move(service);
    }
    return m_service.get();
}

Result<const LedgerState *> CliContext::foldedState()
{
    if (!m_folded) {
        std::unique_ptr<LedgerService> folded = newService();
        if (Status opened = folded->open(); !opened.ok())
            return opened.error();
        folded->saveSnapshotWhenDue();
        m_folded = std::move(folded);
    }
    return &m_folded->state();
}

CurrencySource &CliContext::currencies()
{
    BILLING_ASSERT(m_currencies);
    return *m_currencies;
}

Result<CommandOptions> CliContext::options(const CliArguments &arguments) const
{
    const Result<QString> key = arguments.nonBlank(QStringLiteral("key"));
    if (!key.ok())
        return key.error();
    CommandOptions options;
    options.idempotencyKey = key.value();
    options.correlationId = arguments.option(QStringLiteral("correlation"));
    options.operatorName =
        arguments.option(QStringLiteral("operator"),
                         qEnvironmentVariable("BILLING_OPERATOR", qEnvironmentVariable("USER")));
    return options;
}

} // namespace billing::cli
