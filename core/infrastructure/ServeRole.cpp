#include "ServeRole.h"

#include "KafkaCommandServer.h"

#include <QElapsedTimer>

namespace billing {
namespace {

// A few seconds at most: the holder must poll again before max.poll.interval.ms (10 s).
constexpr qint64 projectionBudgetMs = 2000;

} // namespace

qint64 holdServeRole(DistributedStorage &storage, const std::atomic<bool> &stop,
                     std::function<void(const QJsonObject &)> report)
{
    KafkaCommandServer server(storage.kafka(), DistributedStorage::writerId(storage.kafka()));
    server.setReportHook(std::move(report));
    server.setAfterCommitHook([&storage] {
        // A larger backlog is finished by the next calls; left behind, the projections are
        // behind, never wrong.
        QElapsedTimer spent;
        spent.start();
        const Result<qint64> done = storage.catchUpProjections(
            [&spent](qint64) { return spent.elapsed() < projectionBudgetMs; });
        if (!done.ok())
            qWarning("Projections are behind the log: %s", qPrintable(done.error().message));
    });
    server.run(stop);
    return server.commandsDecided();
}

} // namespace billing
