#pragma once

#include "AsOfCursor.h"

namespace billing {

// One booking on an account within a period.
struct PeriodLine
{
    qint64 position = 0;
    qint64 timeMs = 0;
    QString transactionId;
    QString type;
    Money amount;
    Money balanceAfter;
};

// An account's statement for a period, from the log itself: the balance before the period
// opens, every booking in it, and the balance after it closes.
struct PeriodStatement
{
    QString accountId;
    QString ownerId;
    QString currency;
    int decimals = 2;
    qint64 fromMs = 0;
    qint64 toMs = 0;
    Money opening;
    Money closing;
    QList<PeriodLine> lines;
};

// The period is [fromMs, toMs]. Asserts that opening + Σ lines = closing.
Result<PeriodStatement> periodStatement(AsOfCursor &cursor, EventStore &store,
                                        const QString &accountId, qint64 fromMs, qint64 toMs);

} // namespace billing
