#pragma once

#include "EventStore.h"
#include "domain/Account.h"

#include <QHash>
#include <QList>

#include <functional>
#include <vector>

namespace billing {

// What never changes about an account once it is opened.
struct AccountFacts
{
    QString id;
    QString ownerId;
    QString currency;
    AccountType type = AccountType::User;
    qint64 openedAt = 0; // position of its AccountCreated
};

// Every account as it stood at one position of the log: read-only, for time travel.
class AccountsAsOf
{
public:
    qint64 position() const { return m_position; }
    // Accounts opened at or before position(), in the order they were opened.
    qsizetype size() const { return qsizetype(m_balances.size()); }
    // Every account the timeline knew of when this point was taken, also those opened after it:
    // facts(row) holds for rows below knownCount().
    qsizetype knownCount() const { return m_facts.size(); }
    const AccountFacts &facts(qsizetype row) const { return m_facts.at(row); }
    const Money &balance(qsizetype row) const { return m_balances[size_t(row)]; }
    AccountStatus status(qsizetype row) const { return m_statuses[size_t(row)]; }
    // The account's row, or -1 when it was not opened by position().
    qsizetype rowOf(const QString &accountId) const
    {
        const qsizetype row = m_rows.value(accountId, -1);
        return row < size() ? row : -1;
    }
    // Σ balances per currency.
    QHash<QString, Money> totals() const;

private:
    friend class AccountTimeline;
    qint64 m_position = 0;
    QString m_lastHash;
    QList<AccountFacts> m_facts;   // shares the timeline's list; may hold accounts opened later
    QHash<QString, qint32> m_rows; // likewise
    std::vector<Money> m_balances;
    std::vector<AccountStatus> m_statuses;
};

// The balance and status of every account at every position, so that time travel can show any
// point at once instead of folding the log up to it. Each event that changes an account leaves
// one compact step (the account's balance and status after it, and its previous step); every
// `checkpointEvery` events a checkpoint keeps each account's latest step. A point is then the
// nearest checkpoint, walked forward or back over at most half that many events.
//
// Checkpoints are a cache of the steps, and the steps a cache of the log: the log alone decides.
class AccountTimeline
{
public:
    static constexpr qint64 defaultCheckpointEvery = 20000;

    explicit AccountTimeline(qint64 checkpointEvery = defaultCheckpointEvery);

    // The next event of the log, in order (position() + 1), in any schema version.
    void apply(const EventEnvelope &event);
    // Reads and applies every event after position(); `keepGoing` is asked between chunks and
    // may stop it early (the timeline is then whole up to its position, only older). An event
    // that breaks a ledger rule fails it with LEDGER_TAMPERED (see foldAudited); the timeline
    // is then to be thrown away.
    Status catchUp(EventStore &store, const std::function<bool()> &keepGoing = {});

    qint64 position() const { return m_position; }
    // The hash of the event at position(): a saved timeline is used only while it matches.
    const QString &lastHash() const { return m_lastHash; }
    qint64 checkpointEvery() const { return m_checkpointEvery; }
    qsizetype checkpointCount() const { return qsizetype(m_checkpoints.size()); }
    qsizetype accountCount() const { return m_facts.size(); }
    // Row of an account in every AccountsAsOf, or -1 when it was never opened.
    qsizetype rowOf(const QString &accountId) const { return m_rows.value(accountId, -1); }

    // The accounts at `position` (0 … position()). With `useCheckpoints` false every point is
    // walked from the start: the figure a benchmark compares against.
    AccountsAsOf at(qint64 position, bool useCheckpoints = true) const;

private:
    friend class AccountTimelineCodec;
    struct Step
    {
        qint64 position;
        Money balance;
        qint32 account;
        qint32 previous; // the account's step before this one, -1 when it was just opened
        AccountStatus status;
    };
    // For every account opened by then, the index of its latest step.
    using Heads = std::vector<qint32>;

    void addStep(qint32 account, const Money &balance, AccountStatus status);
    // Index of the first step after `position`.
    size_t firstStepAfter(qint64 position) const;
    // Checkpoints due up to and including `position`, from the heads as they stand.
    void checkpointUpTo(qint64 position);

    qint64 m_checkpointEvery;
    qint64 m_position = 0;
    qint64 m_applying = 0; // the event apply() last began on
    QString m_lastHash;
    QList<AccountFacts> m_facts;
    QHash<QString, qint32> m_rows;
    std::vector<Step> m_steps;
    Heads m_heads;
    std::vector<Heads> m_checkpoints; // m_checkpoints[k] is the heads at (k + 1) * every
};

} // namespace billing
