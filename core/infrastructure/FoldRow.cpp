#include "FoldRow.h"

#include "EventCodec.h"
#include "domain/LedgerState.h"

namespace billing {

Status FoldRow::read(QByteArrayView body)
{
    m_envelope.reset();
    m_event = m_reader.read(body);
    if (m_event)
        return Done{};
    // Not the shape the ledger writes today (an older schema, say): the general way.
    Result<EventEnvelope> event = codec::fromBytes(body.toByteArray());
    if (!event.ok())
        return event.error();
    m_envelope = std::move(event.value());
    return Done{};
}

void FoldRow::applyTo(LedgerState &state) const
{
    BILLING_ASSERT((m_event != nullptr) != m_envelope.has_value());
    if (m_event)
        state.apply(*m_event);
    else
        state.apply(*m_envelope);
}

} // namespace billing
