#include "BenchOptions.h"

#include "domain/ReasonCode.h"

#include <QCommandLineParser>

namespace billing::bench {
namespace {

Result<qint64> wholeNumber(const QCommandLineParser &parser, const QCommandLineOption &option,
                           qint64 fallback, qint64 min)
{
    if (!parser.isSet(option))
        return fallback;
    const QString name = option.names().constFirst();
    bool ok = false;
    const qint64 value = parser.value(option).toLongLong(&ok);
    if (!ok || value < min)
        return Error{
            reason::invalidArgument,
            QStringLiteral("--%1 must be a whole number of at least %2").arg(name).arg(min), name};
    return value;
}

} // namespace

Result<BenchOptions> parseBenchOptions(const QStringList &arguments)
{
    const BenchOptions defaults;
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Measures the embedded (SQLite) ledger: durable single transfers, batched transfers, "
        "replay, opening, and peak memory, next to a plain SQLite CRUD ledger."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption accounts(
        QStringLiteral("accounts"),
        QStringLiteral("USER accounts in the store (default %1).").arg(defaults.accounts),
        QStringLiteral("N"), QString::number(defaults.accounts));
    const QCommandLineOption events(
        QStringLiteral("events"),
        QStringLiteral("Events the store holds at least (default %1).").arg(defaults.events),
        QStringLiteral("N"), QString::number(defaults.events));
    const QCommandLineOption single(
        QStringLiteral("single"),
        QStringLiteral("Single durable transfers to time in each ledger (default %1).")
            .arg(defaults.single),
        QStringLiteral("N"), QString::number(defaults.single));
    const QCommandLineOption batch(
        QStringLiteral("batch"),
        QStringLiteral("Commands per executeBatch call (default %1).").arg(defaults.batch),
        QStringLiteral("N"), QString::number(defaults.batch));
    const QCommandLineOption dir(
        QStringLiteral("dir"),
        QStringLiteral("Folder for the store files (kept); default: a temporary folder."),
        QStringLiteral("PATH"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print the figures as one JSON document."));
    parser.addOptions({accounts, events, single, batch, dir, json});
    parser.process(arguments);
    if (!parser.positionalArguments().isEmpty())
        return Error{
            reason::invalidArgument,
            QStringLiteral("unexpected argument %1").arg(parser.positionalArguments().constFirst()),
            {}};

    BenchOptions options;
    // Transfers need two accounts; every other count needs at least one of its kind.
    const Result<qint64> accountCount = wholeNumber(parser, accounts, defaults.accounts, 2);
    const Result<qint64> eventCount = wholeNumber(parser, events, defaults.events, 1);
    const Result<qint64> singleCount = wholeNumber(parser, single, defaults.single, 1);
    const Result<qint64> batchSize = wholeNumber(parser, batch, defaults.batch, 1);
    for (const Result<qint64> *parsed : {&accountCount, &eventCount, &singleCount, &batchSize}) {
        if (!parsed->ok())
            return parsed->error();
    }
    options.accounts = accountCount.value();
    options.events = eventCount.value();
    options.single = singleCount.value();
    options.batch = batchSize.value();
    options.dir = parser.value(dir);
    options.json = parser.isSet(json);
    return options;
}

} // namespace billing::bench
