#include "FoldEvent.h"

#include "Invariant.h"

namespace billing {

const QStringView *FoldEvent::find(QStringView name) const
{
    // The first character before the call that compares the rest: names of the same length
    // (sourceAccountId, idempotencyKey, ...) mostly differ there.
    for (qsizetype i = 0; i < dataCount; ++i) {
        const Field &field = data[std::size_t(i)];
        if (field.name.size() == name.size() &&
            (name.isEmpty() || field.name.front() == name.front()) && field.name == name)
            return &field.value;
    }
    return nullptr;
}

QStringView FoldEvent::value(QStringView name) const
{
    const QStringView *found = find(name);
    return found ? *found : QStringView();
}

AggregateKind FoldEvent::aggregateKind() const
{
    // The same rule as EventEnvelope::aggregateKind(), on a view.
    return startsWithText(eventType, u"Account") || eventType == event::balanceChanged
               ? AggregateKind::Account
               : AggregateKind::Transaction;
}

EnvelopeFold::EnvelopeFold(const EventEnvelope &event)
{
    BILLING_ASSERT(event.data.size() <= FoldEvent::fieldsMax);
    m_event.eventType = event.eventType;
    m_event.aggregateId = event.aggregateId;
    m_event.aggregateVersion = event.aggregateVersion;
    m_event.position = event.position;
    // Filled first and only then viewed: the arrays do not move once they are complete.
    for (auto it = event.data.constBegin(); it != event.data.constEnd(); ++it) {
        m_names.append(it.key());
        m_values.append(it.value().toString());
    }
    for (qsizetype at = 0; at < m_names.size(); ++at)
        m_event.data[std::size_t(at)] = {m_names[at], m_values[at]};
    m_event.dataCount = m_names.size();
}

} // namespace billing
