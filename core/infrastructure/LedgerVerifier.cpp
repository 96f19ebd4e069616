#include "LedgerVerifier.h"

#include "EventCodec.h"
#include "LegId.h"
#include "domain/Invariant.h"
#include "domain/ReasonCode.h"

namespace billing {
namespace {

constexpr int chunk = 10000;
constexpr int problemsMax = 50;

QString brokenRule(const BrokenInvariant &broken)
{
    return QStringLiteral("a rule of the ledger fails at this event (%1)").arg(describe(broken));
}

void differs(VerifyReport &report, const QString &what)
{
    report.ok = false;
    if (report.problems.size() < problemsMax)
        report.problems.append(QStringLiteral("projections differ from replay: ") + what);
}

} // namespace

LedgerVerifier::LedgerVerifier(LedgerStorage &storage)
    : m_storage(storage)
{}

Result<VerifyReport> LedgerVerifier::run(const std::function<bool(qint64)> &progress)
{
    VerifyReport report;
    LedgerState state;
    if (Status read = readLog(state, report, progress); !read.ok())
        return read.error();
    if (!report.ok)
        return report;
    report.totals = state.totals();
    for (auto it = report.totals.cbegin(); it != report.totals.cend(); ++it) {
        if (!it.value().isZero()) {
            report.ok = false;
            report.problems.append(QStringLiteral("trial balance: %1 sums to %2")
                                       .arg(it.key(), it.value().toString()));
        }
    }
    compareProjections(state, report);
    return report;
}

Status LedgerVerifier::readLog(LedgerState &state, VerifyReport &report,
                               const std::function<bool(qint64)> &progress)
{
    Chain chain;
    for (;;) {
        const Result<QList<EventEnvelope>> events =
            m_storage.events().read(chain.expected - 1, chunk);
        if (!events.ok() && events.error().code == reason::ledgerTampered &&
            events.error().position > 0) {
            // A store that checks the chain as it reads (Kafka) names the event itself.
            report.ok = false;
            report.firstBadPosition = events.error().position;
            report.problems.append(events.error().message);
            return Done{};
        }
        if (!events.ok()) {
            readOneByOne(chain, state, events.error(), report);
            return Done{};
        }
        for (const EventEnvelope &event : events.value()) {
            if (!checkEvent(event, chain, state, report))
                return Done{};
        }
        if (progress && !progress(chain.expected - 1))
            return Error{QStringLiteral("CANCELLED"), QStringLiteral("verification cancelled"), {}};
        if (events.value().size() < chunk)
            return Done{};
    }
}

bool LedgerVerifier::checkEvent(const EventEnvelope &event, Chain &chain, LedgerState &state,
                                VerifyReport &report)
{
    // The hash first: an event edited without its hash computed again is named as such, not
    // by whatever rule its new content happens to break.
    const QString hash = codec::chainHash(chain.previousHash, codec::canonicalBytes(event));
    QString problem;
    if (event.position != chain.expected) {
        problem = QStringLiteral("expected position %1, found %2")
                      .arg(chain.expected)
                      .arg(event.position);
    } else if (hash != event.hash) {
        problem = QStringLiteral("hash does not match: the event or one before it was altered, "
                                 "removed or inserted");
    } else {
        // The log may have been forged so as to break the ledger's rules (with every hash after
        // it computed again): the fold names that event instead of stopping the process. Only
        // the fold: the store's own reading keeps stopping on what it finds broken.
        try {
            const InvariantAudit audit;
            state.apply(event);
        } catch (const BrokenInvariant &broken) {
            problem = brokenRule(broken);
        }
    }
    if (!problem.isEmpty()) {
        report.ok = false;
        report.firstBadPosition = chain.expected;
        report.firstBadEventId = event.eventId;
        report.problems.append(problem);
        return false;
    }
    chain.previousHash = hash;
    ++chain.expected;
    ++report.eventsChecked;
    return true;
}

void LedgerVerifier::readOneByOne(Chain &chain, LedgerState &state, const Error &error,
                                  VerifyReport &report)
{
    for (;;) {
        const Result<QList<EventEnvelope>> one = m_storage.events().read(chain.expected - 1, 1);
        if (!one.ok() || one.value().isEmpty()) {
            report.ok = false;
            report.firstBadPosition = chain.expected;
            report.problems.append(one.ok() ? error.message : one.error().message);
            return;
        }
        if (!checkEvent(one.value().first(), chain, state, report))
            return;
    }
}

void LedgerVerifier::compareProjections(const LedgerState &state, VerifyReport &report)
{
    const auto mismatch = [&report](const QString &what) {
        differs(report, what);
    };
    const Result<qint64> checkpoint = m_storage.projections().checkpoint();
    if (!checkpoint.ok()) {
        mismatch(checkpoint.error().message);
    } else if (checkpoint.value() > state.position()) {
        // The projections saw events the log did not give: either it was written to while it
        // was read (another process), or its newest events were removed.
        const Result<qint64> last = m_storage.events().lastPosition();
        if (last.ok() && last.value() >= checkpoint.value()) {
            mismatch(QStringLiteral("the ledger was written to while it was verified (it reached "
                                    "position %1 after %2 was read): verify again")
                         .arg(last.value())
                         .arg(state.position()));
        } else {
            mismatch(QStringLiteral("they include events up to position %1, the log ends at %2")
                         .arg(checkpoint.value())
                         .arg(state.position()));
            report.firstBadPosition = state.position() + 1;
        }
    } else if (checkpoint.value() != state.position()) {
        mismatch(QStringLiteral("checkpoint is not at the last event"));
    }
    const bool okBefore = report.ok;
    const qsizetype problemsBefore = report.problems.size();
    compareRows(state, report);
    // A projector that commits while the rows are read (a serve, another desk) makes them
    // differ from the replay with nothing wrong in either. It moves the checkpoint in the same
    // transaction as its rows, so a checkpoint that moved meanwhile says so instead.
    if (!checkpoint.ok() || (report.ok == okBefore && report.problems.size() == problemsBefore))
        return;
    const Result<qint64> after = m_storage.projections().checkpoint();
    if (after.ok() && after.value() != checkpoint.value()) {
        report.problems.resize(problemsBefore);
        report.ok = okBefore;
        mismatch(QStringLiteral("they were written to while they were verified (from position %1 "
                                "to %2): verify again")
                     .arg(checkpoint.value())
                     .arg(after.value()));
    }
}

void LedgerVerifier::compareRows(const LedgerState &state, VerifyReport &report)
{
    const auto mismatch = [&report](const QString &what) {
        differs(report, what);
    };
    try {
        const InvariantAudit audit;
        const Result<QList<AccountView>> accounts = m_storage.projections().accounts({});
        if (!accounts.ok())
            return mismatch(accounts.error().message);
        if (accounts.value().size() != state.accounts().size())
            mismatch(QStringLiteral("%1 accounts projected, %2 replayed")
                         .arg(accounts.value().size())
                         .arg(state.accounts().size()));
        for (const AccountView &view : accounts.value()) {
            const Account *account = state.account(view.id);
            if (!account || view.ownerId != account->ownerId ||
                view.ownerType != account->ownerType || view.type != toString(account->type) ||
                view.currency != account->currency || view.balance != account->balance ||
                view.status != toString(account->status) || view.version != account->version ||
                view.minBalance != account->minBalance || view.maxBalance != account->maxBalance)
                mismatch(QStringLiteral("account %1").arg(view.id));
        }
        compareLegs(state, report);
    } catch (const BrokenInvariant &broken) {
        // A projected amount that is not a decimal the ledger wrote, say.
        mismatch(
            QStringLiteral("a row cannot be read (%1)").arg(QString::fromLatin1(broken.condition)));
    }
}

void LedgerVerifier::compareLegs(const LedgerState &state, VerifyReport &report)
{
    const auto mismatch = [&report](const QString &what) {
        differs(report, what);
    };
    // Leg ids are unique (the table's key) and each must be one of its transaction's two: with
    // twice as many legs as transactions, every leg of the replay is there exactly once.
    qint64 legs = 0;
    const Status read = m_storage.projections().forEachLeg([&](const TransactionLegView &leg) {
        ++legs;
        const Transaction *transaction = state.transaction(leg.transactionId);
        const bool paying = transaction && leg.accountId == transaction->sourceAccountId;
        const bool paid = transaction && leg.accountId == transaction->destinationAccountId;
        if (!paying && !paid) {
            mismatch(QStringLiteral("leg %1 of transaction %2").arg(leg.id, leg.transactionId));
            return Status(Done{});
        }
        const QString &counterparty =
            paying ? transaction->destinationAccountId : transaction->sourceAccountId;
        const Money amount = paying ? transaction->amount.negated() : transaction->amount;
        if (leg.id != legIdOf(transaction->id, leg.accountId) ||
            leg.type != toString(transaction->type) || leg.counterpartyId != counterparty ||
            leg.amount != amount || leg.currency != transaction->currency ||
            leg.status != toString(transaction->status) ||
            leg.failureReason != transaction->failureReason ||
            leg.paymentId != transaction->paymentId)
            mismatch(QStringLiteral("leg %1 of transaction %2").arg(leg.id, leg.transactionId));
        return Status(Done{});
    });
    if (!read.ok())
        return mismatch(read.error().message);
    if (legs != 2 * qint64(state.transactions().size()))
        mismatch(QStringLiteral("%1 transaction legs projected, %2 replayed")
                     .arg(legs)
                     .arg(2 * qint64(state.transactions().size())));
}

} // namespace billing
