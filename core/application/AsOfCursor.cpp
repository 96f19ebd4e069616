#include "AsOfCursor.h"

#include "domain/LedgerState.h"

namespace billing {

AsOfCursor::AsOfCursor(EventStore &store, SnapshotStore *snapshots)
    : m_store(store)
    , m_snapshots(snapshots)
{}

Status AsOfCursor::foldTo(LedgerState &state, qint64 position)
{
    BILLING_ASSERT(state.position() <= position);
    if (state.position() == position)
        return Done{};
    if (Status folded = foldAudited(m_store, state, position); !folded.ok())
        return folded;
    if (state.position() < position)
        return Error{QStringLiteral("POSITION_OUT_OF_RANGE"),
                     QStringLiteral("the log ends at %1").arg(state.position()),
                     QStringLiteral("position")};
    BILLING_ASSERT(state.position() == position);
    return Done{};
}

Result<const LedgerState *> AsOfCursor::moveTo(qint64 position)
{
    BILLING_ASSERT(position >= 0);
    if (m_current && m_current->position() == position)
        return &*m_current;
    const bool forward = m_current && m_current->position() < position;
    if (!forward) {
        const bool baseFits = m_base && m_base->position() <= position &&
                              position - m_base->position() <= 2 * backWindow;
        if (!baseFits) {
            // A new base a window before the point: steps back from here stay cheap.
            const qint64 basePosition = std::max<qint64>(0, position - backWindow);
            m_base.reset();
            if (m_snapshots && basePosition > 0) {
                Result<std::optional<LedgerState>> loaded = m_snapshots->load(basePosition);
                if (!loaded.ok())
                    return loaded.error();
                if (loaded.value())
                    m_base = std::move(*loaded.value());
            }
            if (!m_base)
                m_base.emplace();
            if (Status folded = foldTo(*m_base, basePosition); !folded.ok()) {
                m_base.reset();
                return folded.error();
            }
        }
        // A copy shares the base's tables until the fold changes them.
        m_current = *m_base;
    }
    if (Status folded = foldTo(*m_current, position); !folded.ok()) {
        m_current.reset();
        return folded.error();
    }
    return &*m_current;
}

void AsOfCursor::adopt(const LedgerState &state)
{
    m_current = state;
}

Result<std::optional<EventEnvelope>> AsOfCursor::nextEvent()
{
    const qint64 at = m_current ? m_current->position() : 0;
    const Result<QList<EventEnvelope>> next = m_store.read(at, 1);
    if (!next.ok())
        return next.error();
    if (next.value().isEmpty())
        return std::optional<EventEnvelope>();
    return std::optional<EventEnvelope>(next.value().first());
}

Result<qint64> AsOfCursor::positionAt(qint64 ms)
{
    const Result<qint64> last = m_store.lastPosition();
    if (!last.ok())
        return last.error();
    // The answer lies in [low, high]: low's event is at or before `ms` (or low is 0).
    qint64 low = 0;
    qint64 high = last.value();
    while (low < high) {
        const qint64 middle = low + (high - low + 1) / 2;
        const Result<QList<EventEnvelope>> event = m_store.read(middle - 1, 1);
        if (!event.ok())
            return event.error();
        BILLING_ASSERT(!event.value().isEmpty());
        if (event.value().first().timestampMs <= ms)
            low = middle;
        else
            high = middle - 1;
    }
    return low;
}

} // namespace billing
