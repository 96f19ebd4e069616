#pragma once

#include "Command.h"
#include "Decision.h"
#include "domain/LedgerState.h"

namespace billing {

// The one place where the ledger decides. A pure function of the state (a fold over the ordered
// log) and one command: the same log and command give the same events on every desk, in both
// storage modes.
Decision decide(const LedgerState &state, const Command &command);

} // namespace billing
