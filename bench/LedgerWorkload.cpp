#include "LedgerWorkload.h"

#include "domain/Invariant.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QThread>

namespace billing::bench {
namespace {

constexpr double nsPerSecond = 1e9;
// Enough that no transfer of 1.00 between random accounts ever meets insufficient funds, so
// every timed command writes the same four events.
const QString topupText = QStringLiteral("1000.00");
const QString transferText = QStringLiteral("1.00");
const QString currency = QStringLiteral("USD");

Money amount(const QString &text)
{
    return Money::parse(text, 2, Money::Sign::PositiveOnly).value();
}

double secondsOf(const QElapsedTimer &timer)
{
    return static_cast<double>(timer.nsecsElapsed()) / nsPerSecond;
}

// A benchmark that times refused commands measures the wrong thing: stop instead.
std::optional<Error> firstFailure(const QList<Outcome> &outcomes)
{
    for (const Outcome &outcome : outcomes) {
        if (!outcome.completed())
            return Error{outcome.code.isEmpty() ? QStringLiteral("NOT_COMPLETED") : outcome.code,
                         QStringLiteral("%1 was %2: %3")
                             .arg(outcome.command, outcome.kindName(), outcome.message),
                         outcome.field};
    }
    return std::nullopt;
}

} // namespace

qint64 sqliteFileBytes(const QString &path)
{
    return QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
}

LedgerWorkload::LedgerWorkload(QString path, AccountPool &pool, MemoryWatch &memory,
                               Progress progress)
    : m_path(std::move(path))
    , m_pool(pool)
    , m_memory(memory)
    , m_progress(std::move(progress))
    , m_transferAmount(amount(transferText))
    , m_topupAmount(amount(topupText))
{}

Status LedgerWorkload::open(SqliteDatabase::Durability durability, int cacheMb)
{
    BILLING_ASSERT(cacheMb >= 0);
    Result<std::unique_ptr<EmbeddedStorage>> storage = EmbeddedStorage::open(m_path, durability);
    if (!storage.ok())
        return storage.error();
    m_storage = std::move(storage.value());
    if (cacheMb > 0) {
        Status cached = m_storage->database().exec(
            QStringLiteral("PRAGMA cache_size=-%1").arg(qint64(cacheMb) * 1024));
        if (!cached.ok())
            return cached;
    }
    m_service = std::make_unique<LedgerService>(m_storage->events(), m_clock, m_ids);
    return m_service->open();
}

void LedgerWorkload::setOperators(int operators, int rareEvery)
{
    BILLING_ASSERT(operators >= 1 && rareEvery >= 0);
    m_operators = operators;
    m_rareEvery = rareEvery;
}

Command LedgerWorkload::issue(CommandBody body)
{
    CommandOptions options;
    options.operatorName = m_operatorName;
    return m_service->issue(std::move(body), options);
}

Command LedgerWorkload::transferCommand()
{
    const auto [from, to] = m_pool.randomPair();
    MoveMoney move;
    move.type = TransactionType::Transfer;
    move.sourceAccountId = from;
    move.destinationAccountId = to;
    move.amount = m_transferAmount;
    move.reference = QStringLiteral("bench");
    return issue(move);
}

Result<double> LedgerWorkload::executeBatchTimed(const QList<Command> &commands)
{
    // The next batch's operator: commands are built before the batch that runs them.
    ++m_batchesIssued;
    if (m_rareEvery > 0 && m_batchesIssued % m_rareEvery == 0)
        m_operatorName = QStringLiteral("night-shift");
    else if (m_operators > 1)
        m_operatorName = QStringLiteral("operator-%1").arg(m_batchesIssued % m_operators);
    QElapsedTimer timer;
    timer.start();
    const Result<QList<Outcome>> outcomes = m_service->executeBatch(commands);
    const double seconds = secondsOf(timer);
    m_memory.sample();
    if (!outcomes.ok())
        return outcomes.error();
    if (std::optional<Error> failure = firstFailure(outcomes.value()))
        return *failure;
    return seconds;
}

Result<BuildFigures> LedgerWorkload::build(qint64 minEvents, qint64 batchSize)
{
    BuildFigures figures;
    QElapsedTimer whole;
    whole.start();

    CreateAccount external;
    external.type = AccountType::External;
    external.ownerId = QStringLiteral("bank");
    external.currency = currency;
    const Result<Outcome> created = m_service->execute(issue(external));
    if (!created.ok())
        return created.error();
    if (std::optional<Error> failure = firstFailure({created.value()}))
        return *failure;
    m_externalId = created.value().accountId;

    // Accounts, then top-ups: the same batches, so that every account exists before money moves.
    QElapsedTimer phase;
    for (const bool topup : {false, true}) {
        phase.start();
        for (qint64 first = 0; first < m_pool.count(); first += batchSize) {
            QList<Command> commands;
            const qint64 last = std::min(first + batchSize, m_pool.count());
            commands.reserve(last - first);
            for (qint64 index = first; index < last; ++index) {
                if (topup) {
                    MoveMoney move;
                    move.type = TransactionType::Topup;
                    move.sourceAccountId = m_externalId;
                    move.destinationAccountId = m_pool.id(index);
                    move.amount = m_topupAmount;
                    commands.append(issue(move));
                } else {
                    CreateAccount account;
                    account.accountId = m_pool.id(index);
                    account.type = AccountType::User;
                    account.ownerId = QStringLiteral("customer-%1").arg(index);
                    account.ownerType = QStringLiteral("customer");
                    account.currency = currency;
                    commands.append(issue(account));
                }
            }
            if (const Result<double> done = executeBatchTimed(commands); !done.ok())
                return done.error();
        }
        (topup ? figures.topupSeconds : figures.createSeconds) = secondsOf(phase);
        m_progress(QStringLiteral("%1 %2 accounts in %3 s, %4 events")
                       .arg(topup ? QStringLiteral("topped up") : QStringLiteral("created"))
                       .arg(m_pool.count())
                       .arg(secondsOf(phase), 0, 'f', 1)
                       .arg(eventCount()));
    }

    phase.start();
    figures.transfers.firstPosition = eventCount() + 1;
    QList<qint64> batchNs;
    const qint64 reportStep = std::max<qint64>((minEvents - eventCount()) / 5, 1);
    qint64 nextReport = eventCount() + reportStep;
    while (figures.transfers.batches == 0 || eventCount() < minEvents) {
        QList<Command> commands;
        commands.reserve(batchSize);
        for (qint64 i = 0; i < batchSize; ++i)
            commands.append(transferCommand());
        const Result<double> seconds = executeBatchTimed(commands);
        if (!seconds.ok())
            return seconds.error();
        batchNs.append(static_cast<qint64>(seconds.value() * nsPerSecond));
        figures.transfers.seconds += seconds.value();
        figures.transfers.transfers += batchSize;
        ++figures.transfers.batches;
        if (eventCount() >= nextReport && eventCount() < minEvents) {
            m_progress(
                QStringLiteral("transfers: %1 of %2 events").arg(eventCount()).arg(minEvents));
            nextReport += reportStep;
        }
    }
    figures.transferSeconds = secondsOf(phase);
    figures.transfers.lastPosition = eventCount();
    const LatencySummary perBatch = summarize(batchNs, figures.transfers.seconds);
    figures.transfers.perSecond = perSecond(figures.transfers.transfers, figures.transfers.seconds);
    figures.transfers.batchP50Ms = perBatch.p50Ms;
    figures.transfers.batchP99Ms = perBatch.p99Ms;

    figures.seconds = secondsOf(whole);
    figures.accounts = m_pool.count();
    figures.events = eventCount();
    figures.fileBytes = sqliteFileBytes(m_path);
    m_progress(QStringLiteral("built %1 events in %2 s")
                   .arg(figures.events)
                   .arg(figures.seconds, 0, 'f', 1));
    return figures;
}

Result<LatencySummary> LedgerWorkload::runSingleTransfers(qint64 count)
{
    // The build leaves a WAL of thousands of pages; checkpointing it inside the timed loop
    // would charge the batches' writes to the first single transfers.
    if (Status settled =
            m_storage->database().exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        !settled.ok())
        return settled.error();
    QList<qint64> samples;
    samples.reserve(count);
    QElapsedTimer wall;
    QElapsedTimer one;
    wall.start();
    for (qint64 i = 0; i < count; ++i) {
        const Command command = transferCommand();
        one.start();
        const Result<Outcome> outcome = m_service->execute(command);
        samples.append(one.nsecsElapsed());
        if (!outcome.ok())
            return outcome.error();
        if (std::optional<Error> failure = firstFailure({outcome.value()}))
            return *failure;
    }
    const double wallSeconds = secondsOf(wall);
    m_memory.sample();
    return summarize(std::move(samples), wallSeconds);
}

Result<qint64> LedgerWorkload::runPacedTransfers(int perSecond, double seconds)
{
    BILLING_ASSERT(perSecond > 0 && seconds > 0);
    const auto count = static_cast<qint64>(perSecond * seconds);
    QElapsedTimer wall;
    wall.start();
    for (qint64 i = 0; i < count; ++i) {
        // Sleep until the i-th transfer is due, so that a slow commit is caught up, not skipped.
        const qint64 dueNs = i * qint64(nsPerSecond) / perSecond;
        const qint64 aheadNs = dueNs - wall.nsecsElapsed();
        if (aheadNs > 0)
            QThread::usleep(static_cast<unsigned long>(aheadNs / 1000));
        const Result<Outcome> outcome = m_service->execute(transferCommand());
        if (!outcome.ok())
            return outcome.error();
        if (std::optional<Error> failure = firstFailure({outcome.value()}))
            return *failure;
    }
    return count;
}

} // namespace billing::bench
