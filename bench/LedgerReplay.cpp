#include "LedgerReplay.h"

#include "Stats.h"
#include "application/Clock.h"
#include "application/LedgerService.h"
#include "application/Replay.h"
#include "domain/ReasonCode.h"
#include "infrastructure/EmbeddedStorage.h"

#include <QElapsedTimer>

namespace billing::bench {
namespace {

constexpr double nsPerSecond = 1e9;
constexpr double nsPerMs = 1e6;

} // namespace

Result<ReplayFigures> timeReplay(const QString &path, MemoryWatch &memory)
{
    Result<std::unique_ptr<EmbeddedStorage>> storage = EmbeddedStorage::open(path);
    if (!storage.ok())
        return storage.error();
    QElapsedTimer timer;
    timer.start();
    const Result<LedgerState> state = replayTo(storage.value()->events(), 0);
    const double seconds = static_cast<double>(timer.nsecsElapsed()) / nsPerSecond;
    memory.sample();
    if (!state.ok())
        return state.error();
    if (!state.value().balanced())
        return Error{
            reason::storageFailure, QStringLiteral("the replayed books do not balance"), {}};
    ReplayFigures figures;
    figures.events = state.value().position();
    figures.accounts = state.value().accounts().size();
    figures.seconds = seconds;
    figures.eventsPerSecond = perSecond(figures.events, seconds);
    return figures;
}

Result<OpenFigures> timeFreshOpen(const QString &path, MemoryWatch &memory)
{
    OpenFigures figures;
    QElapsedTimer timer;
    timer.start();
    Result<std::unique_ptr<EmbeddedStorage>> storage = EmbeddedStorage::open(path);
    figures.storageOpenMs = static_cast<double>(timer.nsecsElapsed()) / nsPerMs;
    if (!storage.ok())
        return storage.error();
    SystemClock clock;
    TimeOrderedIds ids;
    LedgerService service(storage.value()->events(), clock, ids);
    timer.start();
    const Status opened = service.open();
    figures.serviceOpenMs = static_cast<double>(timer.nsecsElapsed()) / nsPerMs;
    if (!opened.ok())
        return opened.error();
    figures.events = service.state().position();
    figures.residentKiB = memory.sample().residentKiB;

    SnapshotStore &snapshots = *storage.value()->snapshots();
    timer.start();
    if (Status saved = snapshots.save(service.state()); !saved.ok())
        return saved.error();
    figures.snapshotSaveMs = static_cast<double>(timer.nsecsElapsed()) / nsPerMs;
    LedgerService fromSnapshot(storage.value()->events(), clock, ids);
    fromSnapshot.setSnapshots(&snapshots, 0);
    timer.start();
    if (Status reopened = fromSnapshot.open(); !reopened.ok())
        return reopened.error();
    figures.snapshotOpenMs = static_cast<double>(timer.nsecsElapsed()) / nsPerMs;
    return figures;
}

} // namespace billing::bench
