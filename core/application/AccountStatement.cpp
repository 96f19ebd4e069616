#include "AccountStatement.h"

#include "domain/ReasonCode.h"
#include "domain/Transaction.h"

namespace billing {

Result<AccountStatement> accountStatement(ProjectionReader &reader, const QString &accountId,
                                          int limit)
{
    BILLING_ASSERT(limit > 0);
    const Result<std::optional<AccountView>> account = reader.account(accountId);
    if (!account.ok())
        return account.error();
    if (!account.value())
        return Error{reason::accountNotFound, QStringLiteral("no account %1").arg(accountId),
                     QStringLiteral("account")};
    // One more than asked shows whether older lines exist.
    const Result<QList<TransactionLegView>> legs =
        reader.transactionsOfAccount(accountId, Page{limit + 1, 0});
    if (!legs.ok())
        return legs.error();
    AccountStatement statement;
    statement.account = *account.value();
    statement.truncated = legs.value().size() > limit;
    Money running = statement.account.balance;
    for (const TransactionLegView &leg : legs.value().mid(0, limit)) {
        StatementLine line{leg, leg.status == toString(TransactionStatus::Completed), running};
        if (line.booked) {
            const Result<Money> before = running.minus(leg.amount);
            BILLING_ASSERT(before.ok());
            running = before.value();
        }
        statement.lines.append(line);
    }
    return statement;
}

} // namespace billing
