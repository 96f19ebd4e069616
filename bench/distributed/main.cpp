// billing-distributed-bench: the distributed mode end to end on a running Kafka broker and
// PostgreSQL server (services/dev-up prints the settings), in one run:
//   1. transfers/s through `billing-cli serve` (started here) with PostgreSQL projections,
//      clients sending batches of commands and waiting for their outcomes;
//   2. projection lag at a steady rate: a command sent -> its rows visible in PostgreSQL;
//   then PostgreSQL's floor: the projection rows of 1. and 2. copied by PostgreSQL alone;
//   3. the baseline: a plain PostgreSQL CRUD ledger (UPDATE two balances + INSERT two entries
//      per transfer, one transaction each) with 8 clients on a hot EXTERNAL account.
// A program, not a test: it prints figures.
#include "Stats.h"

#include "application/Clock.h"
#include "application/LedgerService.h"
#include "infrastructure/PostgresDatabase.h"
#include "infrastructure/StoreLocation.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMutex>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <thread>

using namespace billing;

namespace {

void say(const QString &text)
{
    std::fprintf(stderr, "%s\n", qPrintable(text));
}

// One client of the ledger: its own Kafka consumers and producer, PostgreSQL connection and
// service, used by one thread only.
struct Client
{
    std::unique_ptr<LedgerStorage> storage;
    CommandBus *bus = nullptr;
    SystemClock clock;
    TimeOrderedIds ids;
    std::unique_ptr<LedgerService> service;

    Command issue(CommandBody body)
    {
        CommandOptions options;
        options.operatorName = QStringLiteral("bench");
        return service->issue(std::move(body), options);
    }
};

Result<std::unique_ptr<Client>> openClient(const StoreLocation &location)
{
    auto client = std::make_unique<Client>();
    Result<std::unique_ptr<LedgerStorage>> storage = openStorage(location);
    if (!storage.ok())
        return storage.error();
    client->storage = std::move(storage.value());
    const Result<CommandBus *> bus = client->storage->commandBus();
    if (!bus.ok())
        return bus.error();
    if (!bus.value())
        return Error{QStringLiteral("BENCH"), QStringLiteral("the store has no command bus"), {}};
    client->service =
        std::make_unique<LedgerService>(client->storage->events(), client->clock, client->ids);
    client->service->setCommandBus(bus.value());
    client->bus = bus.value();
    if (Status opened = client->service->open(); !opened.ok())
        return opened.error();
    return client;
}

// Straight to the command bus, as billing-cli's LedgerService does, without the fold of the log
// it does after (a CLI process does it once before it exits; four bench threads doing it after
// every batch would each decode the whole stream again). The bus returns once the decision
// maker's projections show the outcomes.
Result<QList<Outcome>> runAll(Client &client, const QList<Command> &commands)
{
    Result<QList<Outcome>> outcomes = client.bus->submit(commands);
    if (!outcomes.ok())
        return outcomes;
    for (const Outcome &outcome : outcomes.value()) {
        if (outcome.kind == Outcome::Kind::Invalid)
            return Error{outcome.code, outcome.message, outcome.field};
    }
    return outcomes;
}

MoveMoney transfer(const QStringList &users, QRandomGenerator &random)
{
    const auto from = random.bounded(int(users.size()));
    auto to = random.bounded(int(users.size()) - 1);
    if (to >= from)
        ++to;
    MoveMoney move;
    move.type = TransactionType::Transfer;
    move.sourceAccountId = users.at(from);
    move.destinationAccountId = users.at(to);
    move.amount = Money::fromUnits(Units(1000000)); // 0.01
    return move;
}

qint64 checkpoint(PostgresDatabase &database)
{
    QSqlQuery query(database.connection());
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(position), 0) FROM "
                                   "projection_checkpoints")) ||
        !query.next())
        return -1;
    return query.value(0).toLongLong();
}

