// billing-bench: one run, every figure the embedded mode is held to, and a plain CRUD ledger on
// the same disk with the same durability as the yardstick. Progress goes to stderr, the report
// (text, or JSON with --json) to stdout.
#include "AccountPool.h"
#include "BenchOptions.h"
#include "CrudBaseline.h"
#include "LedgerReplay.h"
#include "LedgerWorkload.h"
#include "ProcessMemory.h"
#include "Report.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <cstdio>
#include <optional>

using namespace billing;
using namespace billing::bench;

namespace {

// Fixed, so that two runs move money between the same pairs of accounts.
constexpr quint64 pairSeed = 20251209;
// 1000.00 and 1.00 in cents: the same amounts the ledger workload tops up and transfers.
constexpr qint64 seedBalanceMinor = 100000;
constexpr qint64 transferMinor = 100;

void progress(const QString &text)
{
    std::fprintf(stderr, "billing-bench: %s\n", qUtf8Printable(text));
    std::fflush(stderr);
}

int failed(const QString &what, const Error &error)
{
    std::fprintf(stderr, "billing-bench: %s failed: %s %s\n", qUtf8Printable(what),
                 qUtf8Printable(error.code), qUtf8Printable(error.message));
    return 1;
}

// A file left from an earlier run would make this one measure a different store.
std::optional<Error> mustBeNew(const QString &path)
{
    if (!QFileInfo::exists(path))
        return std::nullopt;
    return Error{QStringLiteral("FILE_EXISTS"),
                 QStringLiteral("%1 already exists; remove it or choose another --dir").arg(path),
                 QStringLiteral("dir")};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("billing-bench"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BILLING_VERSION));
    const Result<BenchOptions> parsed = parseBenchOptions(QCoreApplication::arguments());
    if (!parsed.ok()) {
        std::fprintf(stderr, "billing-bench: %s\n", qUtf8Printable(parsed.error().message));
        return 2;
    }
    const BenchOptions &options = parsed.value();

    std::optional<QTemporaryDir> temporary;
    QString dir = options.dir;
    if (dir.isEmpty()) {
        temporary.emplace();
        if (!temporary->isValid())
            return failed(QStringLiteral("creating a temporary folder"),
                          Error{QStringLiteral("IO"), temporary->errorString(), {}});
        dir = temporary->path();
    } else if (!QDir().mkpath(dir)) {
        return failed(QStringLiteral("creating --dir"),
                      Error{QStringLiteral("IO"), QStringLiteral("cannot create %1").arg(dir), {}});
    }

    BenchResults results;
    results.options = options;
    MemoryWatch memory;
    results.ledgerPath = QDir(dir).absoluteFilePath(QStringLiteral("bench-ledger.db"));
    results.baselinePath = QDir(dir).absoluteFilePath(QStringLiteral("bench-crud.db"));
    for (const QString &path : {results.ledgerPath, results.baselinePath}) {
        if (std::optional<Error> exists = mustBeNew(path))
            return failed(QStringLiteral("checking the files"), *exists);
    }

    // Build, then single transfers on the full store: a desk commits against a big ledger, not
    // an empty one. The service is gone before replay, so that only one state is ever alive.
    {
        AccountPool pool(options.accounts, pairSeed);
        LedgerWorkload ledger(results.ledgerPath, pool, memory, progress);
        if (Status opened = ledger.open(); !opened.ok())
            return failed(QStringLiteral("opening the ledger"), opened.error());
        Result<BuildFigures> built = ledger.build(options.events, options.batch);
        if (!built.ok())
            return failed(QStringLiteral("building the store"), built.error());
        results.build = built.value();
        progress(QStringLiteral("timing %1 single durable transfers").arg(options.single));
        Result<LatencySummary> single = ledger.runSingleTransfers(options.single);
        if (!single.ok())
            return failed(QStringLiteral("single transfers"), single.error());
        results.single = single.value();
        results.afterBuild = memory.sample();
    }

    // Right after ours, so that both commit on a disk in the same state.
    {
        AccountPool pool(options.accounts, pairSeed);
        CrudBaseline baseline(results.baselinePath);
        if (Status opened = baseline.open(); !opened.ok())
            return failed(QStringLiteral("opening the baseline"), opened.error());
        results.sqliteVersion = baseline.sqliteVersion();
        QElapsedTimer seeding;
        seeding.start();
        if (Status seeded = baseline.seed(pool, seedBalanceMinor); !seeded.ok())
            return failed(QStringLiteral("seeding the baseline"), seeded.error());
        results.baselineSeedSeconds = static_cast<double>(seeding.nsecsElapsed()) / 1e9;
        progress(QStringLiteral("timing %1 baseline transfers").arg(options.single));
        Result<LatencySummary> transfers =
            baseline.runTransfers(pool, options.single, transferMinor);
        if (!transfers.ok())
            return failed(QStringLiteral("baseline transfers"), transfers.error());
        results.baseline = transfers.value();
        // As many as our batched run decided, in commits of the same size.
        const qint64 batchedCount = std::max<qint64>(results.build.transfers.transfers, 1);
        progress(QStringLiteral("timing %1 batched baseline transfers").arg(batchedCount));
        Result<BatchedCrudFigures> batched =
            baseline.runBatchedTransfers(pool, batchedCount, options.batch, transferMinor);
        if (!batched.ok())
            return failed(QStringLiteral("batched baseline transfers"), batched.error());
        results.baselineBatched = batched.value();
    }
    results.baselineFileBytes = sqliteFileBytes(results.baselinePath);

    progress(QStringLiteral("replaying %1 events").arg(results.build.events));
    Result<ReplayFigures> replay = timeReplay(results.ledgerPath, memory);
    if (!replay.ok())
        return failed(QStringLiteral("replay"), replay.error());
    results.replay = replay.value();
    results.afterReplay = memory.sample();

    progress(QStringLiteral("opening the store afresh"));
    Result<OpenFigures> opened = timeFreshOpen(results.ledgerPath, memory);
    if (!opened.ok())
        return failed(QStringLiteral("fresh open"), opened.error());
    results.open = opened.value();
    // The peak is that of the desk's work; the snapshot stage (two states and the encoded
    // bytes at once) ran after its last sample and only shows in the reading at exit.
    results.peakKiB = memory.peakKiB();
    results.atEnd = memory.sample();

    // Last: the rows it holds in memory would count in the peak above.
    progress(QStringLiteral("copying the batched transfers' events as bare rows"));
    Result<FloorFigures> floor = timeStorageFloor(
        results.ledgerPath, QDir(dir).absoluteFilePath(QStringLiteral("bench-floor.db")),
        results.build.transfers.firstPosition, results.build.transfers.lastPosition,
        results.options.batch * eventsPerTransfer, eventsPerTransfer);
    if (!floor.ok())
        return failed(QStringLiteral("storage floor"), floor.error());
    results.floor = floor.value();

    if (options.json) {
        std::fputs(QJsonDocument(jsonReport(results)).toJson(QJsonDocument::Indented).constData(),
                   stdout);
    } else {
        std::fputs(qUtf8Printable(textReport(results) + u'\n'), stdout);
    }
    std::fflush(stdout);
    return 0;
}
