#include "Replay.h"

namespace billing {
namespace {

constexpr int chunk = 10000;

Result<LedgerState> replayWhile(EventStore &store,
                                const std::function<bool(const EventEnvelope &)> &include)
{
    LedgerState state;
    for (;;) {
        const Result<QList<EventEnvelope>> events = store.read(state.position(), chunk);
        if (!events.ok())
            return events.error();
        for (const EventEnvelope &event : events.value()) {
            if (!include(event))
                return state;
            state.apply(event);
        }
        if (events.value().size() < chunk)
            return state;
    }
}

} // namespace

Result<LedgerState> replayTo(EventStore &store, qint64 upToPosition)
{
    return replayWhile(store, [upToPosition](const EventEnvelope &event) {
        return upToPosition <= 0 || event.position <= upToPosition;
    });
}

Result<LedgerState> replayAsOf(EventStore &store, qint64 asOfMs)
{
    return replayWhile(
        store, [asOfMs](const EventEnvelope &event) { return event.timestampMs <= asOfMs; });
}

} // namespace billing
