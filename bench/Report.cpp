#include "Report.h"

#include <QLocale>

namespace billing::bench {
namespace {

enum class Verdict { Met, Missed, NotApplicable };

Verdict atLeast(double measured, double wanted)
{
    return measured >= wanted ? Verdict::Met : Verdict::Missed;
}

Verdict atMost(double measured, double wanted)
{
    return measured <= wanted ? Verdict::Met : Verdict::Missed;
}

Verdict both(Verdict a, Verdict b)
{
    if (a == Verdict::NotApplicable || b == Verdict::NotApplicable)
        return Verdict::NotApplicable;
    return a == Verdict::Met && b == Verdict::Met ? Verdict::Met : Verdict::Missed;
}

QString verdictText(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Met:
        return QStringLiteral("met");
    case Verdict::Missed:
        return QStringLiteral("MISSED");
    case Verdict::NotApplicable:
        break;
    }
    return QStringLiteral("n/a");
}

QJsonValue verdictJson(Verdict verdict)
{
    return verdict == Verdict::NotApplicable ? QJsonValue() : QJsonValue(verdict == Verdict::Met);
}

double peakMB(const BenchResults &results)
{
    return kibToMB(results.peakKiB);
}

bool rssTargetApplies(const BenchResults &results)
{
    return results.build.accounts == target::rssAccounts &&
           results.build.events >= target::rssEvents && results.peakKiB >= 0;
}

struct Verdicts
{
    Verdict singleRate;
    Verdict singleP99;
    Verdict single;
    Verdict batched;
    Verdict replay;
    Verdict rss;
};

Verdicts verdicts(const BenchResults &results)
{
    Verdicts v{};
    v.singleRate = atLeast(results.single.perSecond, target::singlePerSecond);
    v.singleP99 = atMost(results.single.p99Ms, target::singleP99Ms);
    v.single = both(v.singleRate, v.singleP99);
    v.batched = atLeast(results.build.transfers.perSecond, target::batchedPerSecond);
    v.replay = atLeast(results.replay.eventsPerSecond, target::replayEventsPerSecond);
    v.rss = rssTargetApplies(results) ? atMost(peakMB(results), target::peakRssMB)
                                      : Verdict::NotApplicable;
    return v;
}

double ratio(double ours, double theirs)
{
    return theirs > 0 ? ours / theirs : 0;
}

QJsonObject latencyJson(const LatencySummary &summary)
{
    return QJsonObject{{QStringLiteral("count"), summary.count},
                       {QStringLiteral("wallSeconds"), summary.wallSeconds},
                       {QStringLiteral("perSecond"), summary.perSecond},
                       {QStringLiteral("p50Ms"), summary.p50Ms},
                       {QStringLiteral("p99Ms"), summary.p99Ms},
                       {QStringLiteral("maxMs"), summary.maxMs}};
}

QJsonObject memoryJson(const MemoryReading &reading)
{
    return QJsonObject{{QStringLiteral("vmHwmKiB"), reading.peakResidentKiB},
                       {QStringLiteral("vmRssKiB"), reading.residentKiB}};
}

// Text layout: a label column, the measured figure, the target, the verdict.
class Table
{
public:
    void heading(const QString &text)
    {
        if (!m_text.isEmpty())
            m_text += u'\n';
        m_text += text + u'\n';
    }
    void row(const QString &label, const QString &measured, const QString &wanted = {},
             const QString &verdict = {})
    {
        QString line =
            QStringLiteral("  ") + label.leftJustified(34) + u' ' + measured.leftJustified(26);
        if (!wanted.isEmpty())
            line += u' ' + wanted.leftJustified(20) + u' ' + verdict;
        while (line.endsWith(u' '))
            line.chop(1);
        m_text += line + u'\n';
    }
    void blankLine() { m_text += u'\n'; }
    void note(const QString &text) { m_text += QStringLiteral("    ") + text + u'\n'; }
    QString text() const { return m_text; }

private:
    QString m_text;
};

} // namespace

