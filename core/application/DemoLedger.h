#pragma once

#include "LedgerService.h"

#include <functional>

namespace billing {

// A small, believable ledger for a first run: a few owners with USER accounts in three
// currencies, a bank (EXTERNAL) and a shop (SYSTEM) per currency, and a few hundred top-ups,
// transfers, payments, refunds and withdrawals, some of which the rules refuse. The choices
// come from a fixed seed, so every new desk gets the same story.
class DemoLedger
{
public:
    static constexpr int moneyCommands = 320;
    static constexpr int batchCommands = 40;

    // `progress(done, total)` runs after every batch and may return false to stop there; what
    // was written stays written. Fails when the ledger already holds events.
    static Result<int> seed(LedgerService &service, const QString &operatorName,
                            const std::function<bool(int, int)> &progress = {});
};

} // namespace billing
