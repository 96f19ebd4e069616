#include "CliOutput.h"
#include "Subcommands.h"

#include "domain/ReasonCode.h"
#include "infrastructure/DistributedStorage.h"
#include "infrastructure/ServeRole.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

namespace billing::cli {
namespace {

std::atomic<bool> stopRequested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

extern "C" void requestStop(int)
{
    stopRequested.store(true);
}

// How long a stop may take: the holder aborts or finishes its batch and leaves the group in a
// second or two. librdkafka 2.0.2 waits without end for an answer about a partition whose
// broker is gone (rd_kafka_query_watermark_offsets, fixed in 2.3.0), so a serve told to stop
// while Kafka is down would never end.
constexpr int stopGraceMs = 15000;

std::timed_mutex printing;

// One report line; the caller holds `printing`.
void writeLine(const QJsonObject &object)
{
    std::fputs(QJsonDocument(object).toJson(QJsonDocument::Compact).append('\n').constData(),
               stdout);
    std::fflush(stdout);
}

void printLine(const QJsonObject &object)
{
    const std::lock_guard lock(printing);
    writeLine(object);
}

// Ends the process once a stop has waited stopGraceMs, closing the storage included. Leaving
// without closing is what a crash does, which every part is built to survive: the broker aborts
// a transaction left open (the next holder fences it at once), and PostgreSQL rolls back a
// projection batch. Started once and never joined: a serve that ends in time exits over it.
void startStopDeadline()
{
    std::thread([] {
        // A signal handler cannot notify: the stop flag is looked at ten times a second.
        while (!stopRequested.load())
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        std::this_thread::sleep_for(std::chrono::milliseconds(stopGraceMs));
        // Exits holding the lock, so that no line comes after this one; a stdout nobody reads
        // (a full pipe) does not hold the exit back.
        if (printing.try_lock_for(std::chrono::seconds(1)))
            writeLine({{QStringLiteral("stopped"), true},
                       {QStringLiteral("forced"), true},
                       {QStringLiteral("reason"),
                        QStringLiteral("still waiting for Kafka or PostgreSQL %1 s after the "
                                       "stop; left without closing, as after a crash")
                            .arg(stopGraceMs / 1000)}});
        std::_Exit(exitInfrastructure);
    }).detach();
}

} // namespace

int runServe(CliContext &context, const CliArguments &arguments)
{
    if (Status allowed = arguments.allowOnly({}, 1); !allowed.ok())
        return printError(allowed.error());
    auto *distributed = dynamic_cast<DistributedStorage *>(&context.storage());
    if (!distributed)
        return printError({reason::invalidArgument,
                           QStringLiteral("serve needs the distributed store: --store "
                                          "kafka:HOST:PORT --projections postgresql://..."),
                           QStringLiteral("store")});
    struct sigaction action = {};
    action.sa_handler = requestStop;
    sigemptyset(&action.sa_mask);
    for (const int signal : {SIGTERM, SIGINT})
        sigaction(signal, &action, nullptr);

    // One JSON line per change of role, for operators and for the fail-over tests.
    startStopDeadline();
    const qint64 decided =
        holdServeRole(*distributed, stopRequested, printLine, snapshotEveryEvents());
    printLine({{QStringLiteral("stopped"), true}, {QStringLiteral("commandsDecided"), decided}});
    return exitOk;
}

} // namespace billing::cli
