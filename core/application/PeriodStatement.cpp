#include "PeriodStatement.h"

#include "domain/ReasonCode.h"

namespace billing {

Result<PeriodStatement> periodStatement(AsOfCursor &cursor, EventStore &store,
                                        const QString &accountId, qint64 fromMs, qint64 toMs)
{
    if (toMs < fromMs)
        return Error{reason::invalidArgument, QStringLiteral("the period ends before it starts"),
                     QStringLiteral("to")};
    const Result<qint64> start = cursor.positionAt(fromMs - 1);
    const Result<qint64> end = cursor.positionAt(toMs);
    if (!start.ok())
        return start.error();
    if (!end.ok())
        return end.error();
    PeriodStatement statement;
    statement.accountId = accountId;
    statement.fromMs = fromMs;
    statement.toMs = toMs;
    const Result<const LedgerState *> closed = cursor.moveTo(end.value());
    if (!closed.ok())
        return closed.error();
    const Account *account = closed.value()->account(accountId);
    if (!account)
        return Error{reason::accountNotFound,
                     QStringLiteral("no account %1 by the end of the period").arg(accountId),
                     QStringLiteral("account")};
    statement.ownerId = account->ownerId;
    statement.currency = account->currency;
    statement.closing = account->balance;
    const Result<Currency> currency = closed.value()->currencies().find(account->currency);
    statement.decimals = currency.ok() ? currency.value().decimals : Money::scale;
    // Types from the end state: a transaction's type never changes.
    QHash<QString, QString> types;
    for (qint64 at = start.value(); at < end.value();) {
        const Result<QList<EventEnvelope>> events =
            store.read(at, int(std::min<qint64>(10000, end.value() - at)));
        if (!events.ok())
            return events.error();
        BILLING_ASSERT(!events.value().isEmpty());
        for (const EventEnvelope &event : events.value()) {
            at = event.position;
            if (event.eventType != event::balanceChanged || event.aggregateId != accountId)
                continue;
            const QString transactionId = event.data.value(u"transactionId").toString();
            const Transaction *transaction = closed.value()->transaction(transactionId);
            statement.lines.append({event.position, event.timestampMs, transactionId,
                                    transaction ? toString(transaction->type) : QString(),
                                    moneyField(event.data, u"amount"),
                                    moneyField(event.data, u"balanceAfter")});
        }
    }
    const Result<const LedgerState *> opened = cursor.moveTo(start.value());
    if (!opened.ok())
        return opened.error();
    const Account *before = opened.value()->account(accountId);
    statement.opening = before ? before->balance : Money();
    // The statement adds up, or the log and the fold disagree.
    Money running = statement.opening;
    for (const PeriodLine &line : std::as_const(statement.lines)) {
        const Result<Money> next = running.plus(line.amount);
        BILLING_ASSERT(next.ok() && next.value() == line.balanceAfter);
        running = next.value();
    }
    BILLING_ASSERT(running == statement.closing);
    return statement;
}

} // namespace billing
