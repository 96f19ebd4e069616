#include "EventStore.h"

#include "domain/LedgerState.h"

namespace billing {
namespace {

constexpr int chunk = 10000;

} // namespace

Status EventStore::foldInto(LedgerState &state, qint64 upToPosition)
{
    for (;;) {
        const Result<QList<EventEnvelope>> events = read(state.position(), chunk);
        if (!events.ok())
            return events.error();
        for (const EventEnvelope &event : events.value()) {
            if (upToPosition > 0 && event.position > upToPosition)
                return Done{};
            state.apply(event);
        }
        if (events.value().size() < chunk)
            return Done{};
    }
}

} // namespace billing
