// billing-history-bench: the auditor's event history on a big store. Builds (or with --store
// reuses) a store of --events events through LedgerService::executeBatch, then times the reads
// the desk's Events tab makes, through the same SqliteTableReader: the first page newest first,
// a deep page, and each filter alone, p50/p99 over several values. A program, not a test.
#include "AccountPool.h"
#include "HistoryCases.h"
#include "LedgerWorkload.h"
#include "infrastructure/EventSearchIndex.h"
#include "infrastructure/SqliteDatabase.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>

#include <cstdio>

using namespace billing;

namespace {

constexpr quint64 pairSeed = 7;
constexpr int operatorCount = 16;
constexpr int rareOperatorEvery = 100;

void say(const QString &text)
{
    std::fprintf(stderr, "%s\n", qPrintable(text));
}

Status buildStore(const QString &path, const QCommandLineParser &parser, bench::AccountPool &pool)
{
    bench::MemoryWatch memory;
    bench::LedgerWorkload builder(path, pool, memory, say);
    builder.setOperators(operatorCount, rareOperatorEvery);
    // A bulk load: no fsync per batch (a crash loses the last batches, never the log's
    // integrity) and a page cache that holds the random-key indexes.
    if (Status opened = builder.open(SqliteDatabase::Durability::Relaxed,
                                     parser.value(QStringLiteral("cache-mb")).toInt());
        !opened.ok())
        return opened;
    const Result<bench::BuildFigures> built =
        builder.build(parser.value(QStringLiteral("events")).toLongLong(),
                      parser.value(QStringLiteral("batch")).toLongLong());
    if (!built.ok())
        return built.error();
    const bench::BuildFigures &figures = built.value();
    std::printf("store built                  %lld events in %.1f s (%.0f events/s)\n",
                static_cast<long long>(figures.events), figures.seconds,
                double(figures.events) / figures.seconds);
    std::printf("  transfers                  %.0f /s inside executeBatch (%lld per batch, "
                "p50 %.1f ms, p99 %.1f ms)\n",
                figures.transfers.perSecond,
                static_cast<long long>(parser.value(QStringLiteral("batch")).toLongLong()),
                figures.transfers.batchP50Ms, figures.transfers.batchP99Ms);
    std::printf("  file size (db + wal)       %.0f MB\n", double(figures.fileBytes) / 1e6);
    return Done{};
}

// Brings the search index up to the log, as the desk does in the background, and says what
// that cost.
Status buildSearchIndex(SqliteDatabase &database, const QString &indexPath)
{
    if (Status attached = EventSearchIndex::attach(database.connection(), indexPath);
        !attached.ok())
        return attached;
    const Result<EventSearchIndex::Progress> before =
        EventSearchIndex::progress(database.connection());
    if (!before.ok())
        return before.error();
    QElapsedTimer timer;
    timer.start();
    qint64 reported = before.value().indexed;
    const Result<EventSearchIndex::Progress> after = EventSearchIndex::catchUp(
        database.connection(), [&reported](const EventSearchIndex::Progress &progress) {
            if (progress.indexed - reported >= 1000000) {
                say(QStringLiteral("search index at %1 of %2")
                        .arg(progress.indexed)
                        .arg(progress.logged));
                reported = progress.indexed;
            }
            return true;
        });
    if (!after.ok())
        return after.error();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    const qint64 added = after.value().indexed - before.value().indexed;
    std::printf("  search index               %lld events added in %.1f s (%.0f events/s), "
                "%lld in all, file %.0f MB\n",
                static_cast<long long>(added), seconds, added > 0 ? double(added) / seconds : 0.0,
                static_cast<long long>(after.value().indexed),
                double(bench::sqliteFileBytes(indexPath)) / 1e6);
    return Done{};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QList<QCommandLineOption> options = {
        {QStringLiteral("store"), QStringLiteral("Reuse (or build once) the store at PATH."),
         QStringLiteral("path"), QStringLiteral("/tmp/history-10m.db")},
        {QStringLiteral("events"), QStringLiteral("Events in a new store (10000000)."),
         QStringLiteral("n"), QStringLiteral("10000000")},
        {QStringLiteral("accounts"), QStringLiteral("USER accounts (100000)."), QStringLiteral("n"),
         QStringLiteral("100000")},
        {QStringLiteral("batch"), QStringLiteral("Commands per executeBatch (5000)."),
         QStringLiteral("n"), QStringLiteral("5000")},
        {QStringLiteral("cache-mb"), QStringLiteral("SQLite page cache while building (2048)."),
         QStringLiteral("mb"), QStringLiteral("2048")},
        {QStringLiteral("samples"), QStringLiteral("Values measured per filter (20)."),
         QStringLiteral("n"), QStringLiteral("20")},
        {QStringLiteral("build-only"), QStringLiteral("Build the store and stop.")},
        {QStringLiteral("skip-scans"), QStringLiteral("Skip the rare free-text searches.")},
        {QStringLiteral("search-index"),
         QStringLiteral("The search index file (default: the desk's, in the cache folder)."),
         QStringLiteral("path")},
        {QStringLiteral("no-search-index"),
         QStringLiteral("Free text without the search index: every search reads the log.")},
    };
    parser.addOptions(options);
    parser.process(application);

    const QString path = parser.value(QStringLiteral("store"));
    bench::AccountPool pool(parser.value(QStringLiteral("accounts")).toLongLong(), pairSeed);
    if (!QFileInfo::exists(path)) {
        if (Status built = buildStore(path, parser, pool); !built.ok())
            return say(built.error().message), 1;
    }
    if (parser.isSet(QStringLiteral("build-only")))
        return 0;

    const qint64 bytesBefore = bench::sqliteFileBytes(path);
    QElapsedTimer opening;
    opening.start();
    SqliteDatabase database;
    if (Status opened = database.open(path); !opened.ok())
        return say(opened.error().message), 1;
    std::printf("Event history on %s\n", qPrintable(path));
    std::printf("  open (schema upgrade incl.) %lld ms, file %.0f MB -> %.0f MB\n",
                static_cast<long long>(opening.elapsed()), double(bytesBefore) / 1e6,
                double(bench::sqliteFileBytes(path)) / 1e6);
    bench::HistoryCases cases(database, pool, parser.value(QStringLiteral("samples")).toInt(),
                              pairSeed);
    if (!parser.isSet(QStringLiteral("no-search-index"))) {
        const QString indexPath = parser.isSet(QStringLiteral("search-index"))
                                      ? parser.value(QStringLiteral("search-index"))
                                      : EventSearchIndex::pathForStore(path);
        if (Status built = buildSearchIndex(database, indexPath); !built.ok())
            return say(built.error().message), 1;
        cases.setSearchIndex(indexPath);
    }
    if (Status ran = cases.run(!parser.isSet(QStringLiteral("skip-scans"))); !ran.ok())
        return say(ran.error().message), 1;
    return 0;
}
