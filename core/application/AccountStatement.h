#pragma once

#include "ProjectionReader.h"

namespace billing {

// One line of an account's statement: a leg with the balance right after it.
struct StatementLine
{
    TransactionLegView leg;
    bool booked = false; // completed legs move the balance; failed ones are listed only
    Money balanceAfter;  // the running balance after this line
};

struct AccountStatement
{
    AccountView account;
    QList<StatementLine> lines; // newest first
    bool truncated = false;     // older lines exist beyond `limit`
};

// The newest `limit` lines of an account's statement with a running balance, worked back from
// the account's balance, all from the projections.
Result<AccountStatement> accountStatement(ProjectionReader &reader, const QString &accountId,
                                          int limit);

} // namespace billing
