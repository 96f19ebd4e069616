// billing-desk-bench: how the desk feels on a big ledger. Prints the time to the first painted
// window (and to the first rows painted) on a store with --events events, and how long the UI
// thread stalls while another writer adds --rate events per second. A program, not a test.
#include "AccountPool.h"
#include "LedgerClient.h"
#include "LedgerTableView.h"
#include "LedgerWorkload.h"
#include "MainWindow.h"
#include "Stats.h"
#include "TimeTravelView.h"
#include "WindowedTableModel.h"
#include "application/AccountTimeline.h"
#include "application/AsOfCursor.h"
#include "infrastructure/EmbeddedStorage.h"
#include "infrastructure/SavedTimeline.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimer>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

using namespace billing;

namespace {

constexpr int tickMs = 5;
constexpr quint64 pairSeed = 7;

// Watches the window's paint events: the first one, and the first after the rows arrived.
class PaintWatch final : public QObject
{
public:
    PaintWatch(QElapsedTimer &clock, ui::WindowedTableModel &model)
        : m_clock(clock)
        , m_model(model)
    {}
    qint64 firstPaintNs = -1;
    qint64 rowsPaintNs = -1;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint) {
            if (firstPaintNs < 0)
                firstPaintNs = m_clock.nsecsElapsed();
            if (rowsPaintNs < 0 && m_model.isReady() && m_model.rowCount() > 0)
                rowsPaintNs = m_clock.nsecsElapsed();
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QElapsedTimer &m_clock;
    ui::WindowedTableModel &m_model;
};

void say(const QString &text)
{
    std::fprintf(stderr, "%s\n", qPrintable(text));
}

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    return done();
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication application(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption eventsOption(QStringLiteral("events"),
                                          QStringLiteral("Events in the store (1000000)."),
                                          QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption accountsOption(QStringLiteral("accounts"),
                                            QStringLiteral("USER accounts (100000)."),
                                            QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption storeOption(QStringLiteral("store"),
                                         QStringLiteral("Reuse (or build once) the store at PATH."),
                                         QStringLiteral("path"));
    const QCommandLineOption rateOption(QStringLiteral("rate"),
                                        QStringLiteral("Events per second written (1000)."),
                                        QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"),
                                           QStringLiteral("How long to write (10)."),
                                           QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption asOfOption(
        QStringLiteral("as-of-samples"),
        QStringLiteral("Time-travel points measured on the timeline, each with 20 steps (200; 0 "
                       "skips)."),
        QStringLiteral("n"), QStringLiteral("200"));
    const QCommandLineOption checkpointOption(
        QStringLiteral("checkpoint-every"),
        QStringLiteral("Events between two timeline checkpoints (20000)."), QStringLiteral("n"),
        QString::number(AccountTimeline::defaultCheckpointEvery));
    const QCommandLineOption foldOption(
        QStringLiteral("fold-samples"),
        QStringLiteral("Points measured by folding the whole ledger state instead, with and "
                       "without its snapshots (0; each takes seconds)."),
        QStringLiteral("n"), QStringLiteral("0"));
    for (const QCommandLineOption &option :
         {eventsOption, accountsOption, storeOption, rateOption, secondsOption, asOfOption,
          checkpointOption, foldOption})
        parser.addOption(option);
    parser.process(application);

    QTemporaryDir temporary;
    const QString path = parser.isSet(storeOption)
                             ? parser.value(storeOption)
                             : temporary.filePath(QStringLiteral("desk-bench.db"));
    const qint64 events = parser.value(eventsOption).toLongLong();
    bench::AccountPool pool(parser.value(accountsOption).toLongLong(), pairSeed);
    bench::MemoryWatch memory;
    if (!QFileInfo::exists(path)) {
        bench::LedgerWorkload builder(path, pool, memory, say);
        if (Status opened = builder.open(); !opened.ok())
            return say(opened.error().message), 1;
        const Result<bench::BuildFigures> built = builder.build(events, 1000);
        if (!built.ok())
            return say(built.error().message), 1;
        std::printf("store built                  %lld events in %.1f s\n",
                    static_cast<long long>(built.value().events), built.value().seconds);
    }

    // 0. Time travel on the full store: the account timeline read once, then points anywhere
    // and the steps an auditor takes from each.
    const int asOfSamples = parser.value(asOfOption).toInt();
    const int foldSamples = parser.value(foldOption).toInt();
    if (asOfSamples > 0 || foldSamples > 0) {
        Result<std::unique_ptr<EmbeddedStorage>> storage = EmbeddedStorage::open(path);
        if (!storage.ok())
            return say(storage.error().message), 1;
        const qint64 last = storage.value()->events().lastPosition().value();
        QRandomGenerator random(pairSeed);
        // Half of the points lie in the newest tenth: where audits usually look.
        const auto somePoint = [&random, last](int i) {
            return i % 2 == 0 ? random.bounded(last) + 1 : last - random.bounded(last / 10);
        };
        if (asOfSamples > 0) {
            const qint64 rssBefore = bench::readProcessMemory().residentKiB;
            AccountTimeline timeline(parser.value(checkpointOption).toLongLong());
            QElapsedTimer timer;
            timer.start();
            if (Status read = timeline.catchUp(storage.value()->events()); !read.ok())
                return say(read.error().message), 1;
            std::printf("timeline read once             %lld events, %lld accounts in %.1f s; "
                        "%lld checkpoints every %lld events; +%.0f MB resident\n",
                        static_cast<long long>(timeline.position()),
                        static_cast<long long>(timeline.accountCount()),
                        double(timer.nsecsElapsed()) / 1e9,
                        static_cast<long long>(timeline.checkpointCount()),
                        static_cast<long long>(timeline.checkpointEvery()),
                        bench::kibToMB(bench::readProcessMemory().residentKiB - rssBefore));
            // What a desk does on its next start: the saved timeline instead of the log.
            const SavedTimeline saved(temporary.filePath(QStringLiteral("timeline.bin")));
            timer.restart();
            if (Status written = saved.save(timeline); !written.ok())
                return say(written.error().message), 1;
            const double saveSeconds = double(timer.nsecsElapsed()) / 1e9;
            timer.restart();
            const std::optional<AccountTimeline> loaded =
                saved.load(storage.value()->events(), timeline.checkpointEvery());
            const double loadSeconds = double(timer.nsecsElapsed()) / 1e9;
            if (!loaded || loaded->position() != timeline.position())
                return say(QStringLiteral("the saved timeline did not load")), 1;
            std::printf("timeline saved / loaded        %.0f MB file, saved in %.2f s, loaded "
                        "(and checked against the log) in %.2f s\n",
                        double(QFileInfo(saved.path()).size()) / 1e6, saveSeconds, loadSeconds);
            for (const bool checkpoints : {true, false}) {
                QList<qint64> jumpNs;
                QList<qint64> stepNs;
                for (int i = 0; i < asOfSamples; ++i) {
                    const qint64 position = somePoint(i);
                    timer.restart();
                    const AccountsAsOf point = timeline.at(position, checkpoints);
                    const QHash<QString, Money> totals = point.totals();
                    jumpNs.append(timer.nsecsElapsed());
                    BILLING_ASSERT(point.position() == position);
                    for (auto it = totals.cbegin(); it != totals.cend(); ++it)
                        BILLING_ASSERT(it.value().isZero() || position != last);
                    for (int step = 0; step < 20 && checkpoints; ++step) {
                        const qint64 next = step % 2 == 0 ? position - 1 - step : position + step;
                        timer.restart();
                        const AccountsAsOf stepped =
                            timeline.at(std::clamp<qint64>(next, 0, last), checkpoints);
                        stepNs.append(timer.nsecsElapsed());
                        Q_UNUSED(stepped);
                    }
                }
                const bench::LatencySummary jump = bench::summarize(jumpNs, 1);
                std::printf("as-of %s checkpoints: any point p50 %.1f ms, p99 %.1f ms, max %.1f "
                            "ms (%d points)\n",
                            checkpoints ? "with   " : "without", jump.p50Ms, jump.p99Ms, jump.maxMs,
                            asOfSamples);
                if (checkpoints) {
                    const bench::LatencySummary step = bench::summarize(stepNs, 1);
                    std::printf("  steps one event either way: p50 %.1f ms, p99 %.1f ms\n",
                                step.p50Ms, step.p99Ms);
                }
            }
        }
        // The whole ledger state (what decisions need) folded to a point, for comparison.
        for (const bool snapshots : {false, true}) {
            QList<qint64> coldNs;
            for (int i = 0; i < foldSamples; ++i) {
                AsOfCursor cursor(storage.value()->events(),
                                  snapshots ? storage.value()->snapshots() : nullptr);
                QElapsedTimer timer;
                timer.start();
                if (!cursor.moveTo(somePoint(i)).ok())
                    return say(QStringLiteral("as-of failed")), 1;
                coldNs.append(timer.nsecsElapsed());
            }
            if (foldSamples == 0)
                break;
            const bench::LatencySummary cold = bench::summarize(coldNs, 1);
            std::printf("whole state folded %s snapshots: p50 %.0f ms, p99 %.0f ms (%d points)\n",
                        snapshots ? "from" : "without", cold.p50Ms, cold.p99Ms, foldSamples);
        }
    }

    // 1. From nothing to a painted window with rows, on the store as it is.
    QElapsedTimer clock;
    clock.start();
    ui::LedgerClient client(StoreLocation::sqlite(path));
    client.setOperatorName(QStringLiteral("bench"));
    client.open(false);
    ui::DeskSettings settings;
    settings.offerDemoData = false;
    ui::MainWindow window(client, settings);
    ui::WindowedTableModel &accounts = *window.tableView(ui::MainWindow::Tab::Accounts)->model();
    PaintWatch paints(clock, accounts);
    window.installEventFilter(&paints);
    window.tableView(ui::MainWindow::Tab::Accounts)->installEventFilter(&paints);
    window.show();
    const bool painted = waitUntil([&] { return paints.rowsPaintNs >= 0; }, 120000);
    const bool ready = waitUntil([&] { return client.isReady(); }, 600000);
    const qint64 readyNs = clock.nsecsElapsed();

    // 2. The UI thread's stalls while another writer adds events: a 5 ms timer that should
    // fire on time; every millisecond it is late, the UI thread was busy.
    const int rate = parser.value(rateOption).toInt();
    const double seconds = parser.value(secondsOption).toDouble();
    QList<qint64> stallsNs;
    Result<qint64> written = Error{};
    // The writer folds the ledger before it writes; only its writing is measured.
    std::atomic<bool> writerOpen{false};
    std::atomic<bool> go{false};
    std::thread writer([&] {
        bench::AccountPool writerPool(pool.count(), pairSeed + 1);
        bench::MemoryWatch writerMemory;
        bench::LedgerWorkload load(path, writerPool, writerMemory, say);
        const Status opened = load.open();
        writerOpen = true;
        if (!opened.ok()) {
            written = opened.error();
            return;
        }
        while (!go)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        // A transfer writes four events.
        written = load.runPacedTransfers(std::max(1, rate / 4), seconds);
    });
    waitUntil([&] { return writerOpen.load(); }, 600000);
    go = true;
    QElapsedTimer tick;
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&timer, &QTimer::timeout, [&] {
        stallsNs.append(std::max<qint64>(0, tick.nsecsElapsed() - qint64(tickMs) * 1000000));
        tick.restart();
    });
    tick.start();
    timer.start(tickMs);
    const qint64 eventsBefore = accounts.shownMark().logged;
    waitUntil([&] { return false; }, int(seconds * 1000) + 500);
    timer.stop();
    writer.join();
    // The table catches up with the last writes.
    waitUntil([&] { return false; }, 500);
    const bench::LatencySummary stalls = bench::summarize(stallsNs, seconds);

    // 3. Time travel as the auditor sees it: from a click to the accounts shown (the ledger
    // thread's work, the model update and the sorted view's re-sort on the UI thread).
    ui::TimeTravelView *travel = window.timeTravel();
    QElapsedTimer travelClock;
    travelClock.start();
    qint64 arrivedNs = -1;
    QObject::connect(travel, &ui::TimeTravelView::arrived,
                     [&] { arrivedNs = travelClock.nsecsElapsed(); });
    window.tabs()->setCurrentWidget(travel);
    // A job of the ledger's thread (what a command is) given while the tab reads its timeline:
    // how long it waits behind that read.
    std::atomic<qint64> jobWaitNs{-1}; // written on the ledger's thread
    QElapsedTimer jobClock;
    jobClock.start();
    client.run(&window,
               [&jobWaitNs, &jobClock](ui::LedgerWork &) -> ui::LedgerClient::Continuation {
                   jobWaitNs = jobClock.nsecsElapsed();
                   return {};
               });
    const bool travelOpened = waitUntil([&] { return arrivedNs >= 0; }, 600000);
    const qint64 openedNs = arrivedNs;
    QList<qint64> travelNs;
    QRandomGenerator travelRandom(pairSeed + 2);
    const int travelPoints = travelOpened ? std::min(asOfSamples, 40) : 0;
    for (int i = 0; i < travelPoints; ++i) {
        const qint64 last = travel->lastPosition();
        const qint64 point = i % 4 == 3 ? std::max<qint64>(0, travel->position() - 1)
                                        : travelRandom.bounded(last) + 1;
        arrivedNs = -1;
        travelClock.restart();
        travel->travelTo(point);
        if (!waitUntil([&] { return arrivedNs >= 0; }, 60000))
            break;
        travelNs.append(arrivedNs);
    }
    const bench::LatencySummary travels = bench::summarize(travelNs, 1);

    std::printf("\nBilling Desk on %s\n", qPrintable(QDir::toNativeSeparators(path)));
    std::printf("  first painted window          %.0f ms   (target <= 1500 ms)\n",
                static_cast<double>(paints.firstPaintNs) / 1e6);
    std::printf("  first rows painted            %.0f ms%s\n",
                static_cast<double>(paints.rowsPaintNs) / 1e6, painted ? "" : " (timed out)");
    std::printf("  commands ready (state open)   %.0f ms%s\n", static_cast<double>(readyNs) / 1e6,
                ready ? "" : " (timed out)");
    std::printf("  UI stall while %d events/s arrive for %.0f s: p50 %.2f ms, p99 %.2f ms, max "
                "%.2f ms   (target p99 <= 50 ms)\n",
                rate, seconds, stalls.p50Ms, stalls.p99Ms, stalls.maxMs);
    std::printf("  events written meanwhile      %lld (table followed from position %lld to "
                "%lld)\n",
                static_cast<long long>(written.ok() ? written.value() * 4 : -1),
                static_cast<long long>(eventsBefore),
                static_cast<long long>(accounts.shownMark().logged));
    std::printf("  time travel tab first shown   %.0f ms%s (the account timeline read, or loaded "
                "from the cache folder)\n",
                static_cast<double>(openedNs) / 1e6, travelOpened ? "" : " (timed out)");
    std::printf("  a ledger job meanwhile        waited %.1f ms for the ledger's thread\n",
                static_cast<double>(jobWaitNs.load()) / 1e6);
    std::printf(
        "  time travel, click to shown   p50 %.1f ms, p99 %.1f ms, max %.1f ms (%lld points "
        "and steps)   (target <= 200 ms)\n",
        travels.p50Ms, travels.p99Ms, travels.maxMs, static_cast<long long>(travelNs.size()));
    if (!written.ok())
        say(written.error().message);
    return painted && ready && written.ok() ? 0 : 1;
}
