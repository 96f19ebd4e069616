#include "CommandPreview.h"

#include "Decider.h"

#include <algorithm>

namespace billing {

CommandPreview preview(const LedgerState &state, const Command &command)
{
    const Decision decision = decide(state, command);
    CommandPreview result;
    result.outcome = decision.outcome;
    for (const EventEnvelope &event : decision.events) {
        if (event.eventType == event::accountStatusChanged) {
            result.statusFrom = event.data.value(QStringLiteral("from")).toString();
            result.statusTo = event.data.value(QStringLiteral("to")).toString();
            continue;
        }
        if (event.eventType != event::balanceChanged)
            continue;
        PreviewLeg leg;
        leg.accountId = event.aggregateId;
        const Account *account = state.account(leg.accountId);
        BILLING_ASSERT(account);
        leg.ownerId = account->ownerId;
        leg.currency = event.data.value(QStringLiteral("currency")).toString();
        const Result<Currency> currency = state.currencies().find(leg.currency);
        BILLING_ASSERT(currency.ok());
        leg.decimals = currency.value().decimals;
        leg.amount = moneyField(event.data, u"amount");
        leg.balanceBefore = moneyField(event.data, u"balanceBefore");
        leg.balanceAfter = moneyField(event.data, u"balanceAfter");
        result.legs.append(leg);
    }
    // Debit before credit, whatever order the decider wrote them in.
    std::stable_sort(result.legs.begin(), result.legs.end(),
                     [](const PreviewLeg &a, const PreviewLeg &b) {
                         return a.amount.isNegative() && !b.amount.isNegative();
                     });
    return result;
}

} // namespace billing
