#include "Replay.h"

#include "domain/LedgerState.h"

namespace billing {
namespace {

constexpr int chunk = 10000;

Result<LedgerState> replayWhile(EventStore &store,
                                const std::function<bool(const EventEnvelope &)> &include,
                                LedgerState state = LedgerState())
{
    const Status folded = foldAudited(state, [&]() -> Status {
        for (;;) {
            const Result<QList<EventEnvelope>> events = store.read(state.position(), chunk);
            if (!events.ok())
                return events.error();
            for (const EventEnvelope &event : events.value()) {
                if (!include(event))
                    return Done{};
                state.apply(event);
            }
            if (events.value().size() < chunk)
                return Done{};
        }
    });
    if (!folded.ok())
        return folded.error();
    return state;
}

} // namespace

Result<LedgerState> replayTo(EventStore &store, qint64 upToPosition, SnapshotStore *snapshots)
{
    LedgerState start;
    if (snapshots) {
        Result<std::optional<LedgerState>> loaded = snapshots->load(upToPosition);
        if (!loaded.ok())
            return loaded.error();
        if (loaded.value())
            start = std::move(*loaded.value());
    }
    if (Status folded = foldAudited(store, start, upToPosition); !folded.ok())
        return folded.error();
    return start;
}

Result<LedgerState> replayAsOf(EventStore &store, qint64 asOfMs)
{
    return replayWhile(
        store, [asOfMs](const EventEnvelope &event) { return event.timestampMs <= asOfMs; });
}

} // namespace billing
