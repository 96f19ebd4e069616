#include "LedgerVerifier.h"

#include "EventCodec.h"
#include "application/Replay.h"
#include "domain/ReasonCode.h"

namespace billing {
namespace {

constexpr int chunk = 10000;

} // namespace

// Some event in the chunk does not even parse: find which, one at a time.
VerifyReport LedgerVerifier::unreadable(qint64 from, const Error &error, VerifyReport report)
{
    report.ok = false;
    report.firstBadPosition = from;
    for (qint64 position = from;; ++position) {
        const Result<QList<EventEnvelope>> one = m_storage.events().read(position - 1, 1);
        if (!one.ok() || one.value().isEmpty()) {
            report.firstBadPosition = position;
            break;
        }
    }
    report.problems.append(error.message);
    return report;
}

LedgerVerifier::LedgerVerifier(LedgerStorage &storage)
    : m_storage(storage)
{}

Result<VerifyReport> LedgerVerifier::run(const std::function<bool(qint64)> &progress)
{
    VerifyReport report;
    // First the whole chain, and only then the fold: an event forged with a correct hash is
    // caught by the one after it, before its content can trip an invariant of the fold.
    if (Status chained = checkChain(report, progress); !chained.ok())
        return chained.error();
    if (!report.ok)
        return report;
    const Result<LedgerState> state = replayTo(m_storage.events(), 0);
    if (!state.ok())
        return state.error();
    report.totals = state.value().totals();
    for (auto it = report.totals.cbegin(); it != report.totals.cend(); ++it) {
        if (!it.value().isZero()) {
            report.ok = false;
            report.problems.append(QStringLiteral("trial balance: %1 sums to %2")
                                       .arg(it.key(), it.value().toString()));
        }
    }
    compareProjections(state.value(), report);
    return report;
}

Status LedgerVerifier::checkChain(VerifyReport &report, const std::function<bool(qint64)> &progress)
{
    QString previousHash;
    qint64 expected = 1;
    for (;;) {
        const Result<QList<EventEnvelope>> events = m_storage.events().read(expected - 1, chunk);
        if (!events.ok() && events.error().code == reason::ledgerTampered &&
            events.error().position > 0) {
            // A store that checks the chain as it reads (Kafka) names the event itself.
            report.ok = false;
            report.firstBadPosition = events.error().position;
            report.problems.append(events.error().message);
            return Done{};
        }
        if (!events.ok()) {
            report = unreadable(expected, events.error(), report);
            return Done{};
        }
        for (const EventEnvelope &event : events.value()) {
            const QString hash = codec::chainHash(previousHash, codec::canonicalBytes(event));
            QString problem;
            if (event.position != expected)
                problem = QStringLiteral("expected position %1, found %2")
                              .arg(expected)
                              .arg(event.position);
            else if (hash != event.hash)
                problem = QStringLiteral("hash does not match: the event or one before it was "
                                         "altered, removed or inserted");
            if (!problem.isEmpty()) {
                report.ok = false;
                report.firstBadPosition = expected;
                report.firstBadEventId = event.eventId;
                report.problems.append(problem);
                return Done{};
            }
            previousHash = hash;
            ++expected;
            ++report.eventsChecked;
        }
        if (progress && !progress(expected - 1))
            return Error{QStringLiteral("CANCELLED"), QStringLiteral("verification cancelled"), {}};
        if (events.value().size() < chunk)
            return Done{};
    }
}

void LedgerVerifier::compareProjections(const LedgerState &state, VerifyReport &report)
{
    auto mismatch = [&report](const QString &what) {
        report.ok = false;
        if (report.problems.size() < 50)
            report.problems.append(QStringLiteral("projections differ from replay: ") + what);
    };
    const Result<qint64> checkpoint = m_storage.projections().checkpoint();
    if (!checkpoint.ok() || checkpoint.value() != state.position())
        mismatch(QStringLiteral("checkpoint is not at the last event"));
    const Result<QList<AccountView>> accounts = m_storage.projections().accounts({});
    if (!accounts.ok())
        return mismatch(accounts.error().message);
    if (accounts.value().size() != state.accounts().size())
        mismatch(QStringLiteral("%1 accounts projected, %2 replayed")
                     .arg(accounts.value().size())
                     .arg(state.accounts().size()));
    for (const AccountView &view : accounts.value()) {
        const Account *account = state.account(view.id);
        if (!account || account->balance != view.balance ||
            toString(account->status) != view.status || account->version != view.version ||
            account->minBalance != view.minBalance || account->maxBalance != view.maxBalance)
            mismatch(QStringLiteral("account %1").arg(view.id));
    }
    const Result<QHash<QString, QString>> statuses = m_storage.transactionStatuses();
    if (!statuses.ok())
        return mismatch(statuses.error().message);
    if (statuses.value().size() != state.transactions().size())
        mismatch(QStringLiteral("%1 transactions projected, %2 replayed")
                     .arg(statuses.value().size())
                     .arg(state.transactions().size()));
    for (const Transaction &transaction : state.transactions()) {
        if (statuses.value().value(transaction.id) != toString(transaction.status))
            mismatch(QStringLiteral("transaction %1").arg(transaction.id));
    }
}

} // namespace billing
