#include "AccountTimeline.h"

#include "domain/EventUpcaster.h"
#include "domain/Invariant.h"
#include "domain/LedgerState.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

namespace billing {
namespace {

// Small reads keep the decoded events in cache and the allocator's free lists short.
constexpr int readChunk = 1000;

} // namespace

QHash<QString, Money> AccountsAsOf::totals() const
{
    QHash<QString, Money> sums;
    for (qsizetype row = 0; row < size(); ++row) {
        Money &sum = sums[facts(row).currency];
        const Result<Money> added = sum.plus(balance(row));
        BILLING_ASSERT(added.ok());
        sum = added.value();
    }
    return sums;
}

AccountTimeline::AccountTimeline(qint64 checkpointEvery)
    : m_checkpointEvery(checkpointEvery)
{
    BILLING_ASSERT(checkpointEvery > 0);
}

void AccountTimeline::addStep(qint32 account, const Money &balance, AccountStatus status)
{
    BILLING_ASSERT(m_steps.size() < size_t(std::numeric_limits<qint32>::max()));
    m_steps.push_back({m_position, balance, account, m_heads[size_t(account)], status});
    m_heads[size_t(account)] = qint32(m_steps.size() - 1);
}

void AccountTimeline::apply(const EventEnvelope &stored)
{
    m_applying = stored.position;
    BILLING_ASSERT(stored.position == m_position + 1);
    // Old events are read in the current schema; the common case costs no copy.
    if (!EventUpcaster::isCurrent(stored)) {
        apply(EventUpcaster::toCurrent(stored));
        return;
    }
    const EventEnvelope &event = stored;
    m_position = event.position;
    m_lastHash = event.hash;
    if (event.aggregateKind() == AggregateKind::Account) {
        if (event.eventType == event::accountCreated) {
            BILLING_ASSERT(!m_rows.contains(event.aggregateId));
            const auto type = accountTypeFromString(event.data.value(u"type").toString());
            BILLING_ASSERT(type.has_value());
            const auto row = qint32(m_facts.size());
            m_facts.append({event.aggregateId, event.data.value(u"ownerId").toString(),
                            event.data.value(u"currency").toString(), *type, m_position});
            m_rows.insert(event.aggregateId, row);
            m_heads.push_back(-1);
            addStep(row, Money(), AccountStatus::Active);
        } else if (event.eventType == event::balanceChanged ||
                   event.eventType == event::accountStatusChanged) {
            const qint32 row = m_rows.value(event.aggregateId, -1);
            BILLING_ASSERT(row >= 0);
            const Step &last = m_steps[size_t(m_heads[size_t(row)])];
            if (event.eventType == event::balanceChanged) {
                // The fold has checked balanceBefore/After against each other; this only keeps
                // the result, but a step that disagrees with the one before is still corruption.
                BILLING_ASSERT(moneyField(event.data, u"balanceBefore") == last.balance);
                addStep(row, moneyField(event.data, u"balanceAfter"), last.status);
            } else {
                const auto status = accountStatusFromString(event.data.value(u"to").toString());
                BILLING_ASSERT(status.has_value());
                addStep(row, last.balance, *status);
            }
        }
    }
    checkpointUpTo(m_position);
}

void AccountTimeline::checkpointUpTo(qint64 position)
{
    while (qint64(m_checkpoints.size() + 1) * m_checkpointEvery <= position)
        m_checkpoints.push_back(m_heads);
}

Status AccountTimeline::catchUp(EventStore &store, const std::function<bool()> &keepGoing)
{
    const Result<qint64> last = store.lastPosition();
    if (!last.ok())
        return last.error();
    const auto read = [&]() -> Status {
        while (m_position < last.value() && (!keepGoing || keepGoing())) {
            const Result<QList<EventEnvelope>> events = store.read(m_position, readChunk);
            if (!events.ok())
                return events.error();
            if (events.value().isEmpty())
                break;
            for (const EventEnvelope &event : events.value())
                apply(event);
        }
        return Done{};
    };
    return foldAudited(read, [this] { return m_applying; });
}

size_t AccountTimeline::firstStepAfter(qint64 position) const
{
    return size_t(std::upper_bound(m_steps.begin(), m_steps.end(), position,
                                   [](qint64 p, const Step &step) { return p < step.position; }) -
                  m_steps.begin());
}

AccountsAsOf AccountTimeline::at(qint64 position, bool useCheckpoints) const
{
    BILLING_ASSERT(position >= 0 && position <= m_position);
    // Start from the checkpoint (or the start, or now) nearest to the point.
    qint64 from = 0;
    const Heads *start = nullptr;
    static const Heads none;
    if (useCheckpoints) {
        const qint64 below = position / m_checkpointEvery;
        const qint64 above = below + 1;
        const bool aboveExists =
            above * m_checkpointEvery <= m_position && above <= qint64(m_checkpoints.size());
        if (aboveExists &&
            above * m_checkpointEvery - position < position - below * m_checkpointEvery) {
            from = above * m_checkpointEvery;
            start = &m_checkpoints[size_t(above - 1)];
        } else if (below > 0) {
            from = below * m_checkpointEvery;
            start = &m_checkpoints[size_t(below - 1)];
        }
        if (m_position - position < std::abs(position - from)) {
            from = m_position;
            start = &m_heads;
        }
    }
    Heads heads = start ? *start : none;
    if (from <= position) {
        // Forward: each step after `from` up to the point becomes its account's head.
        const size_t end = firstStepAfter(position);
        for (size_t i = firstStepAfter(from); i < end; ++i) {
            const Step &step = m_steps[i];
            if (size_t(step.account) >= heads.size())
                heads.resize(size_t(step.account) + 1, -1);
            heads[size_t(step.account)] = qint32(i);
        }
    } else {
        // Back: undo each step after the point, newest first.
        const size_t begin = firstStepAfter(position);
        for (size_t i = firstStepAfter(from); i-- > begin;)
            heads[size_t(m_steps[i].account)] = m_steps[i].previous;
    }
    // Accounts are rows in the order they were opened: those opened after the point drop off.
    qsizetype count = qsizetype(heads.size());
    while (count > 0 && heads[size_t(count - 1)] < 0)
        --count;

    AccountsAsOf view;
    view.m_position = position;
    view.m_facts = m_facts;
    view.m_rows = m_rows;
    view.m_balances.reserve(size_t(count));
    view.m_statuses.reserve(size_t(count));
    for (qsizetype row = 0; row < count; ++row) {
        const qint32 head = heads[size_t(row)];
        BILLING_ASSERT(head >= 0 && m_steps[size_t(head)].account == row);
        view.m_balances.push_back(m_steps[size_t(head)].balance);
        view.m_statuses.push_back(m_steps[size_t(head)].status);
    }
    return view;
}

} // namespace billing
