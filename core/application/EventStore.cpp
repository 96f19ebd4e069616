#include "EventStore.h"

#include "domain/Invariant.h"
#include "domain/LedgerState.h"
#include "domain/ReasonCode.h"

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

Status foldAudited(EventStore &store, LedgerState &state, qint64 upToPosition)
{
    return foldAudited(state, [&] { return store.foldInto(state, upToPosition); });
}

Status foldAudited(LedgerState &state, const std::function<Status()> &fold)
{
    return foldAudited(fold, [&state] { return state.applyingPosition(); });
}

Status foldAudited(const std::function<Status()> &fold, const std::function<qint64()> &applying)
{
    try {
        const InvariantAudit audit;
        return fold();
    } catch (const BrokenInvariant &broken) {
        const qint64 position = applying();
        return Error{reason::ledgerTampered,
                     QStringLiteral("the event at position %1 breaks a ledger rule (%2); "
                                    "billing-cli verify names what was altered")
                         .arg(position)
                         .arg(describe(broken)),
                     QStringLiteral("position"), position};
    }
}

} // namespace billing
