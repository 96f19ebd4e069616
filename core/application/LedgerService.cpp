#include "LedgerService.h"

#include "Decider.h"
#include "Overloaded.h"
#include "domain/ReasonCode.h"

namespace billing {

LedgerService::LedgerService(EventStore &store, Clock &clock, IdSource &ids,
                             CurrencyCatalog currencies)
    : m_store(store)
    , m_clock(clock)
    , m_ids(ids)
    , m_state(std::move(currencies))
{}

void LedgerService::setSnapshots(SnapshotStore *snapshots, qint64 everyEvents)
{
    BILLING_ASSERT(everyEvents >= 0);
    m_snapshots = snapshots;
    m_snapshotEvery = everyEvents;
}

Status LedgerService::open()
{
    BILLING_ASSERT(m_state.position() == 0);
    if (m_snapshots) {
        Result<std::optional<LedgerState>> loaded = m_snapshots->load(0);
        if (!loaded.ok())
            return loaded.error();
        if (loaded.value()) {
            m_state = std::move(*loaded.value());
            m_lastSnapshot = m_state.position();
        }
    }
    m_opened = true;
    return catchUp();
}

void LedgerService::saveSnapshotWhenDue()
{
    if (!m_snapshots || m_snapshotEvery <= 0 ||
        m_state.position() - m_lastSnapshot < m_snapshotEvery)
        return;
    // A snapshot is only a cache: failing to save one costs speed, never correctness.
    if (Status saved = m_snapshots->save(m_state); !saved.ok())
        qWarning("Snapshot not saved: %s", qPrintable(saved.error().message));
    m_lastSnapshot = m_state.position();
}

Status LedgerService::catchUp()
{
    if (m_brokenLog)
        return *m_brokenLog;
    Status folded = foldAudited(m_store, m_state);
    // On a log that breaks the rules nothing is decided any more, and the half-folded state
    // gives way to an empty one, so that no reader sees balances that never were.
    if (!folded.ok() && folded.error().code == reason::ledgerTampered) {
        m_brokenLog = folded.error();
        m_state = LedgerState(m_state.currencies());
    }
    return folded;
}

Command LedgerService::issue(CommandBody body, const CommandOptions &options)
{
    Command command;
    command.meta.commandId = m_ids.newId();
    command.meta.idempotencyKey =
        options.idempotencyKey.isEmpty() ? m_ids.newId() : options.idempotencyKey;
    command.meta.correlationId =
        options.correlationId.isEmpty() ? m_ids.newId() : options.correlationId;
    command.meta.operatorName =
        options.operatorName.isEmpty() ? QStringLiteral("unknown") : options.operatorName;
    command.meta.issuedAtMs = m_clock.nowMs();
    std::visit(Overloaded{
                   [&](CreateAccount &c) {
                       if (c.accountId.isEmpty())
                           c.accountId = m_ids.newId();
                   },
                   [](ChangeAccountStatus &) {},
                   [](ChangeAccountLimits &) {},
                   [&](MoveMoney &c) {
                       if (c.transactionId.isEmpty())
                           c.transactionId = m_ids.newId();
                   },
                   [&](Refund &c) {
                       if (c.transactionId.isEmpty())
                           c.transactionId = m_ids.newId();
                   },
               },
               body);
    command.body = std::move(body);
    return command;
}

Result<Outcome> LedgerService::execute(const Command &command)
{
    const Result<QList<Outcome>> outcomes = executeBatch({command});
    if (!outcomes.ok())
        return outcomes.error();
    return outcomes.value().first();
}

Result<QList<Outcome>> LedgerService::executeBatch(const QList<Command> &commands)
{
    if (m_readOnly)
        return Error{reason::readOnly, QStringLiteral("this desk is read-only (auditor role)"), {}};
    if (m_bus) {
        // Text the log's readers cannot store is refused here, as the decider would: sent, it
        // would be too big for a record, or stop the projections that cannot hold it.
        QList<Outcome> outcomes(commands.size());
        QList<Command> sent;
        QList<qsizetype> sentAt;
        for (qsizetype i = 0; i < commands.size(); ++i) {
            if (checkCommandText(commands[i])) {
                outcomes[i] = decide(m_state, commands[i]).outcome;
            } else {
                sent.append(commands[i]);
                sentAt.append(i);
            }
        }
        if (sent.isEmpty())
            return outcomes;
        const Result<QList<Outcome>> answered = m_bus->submit(sent);
        if (!answered.ok())
            return answered.error();
        BILLING_ASSERT(answered.value().size() == sent.size());
        for (qsizetype j = 0; j < sent.size(); ++j)
            outcomes[sentAt[j]] = answered.value()[j];
        if (!m_opened)
            return outcomes;
        if (Status caughtUp = catchUp(); !caughtUp.ok())
            return caughtUp.error();
        return outcomes;
    }
    for (int attempt = 0; attempt < attemptsMax; ++attempt) {
        if (Status caughtUp = catchUp(); !caughtUp.ok())
            return caughtUp.error();
        const qint64 readPosition = m_state.position();
        QList<Outcome> outcomes;
        QList<EventEnvelope> events;
        QHash<QString, qint64> expected;
        QList<qsizetype> eventCounts;
        m_state.beginTentative();
        for (const Command &command : commands) {
            Decision decision = decide(m_state, command);
            for (const EventEnvelope &event : std::as_const(decision.events))
                m_state.apply(event);
            // The version each aggregate had in the store, before this batch touched it.
            for (auto it = decision.expectedVersions.cbegin();
                 it != decision.expectedVersions.cend(); ++it) {
                if (!expected.contains(it.key()))
                    expected.insert(it.key(), it.value());
            }
            events += decision.events;
            eventCounts.append(decision.events.size());
            outcomes.append(decision.outcome);
        }
        BILLING_ASSERT(m_state.balanced());
        if (events.isEmpty()) {
            m_state.undoTentative();
            return outcomes;
        }
        const Result<QList<EventEnvelope>> written = m_store.append(events, expected);
        if (!written.ok()) {
            m_state.undoTentative();
            if (written.error().code == reason::concurrencyConflict) {
                ++m_conflictsResolved;
                continue;
            }
            return written.error();
        }
        const QList<EventEnvelope> &appended = written.value();
        BILLING_ASSERT(appended.size() == events.size());
        if (appended.first().position == readPosition + 1) {
            m_state.confirmTentative(appended.last().position);
        } else {
            // Someone else's events landed in between: fold everything in store order.
            m_state.undoTentative();
            if (Status caughtUp = catchUp(); !caughtUp.ok())
                return caughtUp.error();
        }
        BILLING_ASSERT(m_state.position() >= appended.last().position);
        qsizetype next = 0;
        for (qsizetype i = 0; i < outcomes.size(); ++i) {
            next += eventCounts[i];
            if (eventCounts[i] > 0)
                outcomes[i].position = appended[next - 1].position;
        }
        saveSnapshotWhenDue();
        return outcomes;
    }
    return Error{reason::concurrencyConflict,
                 QStringLiteral("gave up after %1 conflicting writers").arg(attemptsMax),
                 {}};
}

} // namespace billing
