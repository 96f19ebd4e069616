#pragma once

#include "Command.h"
#include "Decision.h"
#include "domain/LedgerState.h"

namespace billing {

// The one place where the ledger decides. A pure function of the state (a fold over the ordered
// log) and one command: the same log and command give the same events on every desk, in both
// storage modes.
Decision decide(const LedgerState &state, const Command &command);

// The free text a command carries (ids, keys, owner, operator, reference) ends up in index
// entries and records of bounded size: PostgreSQL refuses a B-tree entry over 2,704 bytes and
// any text holding U+0000, and a Kafka record over 1 MB. decide() refuses such text first, so
// that both modes answer it alike; a client of the distributed mode asks here before it sends.
std::optional<Error> checkCommandText(const Command &command);
inline constexpr qsizetype idMax = 64; // PostgreSQL's id columns are VARCHAR(64)
inline constexpr qsizetype commandTextMax = 255;
inline constexpr qsizetype referenceMax = 1024;

} // namespace billing
