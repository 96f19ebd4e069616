#pragma once

#include "application/LedgerStorage.h"
#include "domain/LedgerState.h"

#include <QStringList>

#include <functional>

namespace billing {

struct VerifyReport
{
    bool ok = true;
    qint64 eventsChecked = 0;
    qint64 firstBadPosition = 0; // 0 when the log is intact
    QString firstBadEventId;
    QStringList problems;
    QHash<QString, Money> totals; // Σ balances per currency from the replay
};

// The auditor's three checks: the hash chain is unbroken (nothing edited, deleted or inserted),
// the trial balance is zero per currency, and the projections equal a replay of the log.
class LedgerVerifier
{
public:
    explicit LedgerVerifier(LedgerStorage &storage);
    // `progress` gets the position checked so far and may return false to cancel.
    Result<VerifyReport> run(const std::function<bool(qint64)> &progress = {});

private:
    // Where the chain stands: the next position and the hash it continues from.
    struct Chain
    {
        qint64 expected = 1;
        QString previousHash;
    };

    Status readLog(LedgerState &state, VerifyReport &report,
                   const std::function<bool(qint64)> &progress);
    // Chains and folds one event; false (and the report says why) when it is the first bad one.
    bool checkEvent(const EventEnvelope &event, Chain &chain, LedgerState &state,
                    VerifyReport &report);
    // A read of several events failed: checks them one at a time up to the one that fails.
    void readOneByOne(Chain &chain, LedgerState &state, const Error &error, VerifyReport &report);
    void compareProjections(const LedgerState &state, VerifyReport &report);
    // The accounts and legs, row by row.
    void compareRows(const LedgerState &state, VerifyReport &report);
    void compareLegs(const LedgerState &state, VerifyReport &report);

    LedgerStorage &m_storage;
};

} // namespace billing