QString textReport(const BenchResults &results)
{
    const QLocale c = QLocale::c();
    const auto count = [&](qint64 n) {
        return c.toString(n);
    };
    const auto fixed = [&](double value, int decimals) {
        return c.toString(value, 'f', decimals);
    };
    const auto rate = [&](double perSecond, const QString &unit) {
        return c.toString(perSecond, 'f', 0) + u' ' + unit;
    };
    const Verdicts v = verdicts(results);
    const BuildFigures &build = results.build;

    Table table;
    table.heading(QStringLiteral("Billing Desk benchmark: embedded SQLite (WAL, synchronous=FULL), "
                                 "SQLite %1")
                      .arg(results.sqliteVersion));
    table.row(QStringLiteral("store"),
              QStringLiteral("%1 accounts, %2 events built (asked: at least %3), %4 at replay")
                  .arg(count(build.accounts), count(build.events), count(results.options.events),
                       count(results.replay.events)));
    table.row(QStringLiteral("runs"),
              QStringLiteral("%1 single transfers per ledger (timed after a WAL checkpoint), "
                             "batches of %2")
                  .arg(count(results.options.single), count(results.options.batch)));
    table.row(QStringLiteral("files"), results.ledgerPath);
    table.row(QString(), results.baselinePath);

    table.heading(QStringLiteral("Store build with executeBatch (one commit per batch)"));
    table.row(QStringLiteral("whole build"), fixed(build.seconds, 1) + QStringLiteral(" s"));
    table.row(QStringLiteral("create accounts"),
              fixed(build.createSeconds, 1) + QStringLiteral(" s"));
    table.row(QStringLiteral("top up accounts"),
              fixed(build.topupSeconds, 1) + QStringLiteral(" s"));
    table.row(QStringLiteral("transfers"),
              QStringLiteral("%1 s (%2 transfers in %3 batches)")
                  .arg(fixed(build.transferSeconds, 1), count(build.transfers.transfers),
                       count(build.transfers.batches)));
    table.row(QStringLiteral("file size (db + wal)"),
              fixed(static_cast<double>(build.fileBytes) / 1e6, 0) + QStringLiteral(" MB"));

    table.blankLine();
    table.row(QStringLiteral("figure"), QStringLiteral("measured"), QStringLiteral("target"),
              QStringLiteral("verdict"));
    table.row(QStringLiteral("1. single durable transfers/s"),
              rate(results.single.perSecond, QStringLiteral("/s")),
              QStringLiteral(">= ") + rate(target::singlePerSecond, QStringLiteral("/s")),
              verdictText(v.singleRate));
    table.row(QStringLiteral("   latency p50 / p99 (max)"),
              QStringLiteral("%1 / %2 ms (%3)")
                  .arg(fixed(results.single.p50Ms, 2), fixed(results.single.p99Ms, 2),
                       fixed(results.single.maxMs, 2)),
              QStringLiteral("p99 <= %1 ms").arg(fixed(target::singleP99Ms, 0)),
              verdictText(v.singleP99));
    table.note(QStringLiteral("latency: one execute() each; rate: the whole loop over wall time"));
    table.row(QStringLiteral("2. batched transfers/s"),
              rate(build.transfers.perSecond, QStringLiteral("/s")),
              QStringLiteral(">= ") + rate(target::batchedPerSecond, QStringLiteral("/s")),
              verdictText(v.batched));
    table.row(QStringLiteral("   per batch p50 / p99"),
              QStringLiteral("%1 / %2 ms")
                  .arg(fixed(build.transfers.batchP50Ms, 1), fixed(build.transfers.batchP99Ms, 1)));
    table.note(QStringLiteral("time inside executeBatch only, %1 transfers per call")
                   .arg(count(results.options.batch)));
    table.row(QStringLiteral("   SQLite floor for these events"),
              rate(results.floor.transfersPerSecond, QStringLiteral("/s")));
    table.note(QStringLiteral("their %1 events copied from memory as they are into a bare table "
                              "(no index, projection, hash or JSON), %2 per durable commit, in "
                              "%3 s: SQLite's own cost for these rows, before any of our work")
                   .arg(count(results.floor.events),
                        count(results.options.batch * eventsPerTransfer),
                        fixed(results.floor.seconds, 2)));
    table.row(QStringLiteral("   CRUD ledger, batched alike"),
              rate(results.baselineBatched.perSecond, QStringLiteral("/s")));
    table.note(QStringLiteral("the baseline below (2 UPDATE + 2 INSERT per transfer, INTEGER "
                              "minor units) on SQLite's own API, %1 transfers in %2 durable "
                              "commits, in %3 s: a ledger of balance and entry rows alone")
                   .arg(count(results.baselineBatched.transfers),
                        count(results.baselineBatched.commits),
                        fixed(results.baselineBatched.seconds, 2)));
    table.row(QStringLiteral("3. replay events/s"),
              rate(results.replay.eventsPerSecond, QStringLiteral("events/s")),
              QStringLiteral(">= ") + rate(target::replayEventsPerSecond, QStringLiteral("/s")),
              verdictText(v.replay));
    table.note(QStringLiteral("replayTo(store, 0): %1 events, %2 accounts in %3 s (warm OS cache)")
                   .arg(count(results.replay.events), count(results.replay.accounts),
                        fixed(results.replay.seconds, 2)));
    table.row(QStringLiteral("   fresh open: storage + service"),
              QStringLiteral("%1 + %2 ms")
                  .arg(fixed(results.open.storageOpenMs, 0), fixed(results.open.serviceOpenMs, 0)));
    table.note(QStringLiteral("EmbeddedStorage::open, then LedgerService::open() over %1 events")
                   .arg(count(results.open.events)));
    table.row(
        QStringLiteral("   open from a snapshot"),
        QStringLiteral("%1 ms (saving it: %2 ms)")
            .arg(fixed(results.open.snapshotOpenMs, 0), fixed(results.open.snapshotSaveMs, 0)));
    table.note(QStringLiteral("a snapshot of that state saved, then opened from; this ran after "
                              "the peak RSS below was taken"));
    table.row(QStringLiteral("4. peak RSS (VmHWM)"),
              QStringLiteral("%1 MB (%2 MiB)")
                  .arg(fixed(peakMB(results), 1), fixed(kibToMiB(results.peakKiB), 1)),
              QStringLiteral("<= %1 MB").arg(fixed(target::peakRssMB, 0)), verdictText(v.rss));
    table.note(QStringLiteral("highest VmHWM of /proc/self/status read during the run (after "
                              "every batch, with each state alive); 1 MB = 10^6 bytes"));
    table.note(QStringLiteral("VmHWM after build + single transfers %1 MB, after replay %2 MB, "
                              "at exit %3 MB")
                   .arg(fixed(kibToMB(results.afterBuild.peakResidentKiB), 1),
                        fixed(kibToMB(results.afterReplay.peakResidentKiB), 1),
                        fixed(kibToMB(results.atEnd.peakResidentKiB), 1)));
    table.note(QStringLiteral("VmRSS with one freshly opened service %1 MB, at exit %2 MB")
                   .arg(fixed(kibToMB(results.open.residentKiB), 1),
                        fixed(kibToMB(results.atEnd.residentKiB), 1)));
    if (v.rss == Verdict::NotApplicable)
        table.note(QStringLiteral("the RSS target is stated for %1 accounts and %2 events")
                       .arg(count(target::rssAccounts), count(target::rssEvents)));
    table.row(QStringLiteral("5. CRUD baseline transfers/s"),
              rate(results.baseline.perSecond, QStringLiteral("/s")));
    table.row(QStringLiteral("   latency p50 / p99 (max)"),
              QStringLiteral("%1 / %2 ms (%3)")
                  .arg(fixed(results.baseline.p50Ms, 2), fixed(results.baseline.p99Ms, 2),
                       fixed(results.baseline.maxMs, 2)));
    table.note(QStringLiteral("2 UPDATE + 2 INSERT per transaction, INTEGER minor units, same "
                              "pragmas; %1 accounts seeded in %2 s")
                   .arg(count(results.options.accounts), fixed(results.baselineSeedSeconds, 1)));
    table.row(QStringLiteral("   ratio ours / baseline"),
              QStringLiteral("%1x throughput, %2x p50 latency")
                  .arg(fixed(ratio(results.single.perSecond, results.baseline.perSecond), 2),
                       fixed(ratio(results.single.p50Ms, results.baseline.p50Ms), 2)));
    return table.text();
}