// The CRUD ledger's transfers/s: `clients` threads, each its own connection, for `seconds`.
Result<bench::LatencySummary> crudBaseline(const PostgresLocation &location, int clients, int users,
                                           double seconds)
{
    PostgresDatabase setup;
    if (Status opened = setup.open(location); !opened.ok())
        return opened.error();
    for (const QString &sql :
         {QStringLiteral("DROP TABLE IF EXISTS crud_entries, crud_accounts"),
          QStringLiteral("CREATE TABLE crud_accounts (id INTEGER PRIMARY KEY, balance "
                         "NUMERIC(28,8) NOT NULL)"),
          QStringLiteral("CREATE TABLE crud_entries (id BIGSERIAL PRIMARY KEY, account_id "
                         "INTEGER NOT NULL, amount NUMERIC(28,8) NOT NULL, created_at "
                         "TIMESTAMPTZ NOT NULL DEFAULT now())"),
          QStringLiteral("CREATE INDEX crud_entries_account ON crud_entries (account_id)"),
          // Account 0 is the hot EXTERNAL account every top-up passes through.
          QStringLiteral("INSERT INTO crud_accounts SELECT g, 1000000 FROM generate_series(0, "
                         "%1) g")
              .arg(users)}) {
        if (Status done = setup.exec(sql); !done.ok())
            return done.error();
    }
    std::atomic<bool> stop{false};
    QMutex samplesLock;
    QList<qint64> samples;
    QString failure;
    std::vector<std::thread> threads;
    threads.reserve(size_t(clients));
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            PostgresDatabase database;
            if (Status opened = database.open(location); !opened.ok()) {
                const QMutexLocker locker(&samplesLock);
                failure = opened.error().message;
                return;
            }
            QRandomGenerator random(quint32(100 + c));
            QList<qint64> mine;
            QElapsedTimer timer;
            while (!stop) {
                const int user = random.bounded(1, users + 1);
                timer.start();
                const bool ok =
                    database.begin().ok() &&
                    database
                        .run(QStringLiteral("UPDATE crud_accounts SET balance = balance + 0.01 "
                                            "WHERE id = ?"),
                             {user}, QStringLiteral("credit"))
                        .ok() &&
                    database
                        .run(QStringLiteral("UPDATE crud_accounts SET balance = balance - 0.01 "
                                            "WHERE id = 0"),
                             {}, QStringLiteral("debit"))
                        .ok() &&
                    database
                        .run(QStringLiteral("INSERT INTO crud_entries (account_id, amount) "
                                            "VALUES (?, 0.01), (0, -0.01)"),
                             {user}, QStringLiteral("entries"))
                        .ok() &&
                    database.commit().ok();
                if (!ok) {
                    database.rollback();
                    continue;
                }
                mine.append(timer.nsecsElapsed());
            }
            const QMutexLocker locker(&samplesLock);
            samples.append(mine);
        });
    }
    QElapsedTimer wall;
    wall.start();
    QThread::msleep(quint64(seconds * 1000));
    stop = true;
    for (std::thread &thread : threads)
        thread.join();
    if (!failure.isEmpty())
        return Error{QStringLiteral("BENCH"), failure, {}};
    return bench::summarize(samples, double(wall.nsecsElapsed()) / 1e9);
}

struct PostgresFloor
{
    qint64 legs = 0;
    qint64 auditRows = 0;
    qint64 commits = 0;
    double seconds = 0;
};

