#include "CliOutput.h"
#include "Subcommands.h"

#include "domain/ReasonCode.h"
#include "infrastructure/DistributedStorage.h"
#include "infrastructure/ServeRole.h"

#include <QJsonDocument>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace billing::cli {
namespace {

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
    const qint64 decided =
        holdServeRole(*distributed, stopRequested, printLine, snapshotEveryEvents());
    printLine({{QStringLiteral("stopped"), true}, {QStringLiteral("commandsDecided"), decided}});
    return exitOk;
}

} // namespace billing::cli