QJsonObject jsonReport(const BenchResults &results)
{
    const Verdicts v = verdicts(results);
    const BuildFigures &build = results.build;
    return QJsonObject{
        {QStringLiteral("mode"), QStringLiteral("embedded-sqlite")},
        {QStringLiteral("sqliteVersion"), results.sqliteVersion},
        {QStringLiteral("durability"), QStringLiteral("WAL, synchronous=FULL")},
        {QStringLiteral("parameters"),
         QJsonObject{{QStringLiteral("accounts"), results.options.accounts},
                     {QStringLiteral("events"), results.options.events},
                     {QStringLiteral("single"), results.options.single},
                     {QStringLiteral("batch"), results.options.batch},
                     {QStringLiteral("ledgerFile"), results.ledgerPath},
                     {QStringLiteral("baselineFile"), results.baselinePath}}},
        {QStringLiteral("build"),
         QJsonObject{{QStringLiteral("accounts"), build.accounts},
                     {QStringLiteral("events"), build.events},
                     {QStringLiteral("seconds"), build.seconds},
                     {QStringLiteral("createAccountsSeconds"), build.createSeconds},
                     {QStringLiteral("topupSeconds"), build.topupSeconds},
                     {QStringLiteral("transferSeconds"), build.transferSeconds},
                     {QStringLiteral("fileBytes"), build.fileBytes}}},
        {QStringLiteral("singleTransfers"),
         QJsonObject{{QStringLiteral("measured"), latencyJson(results.single)},
                     {QStringLiteral("targetPerSecond"), target::singlePerSecond},
                     {QStringLiteral("targetP99Ms"), target::singleP99Ms},
                     {QStringLiteral("met"), verdictJson(v.single)}}},
        {QStringLiteral("batchedTransfers"),
         QJsonObject{
             {QStringLiteral("transfers"), build.transfers.transfers},
             {QStringLiteral("batches"), build.transfers.batches},
             {QStringLiteral("batchSize"), results.options.batch},
             {QStringLiteral("seconds"), build.transfers.seconds},
             {QStringLiteral("perSecond"), build.transfers.perSecond},
             {QStringLiteral("batchP50Ms"), build.transfers.batchP50Ms},
             {QStringLiteral("batchP99Ms"), build.transfers.batchP99Ms},
             {QStringLiteral("storageFloor"),
              QJsonObject{
                  {QStringLiteral("events"), results.floor.events},
                  {QStringLiteral("commits"), results.floor.commits},
                  {QStringLiteral("seconds"), results.floor.seconds},
                  {QStringLiteral("transfersPerSecond"), results.floor.transfersPerSecond}}},
             {QStringLiteral("crudBatched"),
              QJsonObject{{QStringLiteral("transfers"), results.baselineBatched.transfers},
                          {QStringLiteral("commits"), results.baselineBatched.commits},
                          {QStringLiteral("seconds"), results.baselineBatched.seconds},
                          {QStringLiteral("perSecond"), results.baselineBatched.perSecond}}},
             {QStringLiteral("targetPerSecond"), target::batchedPerSecond},
             {QStringLiteral("met"), verdictJson(v.batched)}}},
        {QStringLiteral("replay"),
         QJsonObject{{QStringLiteral("events"), results.replay.events},
                     {QStringLiteral("accounts"), results.replay.accounts},
                     {QStringLiteral("seconds"), results.replay.seconds},
                     {QStringLiteral("eventsPerSecond"), results.replay.eventsPerSecond},
                     {QStringLiteral("targetEventsPerSecond"), target::replayEventsPerSecond},
                     {QStringLiteral("met"), verdictJson(v.replay)}}},
        {QStringLiteral("freshOpen"),
         QJsonObject{{QStringLiteral("events"), results.open.events},
                     {QStringLiteral("storageOpenMs"), results.open.storageOpenMs},
                     {QStringLiteral("serviceOpenMs"), results.open.serviceOpenMs},
                     {QStringLiteral("snapshotSaveMs"), results.open.snapshotSaveMs},
                     {QStringLiteral("snapshotOpenMs"), results.open.snapshotOpenMs},
                     {QStringLiteral("vmRssKiB"), results.open.residentKiB}}},
        {QStringLiteral("memory"),
         QJsonObject{{QStringLiteral("figure"),
                      QStringLiteral("VmHWM from /proc/self/status: the highest reading taken "
                                     "during the run (after every batch and with each ledger "
                                     "state alive); MB = 10^6 bytes")},
                     {QStringLiteral("peakRssMB"), peakMB(results)},
                     {QStringLiteral("peakRssKiB"), results.peakKiB},
                     {QStringLiteral("afterBuild"), memoryJson(results.afterBuild)},
                     {QStringLiteral("afterReplay"), memoryJson(results.afterReplay)},
                     {QStringLiteral("atEnd"), memoryJson(results.atEnd)},
                     {QStringLiteral("targetMB"), target::peakRssMB},
                     {QStringLiteral("met"), verdictJson(v.rss)}}},
        {QStringLiteral("baseline"),
         QJsonObject{{QStringLiteral("kind"),
                      QStringLiteral("plain SQLite CRUD via QSQLITE: 2 UPDATE + 2 INSERT per "
                                     "transfer, one commit each, INTEGER minor units")},
                     {QStringLiteral("seedSeconds"), results.baselineSeedSeconds},
                     {QStringLiteral("fileBytes"), results.baselineFileBytes},
                     {QStringLiteral("measured"), latencyJson(results.baseline)}}},
        {QStringLiteral("ratioSingleOursToBaseline"),
         QJsonObject{
             {QStringLiteral("throughput"),
              ratio(results.single.perSecond, results.baseline.perSecond)},
             {QStringLiteral("p50Latency"), ratio(results.single.p50Ms, results.baseline.p50Ms)},
             {QStringLiteral("p99Latency"), ratio(results.single.p99Ms, results.baseline.p99Ms)}}},
    };
}

} // namespace billing::bench