// PostgreSQL's own cost for the projection rows this run wrote: copied from its tables, a
// batch of log positions to a commit, into empty ones with the same columns and indexes
// (LIKE ... INCLUDING ALL), each batch's accounts updated once as the projector folds them.
// No Kafka, no decoding, no hash, no round trip per row: a bound our projections cannot beat
// on this machine, before the broker and the serve take their share of the two cores.
Result<PostgresFloor> postgresFloor(const PostgresLocation &location, qint64 positionsPerCommit)
{
    PostgresDatabase database;
    if (Status opened = database.open(location); !opened.ok())
        return opened.error();
    for (const char *sql : {"DROP TABLE IF EXISTS floor_legs, floor_audit, floor_accounts",
                            "CREATE TABLE floor_legs (LIKE transaction_projections INCLUDING ALL)",
                            "CREATE TABLE floor_audit (LIKE audit_logs INCLUDING ALL)",
                            "CREATE TABLE floor_accounts (LIKE account_projections INCLUDING ALL)",
                            "INSERT INTO floor_accounts SELECT * FROM account_projections",
                            "VACUUM ANALYZE floor_accounts"}) {
        if (Status done = database.exec(QString::fromLatin1(sql)); !done.ok())
            return done.error();
    }
    QSqlQuery last(database.connection());
    if (!last.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM audit_logs")) || !last.next())
        return Error{QStringLiteral("BENCH"), QStringLiteral("read the last audit row"), {}};
    const qint64 lastPosition = last.value(0).toLongLong();
    PostgresFloor floor;
    QElapsedTimer wall;
    wall.start();
    for (qint64 from = 0; from < lastPosition; from += positionsPerCommit) {
        const QVariantList range{from, std::min(from + positionsPerCommit, lastPosition)};
        Status done = database.begin();
        for (const auto &[sql, what] :
             {std::pair{"INSERT INTO floor_legs SELECT * FROM transaction_projections "
                        "WHERE position > ? AND position <= ?",
                        "copy legs"},
              std::pair{"INSERT INTO floor_audit SELECT * FROM audit_logs "
                        "WHERE id > ? AND id <= ?",
                        "copy audit rows"},
              std::pair{"UPDATE floor_accounts f SET balance = a.balance, version = a.version, "
                        "updated_at = a.updated_at FROM account_projections a WHERE f.id = a.id "
                        "AND a.id IN (SELECT account_id FROM transaction_projections "
                        "WHERE position > ? AND position <= ?)",
                        "update accounts"}}) {
            if (done.ok())
                done = database.run(QString::fromLatin1(sql), range, QString::fromLatin1(what));
        }
        if (done.ok())
            done = database.commit();
        if (!done.ok()) {
            database.rollback();
            return done.error();
        }
        ++floor.commits;
    }
    floor.seconds = double(wall.nsecsElapsed()) / 1e9;
    QSqlQuery counted(database.connection());
    if (!counted.exec(QStringLiteral("SELECT (SELECT count(*) FROM floor_legs), "
                                     "(SELECT count(*) FROM floor_audit)")) ||
        !counted.next())
        return Error{QStringLiteral("BENCH"), QStringLiteral("count the copied rows"), {}};
    floor.legs = counted.value(0).toLongLong();
    floor.auditRows = counted.value(1).toLongLong();
    if (Status dropped =
            database.exec(QStringLiteral("DROP TABLE floor_legs, floor_audit, floor_accounts"));
        !dropped.ok())
        return dropped.error();
    return floor;
}

} // namespace

