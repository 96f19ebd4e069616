#pragma once

#include "Clock.h"
#include "Command.h"
#include "CommandBus.h"
#include "EventStore.h"
#include "Outcome.h"
#include "SnapshotStore.h"
#include "domain/LedgerState.h"

#include <optional>

namespace billing {

struct CommandOptions
{
    QString idempotencyKey; // empty: a new one (the command cannot be retried safely)
    QString correlationId;  // empty: a new one
    QString operatorName;
};

// The command side in-process: issues commands, decides them against the state folded from the
// log, and appends the events with the versions the decision read. When another writer got there
// first it re-reads and decides again, so callers only ever see an outcome or an I/O failure.
class LedgerService
{
public:
    LedgerService(EventStore &store, Clock &clock, IdSource &ids,
                  CurrencyCatalog currencies = CurrencyCatalog::standard());

    // Snapshots make open() fold only the events after the newest one; one is saved whenever
    // `everyEvents` more events have been folded (0: never save, only load).
    void setSnapshots(SnapshotStore *snapshots, qint64 everyEvents);
    Status open();
    // Folds what others appended. A log that breaks a ledger rule fails it with LEDGER_TAMPERED,
    // and every later call, with the state emptied.
    Status catchUp();
    // Saves a snapshot when `everyEvents` or more were folded since the last one.
    void saveSnapshotWhenDue();
    // Fills in the ids and time that make deciding the command deterministic.
    Command issue(CommandBody body, const CommandOptions &options);

    Result<Outcome> execute(const Command &command);
    // Decides the commands in order and appends all their events in one transaction; with a
    // command bus, hands them to the decision maker behind it instead and then reads its events
    // (unless it was never opened: a client that keeps no state).
    Result<QList<Outcome>> executeBatch(const QList<Command> &commands);
    // The distributed mode's decision maker; null (the default): decide here.
    void setCommandBus(CommandBus *bus) { m_bus = bus; }

    const LedgerState &state() const { return m_state; }
    EventStore &store() { return m_store; }
    // The auditor role: every command is refused here, not only in the menus.
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; }
    bool readOnly() const { return m_readOnly; }
    int conflictsResolved() const { return m_conflictsResolved; }

private:
    static constexpr int attemptsMax = 64;

    EventStore &m_store;
    Clock &m_clock;
    IdSource &m_ids;
    LedgerState m_state;

    CommandBus *m_bus = nullptr;
    SnapshotStore *m_snapshots = nullptr;
    qint64 m_snapshotEvery = 0;
    qint64 m_lastSnapshot = 0;
    bool m_opened = false;
    std::optional<Error> m_brokenLog;
    bool m_readOnly = false;
    int m_conflictsResolved = 0;
};

} // namespace billing
