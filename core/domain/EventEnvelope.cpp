#include "EventEnvelope.h"

namespace billing {

AggregateKind EventEnvelope::aggregateKind() const
{
    return eventType.startsWith(u"Account") || eventType == event::balanceChanged
               ? AggregateKind::Account
               : AggregateKind::Transaction;
}

} // namespace billing