int main(int argc, char *argv[])
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // each figure as soon as it is measured
    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("billing-distributed-bench"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "End-to-end transfers/s and projection lag through billing-cli serve, Kafka and "
        "PostgreSQL, next to a plain PostgreSQL CRUD ledger. Start the services first: "
        "set -a; eval \"$(services/dev-up)\"; set +a"));
    parser.addHelpOption();
    const QCommandLineOption storeOption(QStringLiteral("store"),
                                         QStringLiteral("kafka:HOST:PORT ($BILLING_STORE)."),
                                         QStringLiteral("store"));
    const QCommandLineOption projectionsOption(
        QStringLiteral("projections"),
        QStringLiteral("postgresql://USER@HOST:PORT/DB ($BILLING_PROJECTIONS)."),
        QStringLiteral("url"));
    const QCommandLineOption cliOption(
        QStringLiteral("cli"), QStringLiteral("billing-cli to run serve with (next to this)."),
        QStringLiteral("path"));
    const QCommandLineOption usersOption(QStringLiteral("users"),
                                         QStringLiteral("USER accounts (1000)."),
                                         QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption clientsOption(QStringLiteral("clients"),
                                           QStringLiteral("Client threads (4)."),
                                           QStringLiteral("n"), QStringLiteral("4"));
    const QCommandLineOption batchOption(QStringLiteral("batch"),
                                         QStringLiteral("Transfers a client sends at once (250)."),
                                         QStringLiteral("n"), QStringLiteral("250"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"),
                                           QStringLiteral("Length of each phase (15)."),
                                           QStringLiteral("s"), QStringLiteral("15"));
    const QCommandLineOption rateOption(QStringLiteral("rate"),
                                        QStringLiteral("Commands/s of the lag phase (1000)."),
                                        QStringLiteral("n"), QStringLiteral("1000"));
    for (const QCommandLineOption &option : {storeOption, projectionsOption, cliOption, usersOption,
                                             clientsOption, batchOption, secondsOption, rateOption})
        parser.addOption(option);
    parser.process(application);

    const QString storeText = parser.isSet(storeOption) ? parser.value(storeOption)
                                                        : qEnvironmentVariable("BILLING_STORE");
    Result<StoreLocation> location = StoreLocation::parse(storeText);
    if (!location.ok() || location.value().kind != StoreLocation::Kind::Kafka)
        return say(QStringLiteral("--store kafka:HOST:PORT is needed")), 1;
    location.value().projections = parser.isSet(projectionsOption)
                                       ? parser.value(projectionsOption)
                                       : qEnvironmentVariable("BILLING_PROJECTIONS");
    Result<PostgresLocation> postgres = PostgresLocation::parse(location.value().projections);
    if (!postgres.ok())
        return say(postgres.error().message), 1;
    // A ledger of its own each run: new topics (a prefix) and a new database next to the one
    // given. On a ledger that earlier runs filled, every client and the serve would first read
    // those runs' whole log, and the projections' checkpoint would stand at their end.
    const QString run = QString::number(QDateTime::currentMSecsSinceEpoch());
    if (!qEnvironmentVariableIsSet("BILLING_KAFKA_TOPIC_PREFIX"))
        qputenv("BILLING_KAFKA_TOPIC_PREFIX", QStringLiteral("bench-%1.").arg(run).toUtf8());
    {
        PostgresDatabase server;
        if (Status opened = server.open(postgres.value()); !opened.ok())
            return say(opened.error().message), 1;
        postgres.value().database = QStringLiteral("billing_bench_%1").arg(run);
        if (Status created =
                server.exec(QStringLiteral("CREATE DATABASE %1").arg(postgres.value().database));
            !created.ok())
            return say(created.error().message), 1;
    }
    location.value().projections = postgres.value().toString();
    std::printf("ledger                         topics %sbilling.*, database %s\n",
                qPrintable(qEnvironmentVariable("BILLING_KAFKA_TOPIC_PREFIX")),
                qPrintable(postgres.value().database));
    const int users = parser.value(usersOption).toInt();
    const int clients = parser.value(clientsOption).toInt();
    const int batch = parser.value(batchOption).toInt();
    const double seconds = parser.value(secondsOption).toDouble();
    const int rate = parser.value(rateOption).toInt();

    // The decision maker, as an operator runs it.
    const QString cli = parser.isSet(cliOption)
                            ? parser.value(cliOption)
                            : QDir(QCoreApplication::applicationDirPath())
                                  .filePath(QStringLiteral("../app/cli/billing-cli"));
    QProcess serve;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("BILLING_STORE"), location.value().toString());
    environment.insert(QStringLiteral("BILLING_PROJECTIONS"), location.value().projections);
    serve.setProcessEnvironment(environment);
    serve.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    serve.start(cli, {QStringLiteral("serve")});
    if (!serve.waitForStarted())
        return say(QStringLiteral("cannot start %1 serve").arg(cli)), 1;
    const auto stopServe = [&serve] {
        serve.terminate();
        if (!serve.waitForFinished(20000))
            serve.kill();
    };

    // Accounts: one EXTERNAL, `users` USER accounts topped up.
    Result<std::unique_ptr<Client>> first = openClient(location.value());
    if (!first.ok())
        return stopServe(), say(first.error().message), 1;
    Client &setup = *first.value();
    QElapsedTimer timer;
    timer.start();
    CreateAccount external;
    external.type = AccountType::External;
    external.ownerId = QStringLiteral("bench-bank");
    external.currency = QStringLiteral("USD");
    const Command bank = setup.issue(external);
    const QString bankId = std::get<CreateAccount>(bank.body).accountId;
    QList<Command> opening{bank};
    QStringList userIds;
    for (int i = 0; i < users; ++i) {
        CreateAccount user;
        user.type = AccountType::User;
        user.ownerId = QStringLiteral("bench-user-%1").arg(i);
        user.currency = QStringLiteral("USD");
        opening.append(setup.issue(user));
        userIds.append(std::get<CreateAccount>(opening.last().body).accountId);
    }
    for (const QString &user : userIds) {
        MoveMoney topup;
        topup.type = TransactionType::Topup;
        topup.sourceAccountId = bankId;
        topup.destinationAccountId = user;
        topup.amount = Money::fromUnits(Units(1000000) * 100000000); // 1,000,000.00
        opening.append(setup.issue(topup));
    }
    for (qsizetype at = 0; at < opening.size(); at += 500) {
        const Result<QList<Outcome>> done = runAll(setup, opening.mid(at, 500));
        if (!done.ok())
            return stopServe(), say(done.error().message), 1;
    }
    std::printf("setup                          %d accounts created and topped up in %.1f s\n",
                users + 1, double(timer.nsecsElapsed()) / 1e9);

    // 1. Throughput: every client sends batches for `seconds`.
    std::atomic<bool> stop{false};
    std::atomic<qint64> completed{0};
    std::atomic<qint64> lastPosition{0};
    QMutex lock;
    QString failure;
    QList<qint64> batchNs;
    const auto startClients = [&](int count, const std::function<void(Client &, int)> &loop) {
        std::vector<std::thread> threads;
        threads.reserve(size_t(count));
        for (int c = 0; c < count; ++c) {
            threads.emplace_back([&, c, loop] {
                Result<std::unique_ptr<Client>> client = openClient(location.value());
                if (!client.ok()) {
                    const QMutexLocker locker(&lock);
                    failure = client.error().message;
                    return;
                }
                loop(*client.value(), c);
            });
        }
        return threads;
    };
    const auto noteOutcomes = [&](const QList<Outcome> &outcomes) {
        for (const Outcome &outcome : outcomes) {
            if (outcome.completed())
                ++completed;
            qint64 seen = lastPosition;
            while (outcome.position > seen &&
                   !lastPosition.compare_exchange_weak(seen, outcome.position)) {
            }
        }
    };
    std::atomic<int> ready{0};
    std::vector<std::thread> throughputThreads = startClients(clients, [&](Client &client, int c) {
        QRandomGenerator random(quint32(c + 1));
        ++ready;
        while (ready < clients && !stop)
            QThread::msleep(1);
        QList<qint64> mine;
        QElapsedTimer batchTimer;
        while (!stop) {
            QList<Command> commands;
            for (int i = 0; i < batch; ++i)
                commands.append(client.issue(transfer(userIds, random)));
            batchTimer.start();
            const Result<QList<Outcome>> outcomes = runAll(client, commands);
            if (!outcomes.ok()) {
                const QMutexLocker locker(&lock);
                failure = outcomes.error().message;
                return;
            }
            mine.append(batchTimer.nsecsElapsed());
            noteOutcomes(outcomes.value());
        }
        const QMutexLocker locker(&lock);
        batchNs.append(mine);
    });
    while (ready < clients && failure.isEmpty())
        QThread::msleep(10);
    timer.restart();
    QThread::msleep(quint64(seconds * 1000));
    stop = true;
    for (std::thread &thread : throughputThreads)
        thread.join();
    const double decidedSeconds = double(timer.nsecsElapsed()) / 1e9;
    if (!failure.isEmpty())
        return stopServe(), say(failure), 1;
    PostgresDatabase watcher;
    if (Status opened = watcher.open(postgres.value()); !opened.ok())
        return stopServe(), say(opened.error().message), 1;
    while (checkpoint(watcher) < lastPosition)
        QThread::msleep(5);
    const double projectedSeconds = double(timer.nsecsElapsed()) / 1e9;
    const bench::LatencySummary batches = bench::summarize(batchNs, decidedSeconds);
    std::printf("1. transfers through serve     %.0f /s decided (%lld in %.1f s, %d clients x "
                "batches of %d; batch p50 %.0f ms, p99 %.0f ms)   (target >= 10000 /s)\n",
                double(completed) / decidedSeconds, static_cast<long long>(completed.load()),
                decidedSeconds, clients, batch, batches.p50Ms, batches.p99Ms);
    std::printf("   with projections            %.0f /s (the last row in PostgreSQL %.1f s "
                "after the start)\n",
                double(completed) / projectedSeconds, projectedSeconds);

    // 2. Lag at a steady rate: each client keeps to rate/clients commands/s, sending every
    // 10 ms what is due by then (more at once when its previous round trip took longer); a
    // watcher notes when the projections' checkpoint passes each command's last event.
    struct Sent
    {
        qint64 sentNs;
        qint64 position;
    };
    QList<Sent> sent;
    QList<std::pair<qint64, qint64>> seen; // (time, checkpoint)
    QElapsedTimer clock;
    clock.start();
    stop = false;
    ready = 0;
    std::atomic<bool> go{false};
    std::atomic<int> finished{0};
    const double perClientPerNs = double(rate) / clients / 1e9;
    std::vector<std::thread> lagThreads = startClients(clients, [&](Client &client, int c) {
        QRandomGenerator random(quint32(c + 100));
        ++ready;
        // Opening a client reads the whole log (seconds): no one sends before the watcher runs,
        // or the first commands' rows are there before it looks and their lag counts the wait.
        while (!go && !stop)
            QThread::msleep(1);
        QList<Sent> mine;
        const qint64 start = clock.nsecsElapsed();
        qint64 tick = start;
        qint64 issued = 0;
        while (!stop) {
            const auto due = qint64(double(clock.nsecsElapsed() - start) * perClientPerNs) + 1;
            QList<Command> commands;
            for (; issued < due; ++issued)
                commands.append(client.issue(transfer(userIds, random)));
            const qint64 at = clock.nsecsElapsed();
            const Result<QList<Outcome>> outcomes =
                commands.isEmpty() ? QList<Outcome>{} : runAll(client, commands);
            if (!outcomes.ok()) {
                const QMutexLocker locker(&lock);
                failure = outcomes.error().message;
                return;
            }
            for (const Outcome &outcome : outcomes.value())
                mine.append({at, outcome.position});
            tick += 10000000;
            const qint64 wait = tick - clock.nsecsElapsed();
            if (wait > 0)
                QThread::usleep(quint64(wait / 1000));
        }
        const QMutexLocker locker(&lock);
        sent.append(mine);
        ++finished;
    });
    while (ready < clients && failure.isEmpty())
        QThread::msleep(10);
    seen.append({clock.nsecsElapsed(), checkpoint(watcher)});
    go = true;
    timer.restart();
    // The watcher keeps looking until every client has its last round trip back: a command
    // whose rows appear while nobody looks would be charged the wait until the next look.
    bool stopping = false;
    while (finished < clients && failure.isEmpty()) {
        if (!stopping && timer.nsecsElapsed() >= qint64(seconds * 1e9)) {
            stop = true;
            stopping = true;
        }
        const qint64 position = checkpoint(watcher);
        if (seen.isEmpty() || seen.last().second != position)
            seen.append({clock.nsecsElapsed(), position});
        QThread::usleep(500);
    }
    stop = true;
    for (std::thread &thread : lagThreads)
        thread.join();
    if (!failure.isEmpty())
        return stopServe(), say(failure), 1;
    for (const Sent &command : sent) {
        while (seen.last().second < command.position) {
            QThread::usleep(500);
            seen.append({clock.nsecsElapsed(), checkpoint(watcher)});
        }
    }
    QList<qint64> lagNs;
    for (const Sent &command : sent) {
        const auto visible =
            std::find_if(seen.cbegin(), seen.cend(), [&command](const auto &point) {
                return point.second >= command.position;
            });
        lagNs.append(std::max<qint64>(0, visible->first - command.sentNs));
    }
    const bench::LatencySummary lag = bench::summarize(lagNs, seconds);
    std::printf("2. projection lag at %d /s     p50 %.1f ms, p99 %.1f ms, max %.1f ms (%lld "
                "commands, sent -> rows in PostgreSQL)   (target p99 <= 100 ms)\n",
                rate, lag.p50Ms, lag.p99Ms, lag.maxMs, static_cast<long long>(lagNs.size()));
    stopServe();

    // PostgreSQL alone, on the rows the phases above wrote, with the serve stopped.
    constexpr qint64 floorPositionsPerCommit = 1000;
    const Result<PostgresFloor> floor = postgresFloor(postgres.value(), floorPositionsPerCommit);
    if (!floor.ok())
        return say(floor.error().message), 1;
    std::printf("   PostgreSQL floor            %.0f transactions/s (their %lld legs and %lld "
                "audit rows copied by PostgreSQL alone into tables with the same indexes, %lld "
                "log positions per commit, in %.2f s)\n",
                double(floor.value().legs) / 2 / floor.value().seconds,
                static_cast<long long>(floor.value().legs),
                static_cast<long long>(floor.value().auditRows),
                static_cast<long long>(floorPositionsPerCommit), floor.value().seconds);

    // 3. The baseline.
    const Result<bench::LatencySummary> crud = crudBaseline(postgres.value(), 8, users, seconds);
    if (!crud.ok())
        return say(crud.error().message), 1;
    std::printf("3. PostgreSQL CRUD baseline    %.0f /s (8 clients, hot EXTERNAL row; p50 %.2f "
                "ms, p99 %.2f ms)\n",
                crud.value().perSecond, crud.value().p50Ms, crud.value().p99Ms);
    std::printf("   ratio ours / baseline       %.2fx   (target >= 5x)\n",
                double(completed) / projectedSeconds / crud.value().perSecond);
    return 0;
}
