#pragma once

#include "Command.h"
#include "Outcome.h"
#include "domain/Result.h"

#include <QList>

namespace billing {

// Hands commands to the one decision maker of a shared ledger and waits for their outcomes
// (the distributed mode's `billing-cli serve`). The outcomes come back in the order of the
// commands, one each; an error means "no outcome known", and submitting the same commands
// again (same idempotency keys) is safe: a command that was decided gets its first outcome.
class CommandBus
{
public:
    virtual ~CommandBus() = default;
    virtual Result<QList<Outcome>> submit(const QList<Command> &commands) = 0;
};

} // namespace billing
