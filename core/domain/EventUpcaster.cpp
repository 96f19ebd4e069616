#include "EventUpcaster.h"

#include "Invariant.h"
#include "LedgerState.h"

namespace billing {

EventEnvelope EventUpcaster::toCurrent(EventEnvelope event)
{
    // A newer event than this build understands must not be folded as if it were known.
    BILLING_ASSERT(event.schemaVersion >= 1 && event.schemaVersion <= event::currentSchemaVersion);
    if (event.schemaVersion == 1)
        fromVersion1(event);
    BILLING_ASSERT(isCurrent(event));
    return event;
}

void EventUpcaster::fromVersion1(EventEnvelope &event)
{
    if (event.eventType == event::balanceChanged) {
        const Money amount = moneyField(event.data, u"amount");
        const Money after = moneyField(event.data, u"balanceAfter");
        const Result<Money> before = after.minus(amount);
        BILLING_ASSERT(before.ok());
        // The text keeps the decimals the event's other amounts were written with.
        const QString afterText = event.data.value(QStringLiteral("balanceAfter")).toString();
        const qsizetype point = afterText.indexOf(u'.');
        const int decimals = point < 0 ? 0 : int(afterText.size() - point - 1);
        event.data.insert(QStringLiteral("balanceBefore"), before.value().toString(decimals));
    }
    event.schemaVersion = 2;
}

} // namespace billing
