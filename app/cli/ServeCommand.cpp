#include "CliOutput.h"
#include "Subcommands.h"

#include "domain/ReasonCode.h"
#include "infrastructure/DistributedStorage.h"
#include "infrastructure/KafkaCommandServer.h"

#include <QElapsedTimer>
#include <QJsonDocument>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace billing::cli {
namespace {

constexpr qint64 projectionBudgetMs = 2000;
std::atomic<bool> stopRequested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

extern "C" void requestStop(int)
{
    stopRequested.store(true);
}

void printLine(const QJsonObject &object)
{
    std::fputs(QJsonDocument(object).toJson(QJsonDocument::Compact).append('\n').constData(),
               stdout);
    std::fflush(stdout);
}

} // namespace

int runServe(CliContext &context, const CliArguments &arguments)
{
    if (Status allowed = arguments.allowOnly({}); !allowed.ok())
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

    KafkaCommandServer server(distributed->kafka(),
                              DistributedStorage::writerId(distributed->kafka()));
    // One JSON line per change of role, for operators and for the fail-over tests.
    server.setReportHook(printLine);
    server.setAfterCommitHook([distributed] {
        // A few seconds at most: the holder must poll again before max.poll.interval.ms. A
        // larger backlog is finished by the next calls; left behind, the projections are
        // behind, never wrong.
        QElapsedTimer spent;
        spent.start();
        const Result<qint64> done = distributed->catchUpProjections(
            [&spent](qint64) { return spent.elapsed() < projectionBudgetMs; });
        if (!done.ok())
            qWarning("Projections are behind the log: %s", qPrintable(done.error().message));
    });
    server.run(stopRequested);
    printLine({{QStringLiteral("stopped"), true},
               {QStringLiteral("commandsDecided"), server.commandsDecided()}});
    return exitOk;
}

} // namespace billing::cli
