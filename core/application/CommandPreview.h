#pragma once

#include "Command.h"
#include "Outcome.h"
#include "domain/LedgerState.h"

#include <QList>

namespace billing {

// One account's side of an entry as the ledger would book it now.
struct PreviewLeg
{
    QString accountId;
    QString ownerId;
    QString currency;
    int decimals = 2;
    Money amount; // signed: negative for the debited side
    Money balanceBefore;
    Money balanceAfter;
};

// What a command would do if it were decided against the current state, without writing: the
// confirm step shows it. The real decision is taken again when the command runs, so a ledger
// that moved meanwhile changes the outcome, never the rules.
struct CommandPreview
{
    Outcome outcome;
    QList<PreviewLeg> legs; // payer first
    QString statusFrom;     // status changes only
    QString statusTo;
};

CommandPreview preview(const LedgerState &state, const Command &command);

} // namespace billing
