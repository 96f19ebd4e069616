#include "CliOutput.h"
#include "JsonViews.h"
#include "Subcommands.h"

#include "application/Replay.h"
#include "domain/ReasonCode.h"
#include "infrastructure/EventCodec.h"
#include "infrastructure/LedgerVerifier.h"

#include <cstdio>

namespace billing::cli {
namespace {

QJsonArray legsJson(const QList<TransactionLegView> &legs)
{
    QJsonArray array;
    for (const TransactionLegView &leg : legs)
        array.append(toJson(leg));
    return array;
}

QJsonObject stateJson(const LedgerState &state)
{
    // In id order: the same ledger always prints the same document.
    QStringList ids;
    ids.reserve(state.accounts().size());
    for (const Account &account : state.accounts())
        ids.append(account.id);
    ids.sort();
    QJsonArray accounts;
    for (const QString &id : std::as_const(ids))
        accounts.append(toJson(*state.account(id)));
    QJsonObject document{{QStringLiteral("position"), state.position()},
                         {QStringLiteral("accounts"), accounts},
                         {QStringLiteral("totals"), totalsJson(state.totals())},
                         {QStringLiteral("balanced"), state.balanced()}};
    // The ledger balances after every append; a point inside one (--at, one event at a time)
    // can fall between a transaction's two BalanceChanged events.
    if (!state.balanced())
        document.insert(QStringLiteral("note"),
                        QStringLiteral("between the two legs of a transaction: the next event "
                                       "books the other"));
    return document;
}

// The state after the event at `at`. The core reads 0 as "to the end", and a position past the
// end as the end: here 0 is the empty ledger before the first event, and past the end is an
// error, so that a script asking for a point gets that point or a refusal.
Result<LedgerState> stateAtPosition(CliContext &context, qint64 at)
{
    if (at == 0)
        return LedgerState();
    const Result<qint64> last = context.storage().events().lastPosition();
    if (!last.ok())
        return last.error();
    if (at > last.value())
        return Error{
            reason::invalidArgument,
            QStringLiteral("--at %1 is past the last position, %2").arg(at).arg(last.value()),
            QStringLiteral("at")};
    return replayTo(context.storage().events(), at, context.storage().snapshots());
}

} // namespace

int runTransactions(CliContext &context, const CliArguments &arguments)
{
    ProjectionReader &projections = context.storage().projections();
    if (arguments.word(1) == u"get" && !arguments.word(2).isEmpty()) {
        if (Status allowed = arguments.allowOnly({}, 3); !allowed.ok())
            return printError(allowed.error());
        const Result<QList<TransactionLegView>> legs = projections.transaction(arguments.word(2));
        if (!legs.ok())
            return printError(legs.error());
        if (legs.value().isEmpty())
            return printError({reason::transactionNotFound,
                               QStringLiteral("no transaction %1").arg(arguments.word(2)),
                               QStringLiteral("id")});
        return printDocument({{QStringLiteral("transactionId"), arguments.word(2)},
                              {QStringLiteral("legs"), legsJson(legs.value())}});
    }
    if (arguments.word(1) == u"list") {
        if (Status allowed =
                arguments.allowOnly({QStringLiteral("account"), QStringLiteral("limit"),
                                     QStringLiteral("offset"), QStringLiteral("before")},
                                    2);
            !allowed.ok())
            return printError(allowed.error());
        const Result<QString> account = arguments.required(QStringLiteral("account"));
        const Result<qint64> limit = arguments.number(QStringLiteral("limit"), 50, 1, 100000);
        const Result<qint64> offset =
            arguments.number(QStringLiteral("offset"), 0, 0, std::numeric_limits<qint64>::max());
        const Result<qint64> before =
            arguments.number(QStringLiteral("before"), 0, 1, std::numeric_limits<qint64>::max());
        for (const Error *error :
             {account.ok() ? nullptr : &account.error(), limit.ok() ? nullptr : &limit.error(),
              offset.ok() ? nullptr : &offset.error(), before.ok() ? nullptr : &before.error()}) {
            if (error)
                return printError(*error);
        }
        if (arguments.has(QStringLiteral("offset")) && arguments.has(QStringLiteral("before")))
            return printError({reason::invalidArgument,
                               QStringLiteral("--offset and --before both say where the page "
                                              "starts: give one"),
                               QStringLiteral("before")});
        // An unknown account has no history, not an empty one: refused as `account get` does.
        if (const Result<AccountView> known = projectedAccount(context, account.value());
            !known.ok())
            return printError(known.error());
        // One row past the page tells a script whether there is a next one to ask for.
        const int rows = int(limit.value()) + 1;
        Result<QList<TransactionLegView>> legs =
            arguments.has(QStringLiteral("before"))
                ? projections.transactionsOfAccountBefore(account.value(), before.value(), rows)
                : projections.transactionsOfAccount(account.value(), Page{rows, offset.value()});
        if (!legs.ok())
            return printError(legs.error());
        QList<TransactionLegView> &page = legs.value();
        const bool more = page.size() > limit.value();
        if (more)
            page.removeLast();
        QJsonObject document{{QStringLiteral("accountId"), account.value()},
                             {QStringLiteral("transactions"), legsJson(page)},
                             {QStringLiteral("more"), more}};
        // Both ways on: by offset, or by position, which legs arriving meanwhile do not shift.
        if (more) {
            if (!arguments.has(QStringLiteral("before")))
                document.insert(QStringLiteral("nextOffset"), offset.value() + limit.value());
            document.insert(QStringLiteral("nextBefore"), page.constLast().position);
        }
        return printDocument(document);
    }
    return printError({reason::invalidArgument,
                       QStringLiteral("usage: tx get ID | tx list --account ID [--limit N] "
                                      "[--offset N | --before POSITION]"),
                       QStringLiteral("command")});
}

int runEvents(CliContext &context, const CliArguments &arguments)
{
    if (Status allowed = arguments.allowOnly({QStringLiteral("after"), QStringLiteral("limit")}, 1);
        !allowed.ok())
        return printError(allowed.error());
    const Result<qint64> after =
        arguments.number(QStringLiteral("after"), 0, 0, std::numeric_limits<qint64>::max());
    const Result<qint64> limit =
        arguments.number(QStringLiteral("limit"), std::numeric_limits<qint64>::max(), 1,
                         std::numeric_limits<qint64>::max());
    if (!after.ok())
        return printError(after.error());
    if (!limit.ok())
        return printError(limit.error());
    // JSON lines: one event per line, streamed so that a long log never sits in memory.
    qint64 position = after.value();
    qint64 left = limit.value();
    while (left > 0) {
        const int chunk = int(std::min<qint64>(left, 5000));
        const Result<QList<EventEnvelope>> events =
            context.storage().events().read(position, chunk);
        if (!events.ok())
            return printError(events.error());
        for (const EventEnvelope &event : events.value()) {
            const QByteArray line = codec::recordBytes(event) + '\n';
            std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
            position = event.position;
        }
        left -= events.value().size();
        if (events.value().size() < chunk)
            break;
    }
    std::fflush(stdout);
    return exitOk;
}

int runBalances(CliContext &context, const CliArguments &arguments)
{
    if (Status allowed = arguments.allowOnly({QStringLiteral("at"), QStringLiteral("as-of")}, 1);
        !allowed.ok())
        return printError(allowed.error());
    if (arguments.has(QStringLiteral("at")) && arguments.has(QStringLiteral("as-of")))
        return printError({reason::invalidArgument,
                           QStringLiteral("give --at or --as-of, not both"),
                           QStringLiteral("as-of")});
    if (!arguments.has(QStringLiteral("as-of")) && !arguments.has(QStringLiteral("at"))) {
        const Result<const LedgerState *> newest = context.foldedState();
        if (!newest.ok())
            return printError(newest.error());
        return printDocument(stateJson(*newest.value()));
    }
    Result<LedgerState> state = LedgerState();
    if (arguments.has(QStringLiteral("as-of"))) {
        const QDateTime asOf =
            QDateTime::fromString(arguments.option(QStringLiteral("as-of")), Qt::ISODateWithMs);
        if (!asOf.isValid())
            return printError({reason::invalidArgument,
                               QStringLiteral("--as-of must be ISO 8601, e.g. "
                                              "2025-12-09T12:00:00Z"),
                               QStringLiteral("as-of")});
        state = replayAsOf(context.storage().events(), asOf.toMSecsSinceEpoch());
    } else {
        const Result<qint64> at =
            arguments.number(QStringLiteral("at"), 0, 0, std::numeric_limits<qint64>::max());
        if (!at.ok())
            return printError(at.error());
        state = stateAtPosition(context, at.value());
    }
    if (!state.ok())
        return printError(state.error());
    return printDocument(stateJson(state.value()));
}

int runVerify(CliContext &context, const CliArguments &arguments)
{
    if (Status allowed = arguments.allowOnly({}, 1); !allowed.ok())
        return printError(allowed.error());
    LedgerVerifier verifier(context.storage());
    const Result<VerifyReport> report = verifier.run();
    if (!report.ok())
        return printError(report.error());
    const VerifyReport &found = report.value();
    QJsonObject document{{QStringLiteral("ok"), found.ok},
                         {QStringLiteral("eventsChecked"), found.eventsChecked},
                         {QStringLiteral("totals"), totalsJson(found.totals)},
                         {QStringLiteral("problems"), QJsonArray::fromStringList(found.problems)}};
    if (found.firstBadPosition > 0) {
        document.insert(QStringLiteral("firstBadPosition"), found.firstBadPosition);
        document.insert(QStringLiteral("firstBadEventId"), found.firstBadEventId);
    }
    printDocument(document);
    return found.ok ? exitOk : exitVerifyFailed;
}

int runProjections(CliContext &context, const CliArguments &arguments)
{
    if (arguments.word(1) != u"rebuild")
        return printError({reason::invalidArgument, QStringLiteral("usage: projections rebuild"),
                           QStringLiteral("command")});
    if (Status allowed = arguments.allowOnly({}, 2); !allowed.ok())
        return printError(allowed.error());
    if (Status reset = context.storage().resetProjections(); !reset.ok())
        return printError(reset.error());
    const Result<qint64> position = context.storage().catchUpProjections();
    if (!position.ok())
        return printError(position.error());
    return printDocument(
        {{QStringLiteral("rebuilt"), true}, {QStringLiteral("position"), position.value()}});
}

} // namespace billing::cli
