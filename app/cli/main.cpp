// billing-cli: the scripting face of the ledger core. One JSON document per run on stdout (or
// an error document on stderr); exit 0 ok, 1 infrastructure, 2 rejected or bad input,
// 3 verification failed.
#include "CliMessages.h"
#include "CliOutput.h"
#include "Subcommands.h"

#include "domain/ReasonCode.h"

#include <QCoreApplication>

#include <cstdio>

namespace {

const char usageText[] = R"(usage: billing-cli [--store sqlite:PATH] [--operator NAME] COMMAND ...
       billing-cli --store kafka:HOST:PORT[,...] --projections postgresql://USER@HOST:PORT/DB ...

Accounts
  account create --type user|external|system --currency CODE --owner ID [--owner-type T]
                 [--min A] [--max A|none]
  account get ID | account list [--owner ID]
  account suspend|activate|close ID
  account limits ID [--min A] [--max A|none]   (a limit left out stays as it is)
Money (each also takes --currency CODE, --key IDEMPOTENCY_KEY, --reference TEXT)
  topup --account ID --from EXTERNAL_ID --amount A
  withdraw --account ID --to EXTERNAL_ID --amount A
  transfer --from ID --to ID --amount A
  pay --account ID --to SYSTEM_ID --amount A
  refund --payment TX_ID --amount A
Reading and auditing
  tx get ID | tx list --account ID [--limit N] [--offset N | --before POSITION]
  events [--after POSITION] [--limit N]          (JSON lines)
  balances [--at POSITION | --as-of ISO8601]     (replayed from the log)
  verify                                         (exit 3 when anything is off)
  projections rebuild
  import FILE.csv    (columns: operation,account,counterparty,amount,currency,key,reference;
                     each row's outcome names its line in the file, the header being line 1)
Distributed mode
  serve              decides every command of the ledger and feeds the projections until
                     SIGTERM/SIGINT; start one or more (one decides, the others stand by).
                     Writing commands on kafka: need a running serve.

The store defaults to $BILLING_STORE (refused when set to anything but a store), else
ledger.db in the app-data folder. With kafka:, --projections defaults to $BILLING_PROJECTIONS;
the PostgreSQL password comes from $PGPASSWORD or a 0600 file named by $BILLING_PGPASSWORD_FILE,
and librdkafka properties (SASL, SSL) from a key=value file named by $BILLING_KAFKA_CONFIG. See
docs/distributed.md.
)";

// Queries answer from the projections, and serve projects from where they stand: both bring
// them up to the log first (a writer that died between its commit and its projection leaves
// them behind). Other commands read the log themselves, or wait for their own projection.
bool catchesUpFirst(const billing::cli::CliArguments &arguments)
{
    const QString command = arguments.word(0);
    const QString what = arguments.word(1);
    return (command == u"account" && (what == u"get" || what == u"list")) || command == u"tx" ||
           command == u"serve";
}

int dispatch(billing::cli::CliContext &context, const billing::cli::CliArguments &arguments)
{
    using namespace billing::cli;
    const QString command = arguments.word(0);
    if (command == u"account")
        return runAccount(context, arguments);
    if (command == u"topup" || command == u"withdraw" || command == u"transfer" ||
        command == u"pay" || command == u"refund")
        return runMoney(context, arguments);
    if (command == u"tx")
        return runTransactions(context, arguments);
    if (command == u"events")
        return runEvents(context, arguments);
    if (command == u"balances")
        return runBalances(context, arguments);
    if (command == u"verify")
        return runVerify(context, arguments);
    if (command == u"projections")
        return runProjections(context, arguments);
    if (command == u"serve")
        return runServe(context, arguments);
    return runImport(context, arguments);
}

} // namespace

int main(int argc, char *argv[])
{
    using namespace billing::cli;
    QCoreApplication application(argc, argv);
    holdMessages();
    // Whatever is still held when main ends (a success, or messages after the error document)
    // is written then, as JSON; nothing is dropped.
    struct Release
    {
        ~Release() { releaseHeldMessages(); }
    } release;
    QCoreApplication::setApplicationName(QStringLiteral("billing-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BILLING_VERSION));
    const billing::Result<CliArguments> arguments =
        CliArguments::parse(QCoreApplication::arguments());
    if (!arguments.ok())
        return printError(arguments.error());
    if (arguments.value().flag(QStringLiteral("version")))
        return printDocument({{QStringLiteral("name"), QStringLiteral("billing-cli")},
                              {QStringLiteral("version"), QStringLiteral(BILLING_VERSION)}});
    const QStringList known = {
        QStringLiteral("account"),  QStringLiteral("topup"),       QStringLiteral("withdraw"),
        QStringLiteral("transfer"), QStringLiteral("pay"),         QStringLiteral("refund"),
        QStringLiteral("tx"),       QStringLiteral("events"),      QStringLiteral("balances"),
        QStringLiteral("verify"),   QStringLiteral("projections"), QStringLiteral("import"),
        QStringLiteral("serve")};
    if (arguments.value().flag(QStringLiteral("help"))) {
        std::fputs(usageText, stdout);
        return exitOk;
    }
    // A script whose command variable is empty gets an error it can parse, as for a wrong one.
    if (arguments.value().words().isEmpty())
        return printError({billing::reason::invalidArgument,
                           QStringLiteral("no command given; see --help"),
                           QStringLiteral("command")});
    if (!known.contains(arguments.value().word(0)))
        return printError(
            {billing::reason::invalidArgument,
             QStringLiteral("unknown command '%1'; see --help").arg(arguments.value().word(0)),
             QStringLiteral("command")});
    const billing::Result<std::unique_ptr<CliContext>> context =
        CliContext::open(arguments.value());
    // Opening reads no event: a tampered Kafka log is refused by the first read (verify names
    // the bad event, LedgerVerifier).
    if (!context.ok())
        return printError(context.error());
    if (catchesUpFirst(arguments.value())) {
        const billing::Result<qint64> caughtUp = context.value()->storage().catchUpProjections();
        // A log that is not what was written is refused, as every reader of it refuses it.
        if (!caughtUp.ok() && caughtUp.error().code == billing::reason::ledgerTampered)
            return printError(caughtUp.error());
        // Behind, the projections are still right as of their checkpoint.
        if (!caughtUp.ok())
            qWarning("Projections are behind the log: %s", qPrintable(caughtUp.error().message));
    }
    // A serve runs until it is stopped: its warnings are written as they come.
    if (arguments.value().word(0) == u"serve")
        releaseHeldMessages();
    return dispatch(*context.value(), arguments.value());
}
