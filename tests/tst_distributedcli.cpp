// billing-cli in the distributed mode, as real processes against a real Kafka broker and a real
// PostgreSQL server, with a `billing-cli serve` deciding: every subcommand answers as on the
// embedded store, and four clients sending commands on the same hot accounts each get exactly
// one outcome per command, with nothing duplicated or lost in the log and the projections equal
// to a replay. Without a serve a command fails clearly; a serve stops cleanly on SIGTERM/SIGINT.
// The projector's stored source offsets are those a read_committed consumer finds.
#include "Checked.h"
#include "CliProcess.h"
#include "DistributedCli.h"
#include "LocalKafka.h"
#include "LocalPostgres.h"
#include "ServeProcess.h"
#include "application/Replay.h"
#include "infrastructure/KafkaEventLog.h"
#include "infrastructure/LedgerStateCodec.h"
#include "infrastructure/StoreLocation.h"

#include <QElapsedTimer>

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUrl>

#include <csignal>
#include <memory>
#include <optional>

using namespace billing::test;

namespace {

template<typename Value>
QByteArray why(const billing::Result<Value> &result)
{
    return result.ok() ? QByteArray() : result.error().message.toUtf8();
}

billing::KafkaEventLog &logOf(billing::LedgerStorage &storage)
{
    return dynamic_cast<billing::KafkaEventLog &>(storage.events());
}

} // namespace

class TestDistributedCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void everySubcommandAnswersAsOnTheEmbeddedStore();
    void noPasswordOnTheCommandLine();
    void withoutServeACommandFailsClearly();
    void aRetryGetsTheFirstOutcome();
    void serveStopsCleanlyOnSigtermAndSigint();
    void fourWritersOnHotAccounts();
    void verifyNamesATamperedEvent();
    void projectionOffsetsAreThoseOfTheLog();
    void aQueryReadsTheLogFromWhereTheProjectionsStand();
    void aSnapshotStartsTheReadOfTheLogWhereItWasTaken();
    void anOldEventIsReadFromTheNearestPlaceInTheLog();
    void theServeSavesSnapshotsOfWhatItDecides();

private:
    // A bank, two users and an import of 30 rows (`first` in `dir`) through the serve.
    struct SmallLedger
    {
        QString bank;
        QStringList users;
        QString first;
    };
    void writeSmallLedger(const QTemporaryDir &dir, SmallLedger &ledger);
    // The distributed storage in this process, its projections at `projectionsUrl`.
    std::unique_ptr<billing::LedgerStorage> openHere(const QString &projectionsUrl) const;
    // That storage, its projections brought up to the log: they must stand at `position`, with
    // `held` events read on the way.
    void caughtUpHere(const QString &projectionsUrl, qint64 position, qint64 held,
                      std::unique_ptr<billing::LedgerStorage> &storage);
    // psql's unaligned output of `statements` on `url`; none on failure.
    static std::optional<QByteArray> psqlOutput(const QString &url, const QStringList &statements);
    // "topic/partition" -> next_offset, as the projector stored them.
    QMap<QString, qint64> storedOffsets();
    // The log as billing-cli prints it: position -> hash.
    QMap<qint64, QString> logHashes();
    // What a read_committed consumer finds in each partition of the event topics: the offset
    // after its last event (partitions with events only), and where the partition ends.
    void readEventPartitions(QMap<QString, qint64> &afterLastEvent, QMap<QString, qint64> &ends);
    QStringList withStore(const QStringList &arguments) const;
    CliRun cli(const QStringList &arguments);
    QProcess *startCli(const QStringList &arguments);
    QString create(const QString &type);

    LocalKafka m_broker;
    LocalPostgres m_postgres;
    std::unique_ptr<ServeProcess> m_serve;
    int m_round = 0;
};

void TestDistributedCli::initTestCase()
{
    QVERIFY2(m_postgres.start(), qPrintable(m_postgres.error()));
    QVERIFY2(m_broker.start(), qPrintable(m_broker.error()));
}

void TestDistributedCli::init()
{
    // One ledger per test: topics of its own on the broker, and a database whose projections
    // are emptied (their checkpoint would otherwise run ahead of the new topics).
    qputenv("BILLING_KAFKA_TOPIC_PREFIX", QStringLiteral("cli%1.").arg(++m_round).toUtf8());
    QProcess psql;
    psql.start(QStringLiteral("psql"),
               {QStringLiteral("-XAtq"), m_postgres.url(), QStringLiteral("-c"),
                QStringLiteral("DO $$ BEGIN IF to_regclass('account_projections') IS NOT NULL "
                               "THEN TRUNCATE account_projections, transaction_projections, "
                               "audit_logs, projection_offsets, ledger_snapshots, log_places; "
                               "UPDATE projection_checkpoints "
                               "SET position = 0; END IF; END $$")});
    QVERIFY(psql.waitForFinished(30000));
    QCOMPARE(psql.exitCode(), 0);
    // Commands are decided by a serve; one test shows what happens without one.
    if (QByteArray(QTest::currentTestFunction()) == "withoutServeACommandFailsClearly")
        return;
    // Readers that keep 40 events note a place every 10 (the serve's projector too).
    if (QByteArray(QTest::currentTestFunction()) == "anOldEventIsReadFromTheNearestPlaceInTheLog")
        qputenv("BILLING_KAFKA_EVENTS_IN_MEMORY", "40");
    // A serve that saves a snapshot once 40 events came after the newest.
    if (QByteArray(QTest::currentTestFunction()) == "theServeSavesSnapshotsOfWhatItDecides") {
        qputenv("BILLING_KAFKA_EVENTS_IN_MEMORY", "40");
        qputenv("BILLING_SNAPSHOT_EVERY", "40");
    }
    m_serve = std::make_unique<ServeProcess>(withStore({}));
    QVERIFY2(!m_serve->waitForRole(QStringLiteral("holder")).isEmpty(),
             m_serve->errors().constData());
}

void TestDistributedCli::cleanup()
{
    qunsetenv("BILLING_KAFKA_EVENTS_IN_MEMORY");
    qunsetenv("BILLING_SNAPSHOT_EVERY");
    if (m_serve)
        QVERIFY2(m_serve->stop(), m_serve->errors().constData());
    m_serve.reset();
}

QStringList TestDistributedCli::withStore(const QStringList &arguments) const
{
    return QStringList{QStringLiteral("--store"), QStringLiteral("kafka:") + m_broker.bootstrap(),
                       QStringLiteral("--projections"), m_postgres.url()} +
           arguments;
}

CliRun TestDistributedCli::cli(const QStringList &arguments)
{
    QProcess process;
    process.start(cliPath(), withStore(arguments));
    CliRun run;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QProcess *TestDistributedCli::startCli(const QStringList &arguments)
{
    auto *process = new QProcess(this);
    process->start(cliPath(), withStore(arguments));
    return process;
}

QString TestDistributedCli::create(const QString &type)
{
    const CliRun run =
        cli({QStringLiteral("account"), QStringLiteral("create"), QStringLiteral("--type"), type,
             QStringLiteral("--currency"), QStringLiteral("USD"), QStringLiteral("--owner"), type});
    if (run.exitCode != 0)
        qWarning("%s", run.err.constData());
    return run.json().value(u"accountId").toString();
}

void TestDistributedCli::everySubcommandAnswersAsOnTheEmbeddedStore()
{
    const QString bank = create(QStringLiteral("external"));
    const QString alice = create(QStringLiteral("user"));
    const QString bob = create(QStringLiteral("user"));
    const QString shop = create(QStringLiteral("system"));
    QVERIFY(!bank.isEmpty() && !alice.isEmpty() && !bob.isEmpty() && !shop.isEmpty());

    const QStringList topup = {QStringLiteral("topup"),
                               QStringLiteral("--account"),
                               alice,
                               QStringLiteral("--from"),
                               bank,
                               QStringLiteral("--amount"),
                               QStringLiteral("100.00"),
                               QStringLiteral("--key"),
                               QStringLiteral("invoice-17")};
    const CliRun first = cli(topup);
    QCOMPARE(first.exitCode, 0);
    QCOMPARE(first.json().value(u"outcome").toString(), QStringLiteral("completed"));
    // The same key again: the first outcome, nothing written.
    const CliRun again = cli(topup);
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(again.json().value(u"repeated").toBool(), true);
    QCOMPARE(again.json().value(u"transactionId"), first.json().value(u"transactionId"));

    QCOMPARE(cli({QStringLiteral("transfer"), QStringLiteral("--from"), alice,
                  QStringLiteral("--to"), bob, QStringLiteral("--amount"), QStringLiteral("25.50")})
                 .exitCode,
             0);
    const CliRun overdraw =
        cli({QStringLiteral("transfer"), QStringLiteral("--from"), bob, QStringLiteral("--to"),
             alice, QStringLiteral("--amount"), QStringLiteral("500")});
    QCOMPARE(overdraw.exitCode, 2);
    // Amounts are read with the account's currency (USD: two decimals), which a client that
    // folds no log learns from the projections: "1.000" is refused there, as on the embedded
    // store (the decision maker would take it: it counts only the decimals that are not zero).
    const CliRun tooPrecise =
        cli({QStringLiteral("transfer"), QStringLiteral("--from"), alice, QStringLiteral("--to"),
             bob, QStringLiteral("--amount"), QStringLiteral("1.000")});
    QCOMPARE(tooPrecise.exitCode, 2);
    const QJsonObject precisionError =
        QJsonDocument::fromJson(tooPrecise.err).object().value(u"error").toObject();
    QCOMPARE(precisionError.value(u"field").toString(), QStringLiteral("amount"));
    QCOMPARE(precisionError.value(u"code").toString(), QStringLiteral("AMOUNT_TOO_PRECISE"));
    QVERIFY2(precisionError.value(u"message").toString().contains(QStringLiteral("allows 2")),
             tooPrecise.err.constData());
    // The same from a client whose projections do not know the account yet (a serve that died
    // between its commit and its projection; here a database of their own, empty): it brings
    // them up to the log before it reads the amount.
    QVERIFY(psqlOutput(m_postgres.url(), {QStringLiteral("DROP DATABASE IF EXISTS behind"),
                                          QStringLiteral("CREATE DATABASE behind")}));
    QUrl behind(m_postgres.url());
    behind.setPath(QStringLiteral("/behind"));
    QProcess behindClient;
    behindClient.start(
        cliPath(), {QStringLiteral("--store"), QStringLiteral("kafka:") + m_broker.bootstrap(),
                    QStringLiteral("--projections"), behind.toString(), QStringLiteral("transfer"),
                    QStringLiteral("--from"), alice, QStringLiteral("--to"), bob,
                    QStringLiteral("--amount"), QStringLiteral("1.000")});
    QVERIFY(behindClient.waitForFinished(120000));
    const QByteArray behindErr = behindClient.readAllStandardError();
    QCOMPARE(behindClient.exitCode(), 2);
    QCOMPARE(QJsonDocument::fromJson(behindErr)
                 .object()
                 .value(u"error")
                 .toObject()
                 .value(u"code")
                 .toString(),
             QStringLiteral("AMOUNT_TOO_PRECISE"));
    const CliRun payment =
        cli({QStringLiteral("pay"), QStringLiteral("--account"), alice, QStringLiteral("--to"),
             shop, QStringLiteral("--amount"), QStringLiteral("30")});
    QCOMPARE(payment.exitCode, 0);
    QCOMPARE(cli({QStringLiteral("refund"), QStringLiteral("--payment"),
                  payment.json().value(u"transactionId").toString(), QStringLiteral("--amount"),
                  QStringLiteral("10")})
                 .exitCode,
             0);

    // Text that PostgreSQL cannot index (an owner of 3,000 characters) or hold (a NUL), or that
    // Kafka cannot carry (a reference of 1.2 MB), is refused by name before it is sent, as on
    // the embedded store: one such command used to stop the projections for good. The reads,
    // verify and rebuild below show that they still follow the log.
    const CliRun longOwner =
        cli({QStringLiteral("account"), QStringLiteral("create"), QStringLiteral("--type"),
             QStringLiteral("user"), QStringLiteral("--currency"), QStringLiteral("USD"),
             QStringLiteral("--owner"), QString(3000, u'o')});
    QCOMPARE(longOwner.exitCode, 2);
    QCOMPARE(QJsonDocument::fromJson(longOwner.err)
                 .object()
                 .value(u"error")
                 .toObject()
                 .value(u"field")
                 .toString(),
             QStringLiteral("owner"));
    QTemporaryDir dir;
    QFile csv(dir.filePath(QStringLiteral("text.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write(QStringLiteral("operation,account,counterparty,amount,currency,key,reference\n"
                             "transfer,%1,%2,1.00,,,%3\n"
                             "transfer,%1,%2,1.00,,,%4\n"
                             "transfer,%1,%2,0.50,,,fine\n")
                  .arg(alice, bob, QStringLiteral("nul") + QChar(u'\0') + QStringLiteral("here"),
                       QString(1200000, u'r'))
                  .toUtf8());
    csv.close();
    const CliRun imported = cli({QStringLiteral("import"), csv.fileName()});
    QCOMPARE(imported.exitCode, 0);
    QStringList outcomes;
    QStringList fields;
    for (const QJsonValue row : imported.json().value(u"rows").toArray()) {
        outcomes.append(row.toObject().value(u"outcome").toString());
        fields.append(row.toObject().value(u"field").toString());
    }
    QCOMPARE(outcomes, (QStringList{QStringLiteral("invalid"), QStringLiteral("invalid"),
                                    QStringLiteral("completed")}));
    QCOMPARE(fields.mid(0, 2),
             (QStringList{QStringLiteral("reference"), QStringLiteral("reference")}));

    // A limit left out is kept as the serve finds it: the flag travels with the command.
    QCOMPARE(cli({QStringLiteral("account"), QStringLiteral("limits"), alice,
                  QStringLiteral("--max"), QStringLiteral("900")})
                 .exitCode,
             0);
    QCOMPARE(cli({QStringLiteral("account"), QStringLiteral("limits"), alice,
                  QStringLiteral("--min"), QStringLiteral("-5")})
                 .exitCode,
             0);

    // Reads come from PostgreSQL.
    const CliRun account = cli({QStringLiteral("account"), QStringLiteral("get"), alice});
    QCOMPARE(account.exitCode, 0);
    QVERIFY2(account.out.contains("54.0"), account.out.constData());
    const QJsonObject limited = account.json().value(u"account").toObject();
    QCOMPARE(limited.value(u"minBalance").toString(), QStringLiteral("-5.00"));
    QCOMPARE(limited.value(u"maxBalance").toString(), QStringLiteral("900.00"));
    const CliRun list =
        cli({QStringLiteral("tx"), QStringLiteral("list"), QStringLiteral("--account"), alice});
    QCOMPARE(list.exitCode, 0);
    QVERIFY(list.out.contains("TRANSFER"));
    QCOMPARE(cli({QStringLiteral("balances")}).exitCode, 0);
    const CliRun verify = cli({QStringLiteral("verify")});
    QVERIFY2(verify.exitCode == 0, verify.out.constData());
    QCOMPARE(verify.json().value(u"ok").toBool(), true);
    const CliRun rebuilt = cli({QStringLiteral("projections"), QStringLiteral("rebuild")});
    QCOMPARE(rebuilt.exitCode, 0);
    QCOMPARE(cli({QStringLiteral("verify")}).exitCode, 0);

    // `events` prints exactly what kcat reads from the topics in read_committed.
    const CliRun events = cli({QStringLiteral("events")});
    QCOMPARE(events.exitCode, 0);
    const QList<QByteArray> lines = events.out.trimmed().split('\n');
    QVERIFY(lines.size() > 20);
    QSet<QByteArray> fromKcat;
    for (const char *topic : {"billing.account-events", "billing.transaction-events"}) {
        QProcess kcat;
        kcat.start(QStringLiteral("kcat"),
                   {QStringLiteral("-b"), m_broker.bootstrap(), QStringLiteral("-C"),
                    QStringLiteral("-t"),
                    qEnvironmentVariable("BILLING_KAFKA_TOPIC_PREFIX") + QLatin1String(topic),
                    QStringLiteral("-e"), QStringLiteral("-q"), QStringLiteral("-X"),
                    QStringLiteral("isolation.level=read_committed")});
        QVERIFY(kcat.waitForFinished(60000));
        for (const QByteArray &line : kcat.readAllStandardOutput().trimmed().split('\n'))
            fromKcat.insert(line);
    }
    QCOMPARE(fromKcat.size(), lines.size());
    for (const QByteArray &line : lines)
        QVERIFY2(fromKcat.contains(line), line.constData());
}

void TestDistributedCli::noPasswordOnTheCommandLine()
{
    QProcess process;
    process.start(cliPath(),
                  {QStringLiteral("--store"), QStringLiteral("kafka:") + m_broker.bootstrap(),
                   QStringLiteral("--projections"),
                   QStringLiteral("postgresql://postgres:secret@127.0.0.1:1/billing"),
                   QStringLiteral("balances")});
    QVERIFY(process.waitForFinished(60000));
    QCOMPARE(process.exitCode(), 2);
    const QByteArray error = process.readAllStandardError();
    QVERIFY(error.contains("PGPASSWORD"));
    QVERIFY(!error.contains("secret"));
}

void TestDistributedCli::withoutServeACommandFailsClearly()
{
    qputenv("BILLING_COMMAND_TIMEOUT_MS", "3000");
    const CliRun run =
        cli({QStringLiteral("account"), QStringLiteral("create"), QStringLiteral("--type"),
             QStringLiteral("user"), QStringLiteral("--currency"), QStringLiteral("USD"),
             QStringLiteral("--owner"), QStringLiteral("nobody")});
    qunsetenv("BILLING_COMMAND_TIMEOUT_MS");
    QCOMPARE(run.exitCode, 1);
    const QJsonObject error = run.errorJson().value(u"error").toObject();
    QCOMPARE(error.value(u"code").toString(), QStringLiteral("STORAGE_FAILURE"));
    QVERIFY2(error.value(u"message").toString().contains(u"billing-cli serve"),
             run.err.constData());
    // Nothing was decided: the log is empty.
    const CliRun events = cli({QStringLiteral("events")});
    QCOMPARE(events.exitCode, 0);
    QVERIFY(events.out.trimmed().isEmpty());
}

void TestDistributedCli::aRetryGetsTheFirstOutcome()
{
    const QString bank = create(QStringLiteral("external"));
    const QString alice = create(QStringLiteral("user"));
    QVERIFY(!bank.isEmpty() && !alice.isEmpty());
    // The serve sleeps a moment (less than its session timeout: it keeps the role), so that the
    // client times out and sends the same command, same key, several times.
    QVERIFY(m_serve->signal(SIGSTOP));
    qputenv("BILLING_COMMAND_RETRY_MS", "200");
    QProcess *client =
        startCli({QStringLiteral("topup"), QStringLiteral("--account"), alice,
                  QStringLiteral("--from"), bank, QStringLiteral("--amount"),
                  QStringLiteral("5.00"), QStringLiteral("--key"), QStringLiteral("retried-1")});
    qunsetenv("BILLING_COMMAND_RETRY_MS");
    QThread::msleep(2500);
    QVERIFY(m_serve->signal(SIGCONT));
    QVERIFY(client->waitForFinished(60000));
    QCOMPARE(client->exitCode(), 0);
    const QJsonObject outcome = QJsonDocument::fromJson(client->readAllStandardOutput()).object();
    QCOMPARE(outcome.value(u"outcome").toString(), QStringLiteral("completed"));
    QCOMPARE(outcome.value(u"repeated").toBool(), false);

    // Several copies were decided: the first wrote, the others were answered as repeats.
    QProcess kcat;
    kcat.start(QStringLiteral("kcat"),
               {QStringLiteral("-b"), m_broker.bootstrap(), QStringLiteral("-C"),
                QStringLiteral("-t"),
                qEnvironmentVariable("BILLING_KAFKA_TOPIC_PREFIX") +
                    QStringLiteral("billing.command-outcomes"),
                QStringLiteral("-e"), QStringLiteral("-q"), QStringLiteral("-X"),
                QStringLiteral("isolation.level=read_committed")});
    QVERIFY(kcat.waitForFinished(60000));
    int copies = 0;
    int firsts = 0;
    for (const QByteArray &line : kcat.readAllStandardOutput().trimmed().split('\n')) {
        const QJsonObject record = QJsonDocument::fromJson(line).object();
        if (record.value(u"idempotencyKey").toString() != u"retried-1")
            continue;
        ++copies;
        const QJsonObject answer = record.value(u"outcome").toObject();
        firsts += answer.value(u"repeated").toBool() ? 0 : 1;
        QCOMPARE(answer.value(u"transactionId"), outcome.value(u"transactionId"));
    }
    qInfo("the client sent the command %d times", copies);
    QVERIFY(copies >= 2);
    QCOMPARE(firsts, 1);
    // One top-up in the ledger: its transaction was requested and completed once.
    int topups = 0;
    for (const QByteArray &line : cli({QStringLiteral("events")}).out.trimmed().split('\n')) {
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        if (event.value(u"aggregateId") == outcome.value(u"transactionId"))
            topups += event.value(u"eventType").toString() == u"TopupCompleted" ? 1 : 0;
    }
    QCOMPARE(topups, 1);
}

void TestDistributedCli::serveStopsCleanlyOnSigtermAndSigint()
{
    // A standby stops on SIGINT at once.
    ServeProcess standby(withStore({}));
    QVERIFY(!standby.waitForRole(QStringLiteral("standby")).isEmpty());
    QVERIFY(standby.signal(SIGINT));
    QVERIFY(standby.stop());
    // The holder stops on SIGTERM and leaves the group, so a new serve takes the role without
    // waiting for a session timeout.
    QVERIFY(!create(QStringLiteral("user")).isEmpty());
    QElapsedTimer timer;
    timer.start();
    QVERIFY2(m_serve->stop(), m_serve->errors().constData());
    const qint64 stopMs = timer.elapsed();
    m_serve.reset();
    timer.restart();
    m_serve = std::make_unique<ServeProcess>(withStore({}));
    QVERIFY(!m_serve->waitForRole(QStringLiteral("holder")).isEmpty());
    qInfo("serve stopped on SIGTERM in %lld ms; a new serve held the role %lld ms after it "
          "started",
          stopMs, timer.elapsed());
    QVERIFY(stopMs < 10000);
    QVERIFY(!create(QStringLiteral("user")).isEmpty());
    QCOMPARE(cli({QStringLiteral("verify")}).exitCode, 0);
}

void TestDistributedCli::fourWritersOnHotAccounts()
{
    constexpr int writers = 4;
    const int rowsPerWriter = qEnvironmentVariableIntValue("BILLING_DISTRIBUTED_ROWS") > 0
                                  ? qEnvironmentVariableIntValue("BILLING_DISTRIBUTED_ROWS")
                                  : 2500;
    const QString bank = create(QStringLiteral("external"));
    QStringList users;
    for (int i = 0; i < 4; ++i) {
        users.append(create(QStringLiteral("user")));
        QCOMPARE(cli({QStringLiteral("topup"), QStringLiteral("--account"), users.last(),
                      QStringLiteral("--from"), bank, QStringLiteral("--amount"),
                      QStringLiteral("100.00")})
                     .exitCode,
                 0);
    }
    // Every writer tops up through the one EXTERNAL account and moves money among the same four
    // USER accounts, so every writer's decisions depend on every other writer's.
    QTemporaryDir dir;
    QList<QProcess *> processes;
    for (int writer = 0; writer < writers; ++writer) {
        QFile csv(dir.filePath(QStringLiteral("writer-%1.csv").arg(writer)));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("operation,account,counterparty,amount,currency,key,reference\n");
        for (int row = 0; row < rowsPerWriter; ++row) {
            const QString &from = users[(row + writer) % users.size()];
            const QString &to = users[(row + writer + 1) % users.size()];
            const QString key = QStringLiteral("w%1-r%2").arg(writer).arg(row);
            const QString line =
                row % 3 == 0 ? QStringLiteral("topup,%1,%2,1.00,,%3,\n").arg(from, bank, key)
                             : QStringLiteral("transfer,%1,%2,7.25,,%3,\n").arg(from, to, key);
            csv.write(line.toUtf8());
        }
        csv.close();
        processes.append(startCli({QStringLiteral("import"), csv.fileName()}));
    }
    QElapsedTimer timer;
    timer.start();
    int outcomes = 0;
    for (QProcess *process : processes) {
        QVERIFY(process->waitForFinished(240000));
        QVERIFY2(process->exitCode() == 0, process->readAllStandardError().right(2000).constData());
        const QJsonArray rows = QJsonDocument::fromJson(process->readAllStandardOutput())
                                    .object()
                                    .value(u"rows")
                                    .toArray();
        QCOMPARE(rows.size(), rowsPerWriter);
        for (const auto &row : rows) {
            const QString outcome = row.toObject().value(u"outcome").toString();
            QVERIFY2(outcome == u"completed" || outcome == u"rejected", qPrintable(outcome));
            ++outcomes;
        }
    }
    QCOMPARE(outcomes, writers * rowsPerWriter);
    qInfo("%d clients x %d commands through serve: %lld ms", writers, rowsPerWriter,
          timer.elapsed());

    // Each key exactly once in the log, positions without a gap or a repeat.
    const CliRun events = cli({QStringLiteral("events")});
    QCOMPARE(events.exitCode, 0);
    QSet<QString> keys;
    qint64 position = 0;
    for (const QByteArray &line : events.out.trimmed().split('\n')) {
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        QCOMPARE(event.value(u"position").toInteger(), ++position);
        const QString key = event.value(u"data").toObject().value(u"idempotencyKey").toString();
        if (key.startsWith(u'w')) {
            QVERIFY2(!keys.contains(key), qPrintable(key));
            keys.insert(key);
        }
    }
    QCOMPARE(keys.size(), writers * rowsPerWriter);
    // Hash chain, every currency summing to zero, PostgreSQL projections = replay.
    const CliRun verify = cli({QStringLiteral("verify")});
    QVERIFY2(verify.exitCode == 0, verify.out.constData());
    for (const QString &user : users) {
        const CliRun account = cli({QStringLiteral("account"), QStringLiteral("get"), user});
        QVERIFY2(!account.out.contains("\"-"), account.out.constData());
    }
}

// Kafka cannot edit a record, but anyone with write access can add one. A forged event, produced
// outside any transaction (so read_committed readers see it), whose hash does not continue the
// chain: `verify` exits 3 and names it, and every other command refuses the log as well.
void TestDistributedCli::verifyNamesATamperedEvent()
{
    const QString bank = create(QStringLiteral("external"));
    const QString alice = create(QStringLiteral("user"));
    QVERIFY(!bank.isEmpty() && !alice.isEmpty());
    QCOMPARE(
        cli({QStringLiteral("topup"), QStringLiteral("--account"), alice, QStringLiteral("--from"),
             bank, QStringLiteral("--amount"), QStringLiteral("10.00")})
            .exitCode,
        0);
    QVERIFY2(m_serve->stop(), m_serve->errors().constData());
    m_serve.reset();
    QCOMPARE(cli({QStringLiteral("verify")}).exitCode, 0);

    const CliRun events = cli({QStringLiteral("events")});
    QCOMPARE(events.exitCode, 0);
    QJsonObject forged = QJsonDocument::fromJson(events.out.trimmed().split('\n').last()).object();
    const qint64 position = forged.value(u"position").toInteger() + 1;
    // The last completed top-up again, one version on, with the amount raised: what a forger
    // would want. Its hash is the previous event's, which cannot continue the chain.
    forged.insert(QStringLiteral("position"), position);
    forged.insert(QStringLiteral("eventId"), QStringLiteral("forged"));
    forged.insert(QStringLiteral("aggregateVersion"),
                  forged.value(u"aggregateVersion").toInteger() + 1);
    QProcess kcat;
    kcat.start(QStringLiteral("kcat"),
               {QStringLiteral("-P"), QStringLiteral("-b"), m_broker.bootstrap(),
                QStringLiteral("-t"),
                qEnvironmentVariable("BILLING_KAFKA_TOPIC_PREFIX") +
                    QStringLiteral("billing.transaction-events"),
                QStringLiteral("-k"), forged.value(u"aggregateId").toString(), QStringLiteral("-H"),
                QStringLiteral("billing-append-end=%1").arg(position)});
    QVERIFY(kcat.waitForStarted());
    kcat.write(QJsonDocument(forged).toJson(QJsonDocument::Compact) + '\n');
    kcat.closeWriteChannel();
    QVERIFY(kcat.waitForFinished(60000));
    QCOMPARE(kcat.exitCode(), 0);

    const CliRun verify = cli({QStringLiteral("verify")});
    QCOMPARE(verify.exitCode, 3);
    QCOMPARE(verify.json().value(u"ok").toBool(true), false);
    QCOMPARE(verify.json().value(u"firstBadPosition").toInteger(), position);
    const CliRun balances = cli({QStringLiteral("balances")});
    QCOMPARE(balances.exitCode, 3);
    QCOMPARE(balances.errorJson().value(u"error").toObject().value(u"code").toString(),
             QStringLiteral("LEDGER_TAMPERED"));
    QCOMPARE(balances.errorJson().value(u"error").toObject().value(u"position").toInteger(),
             position);
}

QMap<QString, qint64> TestDistributedCli::storedOffsets()
{
    QProcess psql;
    psql.start(QStringLiteral("psql"),
               {QStringLiteral("-XAtq"), m_postgres.url(), QStringLiteral("-c"),
                QStringLiteral("SELECT topic || '/' || partition, next_offset FROM "
                               "projection_offsets WHERE projector = 'ledger'")});
    QMap<QString, qint64> offsets;
    if (!psql.waitForFinished(30000) || psql.exitCode() != 0)
        return offsets;
    for (const QByteArray &line : psql.readAllStandardOutput().trimmed().split('\n')) {
        const QList<QByteArray> fields = line.split('|');
        if (fields.size() == 2)
            offsets.insert(QString::fromUtf8(fields[0]), fields[1].toLongLong());
    }
    return offsets;
}

void TestDistributedCli::readEventPartitions(QMap<QString, qint64> &afterLastEvent,
                                             QMap<QString, qint64> &ends)
{
    afterLastEvent.clear();
    ends.clear();
    const QString prefix = qEnvironmentVariable("BILLING_KAFKA_TOPIC_PREFIX");
    for (const QString &topic : {prefix + QStringLiteral("billing.account-events"),
                                 prefix + QStringLiteral("billing.transaction-events")}) {
        QProcess kcat;
        kcat.start(QStringLiteral("kcat"),
                   {QStringLiteral("-b"), m_broker.bootstrap(), QStringLiteral("-C"),
                    QStringLiteral("-t"), topic, QStringLiteral("-e"), QStringLiteral("-f"),
                    QStringLiteral("%t/%p %o\n"), QStringLiteral("-X"),
                    QStringLiteral("isolation.level=read_committed")});
        QVERIFY(kcat.waitForFinished(60000));
        QCOMPARE(kcat.exitCode(), 0);
        for (const QByteArray &line : kcat.readAllStandardOutput().trimmed().split('\n')) {
            const QList<QByteArray> fields = line.split(' ');
            QCOMPARE(fields.size(), 2);
            qint64 &next = afterLastEvent[QString::fromUtf8(fields[0])];
            next = std::max(next, fields[1].toLongLong() + 1);
        }
        // Without -q, kcat says where each partition ended: the consumer's position there.
        static const QRegularExpression reachedEnd(
            QStringLiteral(R"(Reached end of topic (\S+) \[(\d+)\] at offset (\d+))"));
        const QString said = QString::fromUtf8(kcat.readAllStandardError());
        for (const QRegularExpressionMatch &match : reachedEnd.globalMatch(said))
            ends.insert(match.captured(1) + u'/' + match.captured(2),
                        match.captured(3).toLongLong());
    }
}

// The projector stores, in each batch's PostgreSQL transaction, where it stands in each
// partition of the event topics. After `serve` has decided and projected a file of commands
// (from memory, with the offsets of its delivery reports), and again after a rebuild (read from
// the log, with the consumer's offsets), each partition that has events holds the offset right
// after its last event, as a read_committed consumer finds it.
void TestDistributedCli::projectionOffsetsAreThoseOfTheLog()
{
    const QString bank = create(QStringLiteral("external"));
    const QStringList users = {create(QStringLiteral("user")), create(QStringLiteral("user"))};
    QVERIFY(!bank.isEmpty() && !users[0].isEmpty() && !users[1].isEmpty());
    for (const QString &user : users)
        QCOMPARE(cli({QStringLiteral("topup"), QStringLiteral("--account"), user,
                      QStringLiteral("--from"), bank, QStringLiteral("--amount"),
                      QStringLiteral("100.00")})
                     .exitCode,
                 0);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("offsets.csv"));
    // Some thirty transactions, keyed by random ids: every partition of the transaction topic
    // gets events (all but certainly).
    QVERIFY(DistributedCli::writeImport(file, 0, 30, users, bank));
    const CliRun imported = cli({QStringLiteral("import"), file});
    QVERIFY2(imported.exitCode == 0, imported.err.constData());

    QMap<QString, qint64> afterLastEvent;
    QMap<QString, qint64> ends;
    CHECKED(readEventPartitions(afterLastEvent, ends));
    QStringList seen;
    for (auto it = afterLastEvent.cbegin(); it != afterLastEvent.cend(); ++it)
        seen.append(QStringLiteral("%1 %2").arg(it.key()).arg(it.value()));
    qInfo("after each partition's last event: %s", qPrintable(seen.join(QStringLiteral(", "))));
    QVERIFY2(afterLastEvent.size() >= 4, qPrintable(seen.join(u' ')));
    // The records after each partition's last event: the marker of the transaction that
    // committed it, and nothing else (one serve, no transaction aborted). A stored offset
    // taken from the end of the partition instead of its last event would be one too far.
    for (auto it = afterLastEvent.cbegin(); it != afterLastEvent.cend(); ++it)
        QCOMPARE(ends.value(it.key()), it.value() + 1);
    QCOMPARE(storedOffsets(), afterLastEvent);

    // Whatever a rebuild would keep is gone first: what follows is what the rebuild read.
    QProcess psql;
    psql.start(QStringLiteral("psql"),
               {QStringLiteral("-XAtq"), m_postgres.url(), QStringLiteral("-c"),
                QStringLiteral("TRUNCATE projection_offsets")});
    QVERIFY(psql.waitForFinished(30000));
    QCOMPARE(psql.exitCode(), 0);
    QVERIFY(storedOffsets().isEmpty());
    const CliRun rebuilt = cli({QStringLiteral("projections"), QStringLiteral("rebuild")});
    QVERIFY2(rebuilt.exitCode == 0, rebuilt.err.constData());
    QCOMPARE(storedOffsets(), afterLastEvent);
    const CliRun verify = cli({QStringLiteral("verify")});
    QVERIFY2(verify.exitCode == 0, verify.out.constData());
}

std::optional<QByteArray> TestDistributedCli::psqlOutput(const QString &url,
                                                         const QStringList &statements)
{
    QStringList arguments = {QStringLiteral("-XAtq"), url};
    // One -c each: CREATE DATABASE cannot run in the transaction of a multi-statement string.
    for (const QString &statement : statements)
        arguments << QStringLiteral("-c") << statement;
    QProcess psql;
    psql.start(QStringLiteral("psql"), arguments);
    if (!psql.waitForFinished(30000) || psql.exitCode() != 0) {
        qWarning("psql: %s", psql.readAllStandardError().constData());
        return std::nullopt;
    }
    return psql.readAllStandardOutput();
}

void TestDistributedCli::writeSmallLedger(const QTemporaryDir &dir, SmallLedger &ledger)
{
    ledger.bank = create(QStringLiteral("external"));
    ledger.users = {create(QStringLiteral("user")), create(QStringLiteral("user"))};
    QVERIFY(!ledger.bank.isEmpty() && !ledger.users[0].isEmpty() && !ledger.users[1].isEmpty());
    ledger.first = dir.filePath(QStringLiteral("first.csv"));
    // Random transaction ids: every partition of the transaction topic gets events.
    QVERIFY(DistributedCli::writeImport(ledger.first, 0, 30, ledger.users, ledger.bank));
    const CliRun imported = cli({QStringLiteral("import"), ledger.first});
    QVERIFY2(imported.exitCode == 0, imported.err.constData());
}

void TestDistributedCli::caughtUpHere(const QString &projectionsUrl, qint64 position, qint64 held,
                                      std::unique_ptr<billing::LedgerStorage> &storage)
{
    storage = openHere(projectionsUrl);
    QVERIFY(storage);
    const billing::Result<qint64> caughtUp = storage->catchUpProjections();
    QVERIFY2(caughtUp.ok(), why(caughtUp).constData());
    QCOMPARE(caughtUp.value(), position);
    QCOMPARE(logOf(*storage).eventsHeld(), held);
}

QMap<qint64, QString> TestDistributedCli::logHashes()
{
    QMap<qint64, QString> hashes;
    const CliRun events =
        cli({QStringLiteral("events"), QStringLiteral("--limit"), QStringLiteral("100000")});
    for (const QByteArray &line : events.out.trimmed().split('\n')) {
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        hashes.insert(event.value(u"position").toInteger(), event.value(u"hash").toString());
    }
    return hashes;
}

std::unique_ptr<billing::LedgerStorage>
TestDistributedCli::openHere(const QString &projectionsUrl) const
{
    using billing::StoreLocation;
    billing::Result<std::unique_ptr<billing::LedgerStorage>> storage = billing::openStorage(
        StoreLocation{StoreLocation::Kind::Kafka, m_broker.bootstrap(), projectionsUrl});
    if (!storage.ok())
        qWarning("%s", qPrintable(storage.error().message));
    return storage.ok() ? std::move(storage.value()) : nullptr;
}

void TestDistributedCli::aQueryReadsTheLogFromWhereTheProjectionsStand()
{
    using billing::LedgerStorage;
    QTemporaryDir dir;
    SmallLedger ledger;
    CHECKED(writeSmallLedger(dir, ledger));
    const QString &bank = ledger.bank;
    const QStringList &users = ledger.users;

    const QMap<qint64, QString> before = logHashes();
    QVERIFY2(before.size() > 50, qPrintable(QString::number(before.size())));
    const qint64 last = before.lastKey();

    // The serve projected every command before it answered: a query's catch-up finds nothing
    // after the stored offsets and reads nothing (it read all of the log before).
    {
        std::unique_ptr<LedgerStorage> storage;
        CHECKED(caughtUpHere(m_postgres.url(), last, 0, storage));
        // The older events are still there, read from the topics again, chain and all.
        const billing::Result<QList<billing::EventEnvelope>> all = storage->events().read(0, 1000);
        QVERIFY2(all.ok(), why(all).constData());
        QCOMPARE(all.value().size(), before.size());
        for (const billing::EventEnvelope &event : all.value())
            QCOMPARE(event.hash, before.value(event.position));
        // Such a reader never writes: it does not know the versions and keys before.
        billing::EventEnvelope event = all.value().last();
        ++event.aggregateVersion;
        const billing::Result<QList<billing::EventEnvelope>> appended =
            storage->events().append({event}, {});
        QVERIFY(!appended.ok());
        QVERIFY2(appended.error().message.contains(u"cannot write"),
                 qPrintable(appended.error().message));
    }

    // A checkpoint that a projector moved without its hash (an older serve still running) is
    // not started at: that catch-up reads the log from its beginning and finds nothing wrong.
    QVERIFY(psqlOutput(m_postgres.url(),
                       {QStringLiteral("UPDATE projection_checkpoints SET event_hash_position = "
                                       "position - 1")}));
    {
        std::unique_ptr<LedgerStorage> storage;
        CHECKED(caughtUpHere(m_postgres.url(), last, last, storage));
    }

    // Projections of their own, in a second database: from scratch they read the whole log...
    QVERIFY(psqlOutput(m_postgres.url(), {QStringLiteral("DROP DATABASE IF EXISTS lagging"),
                                          QStringLiteral("CREATE DATABASE lagging")}));
    QUrl lagging(m_postgres.url());
    lagging.setPath(QStringLiteral("/lagging"));
    {
        std::unique_ptr<LedgerStorage> storage;
        CHECKED(caughtUpHere(lagging.toString(), last, last, storage));
    }
    // ... and later only what came after them, chained from the hash they stored.
    const QString second = dir.filePath(QStringLiteral("second.csv"));
    QVERIFY(DistributedCli::writeImport(second, 1, 10, users, bank));
    const CliRun imported = cli({QStringLiteral("import"), second});
    QVERIFY2(imported.exitCode == 0, imported.err.constData());
    const qint64 newest = logHashes().lastKey();
    QVERIFY(newest > last);
    {
        std::unique_ptr<LedgerStorage> storage;
        CHECKED(caughtUpHere(lagging.toString(), newest, newest - last, storage));
    }
    // Both sets of projections are the same, row for row.
    const QStringList rows = {
        QStringLiteral("SELECT id, balance, version, status FROM account_projections ORDER BY id"),
        QStringLiteral("SELECT id, amount, status, position FROM transaction_projections "
                       "ORDER BY id"),
        QStringLiteral("SELECT id, event_id, action FROM audit_logs ORDER BY id")};
    const std::optional<QByteArray> served = psqlOutput(m_postgres.url(), rows);
    QVERIFY(served && served->count('\n') > newest);
    QCOMPARE(psqlOutput(lagging.toString(), rows).value_or(QByteArray()), *served);
}

void TestDistributedCli::aSnapshotStartsTheReadOfTheLogWhereItWasTaken()
{
    using billing::LedgerState;
    using billing::LedgerStorage;
    QTemporaryDir dir;
    SmallLedger ledger;
    CHECKED(writeSmallLedger(dir, ledger));
    const QString &bank = ledger.bank;
    const QStringList &users = ledger.users;
    const QString &first = ledger.first;
    CliRun run;

    // `balances` folds the log and leaves a snapshot for the next reader: here after any
    // event, and anchored at a place the log notes about every 10 events.
    qputenv("BILLING_SNAPSHOT_EVERY", "1");
    qputenv("BILLING_KAFKA_EVENTS_IN_MEMORY", "40");
    run = cli({QStringLiteral("balances")});
    qunsetenv("BILLING_SNAPSHOT_EVERY");
    qunsetenv("BILLING_KAFKA_EVENTS_IN_MEMORY");
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const std::optional<QByteArray> saved = psqlOutput(
        m_postgres.url(), {QStringLiteral("SELECT position, read_position FROM ledger_snapshots")});
    QVERIFY(saved);
    const QList<QByteArray> fields = saved->trimmed().split('|');
    QCOMPARE(fields.size(), 2);
    const qint64 snapshotAt = fields[0].toLongLong();
    const qint64 readFrom = fields[1].toLongLong();
    QVERIFY2(readFrom > 0 && readFrom <= snapshotAt && snapshotAt - readFrom <= 20,
             saved->constData());

    const QString second = dir.filePath(QStringLiteral("second.csv"));
    QVERIFY(DistributedCli::writeImport(second, 1, 10, users, bank));
    run = cli({QStringLiteral("import"), second});
    QVERIFY2(run.exitCode == 0, run.err.constData());

    const auto open = [this] {
        return openHere(m_postgres.url());
    };
    const auto held = [](LedgerStorage &storage) {
        return logOf(storage).eventsHeld();
    };
    // The whole log, folded from its beginning.
    const std::unique_ptr<LedgerStorage> whole = open();
    QVERIFY(whole);
    const billing::Result<LedgerState> replayed = billing::replayTo(whole->events(), 0, nullptr);
    QVERIFY2(replayed.ok(), why(replayed).constData());
    const qint64 newest = replayed.value().position();
    QVERIFY(newest > snapshotAt);
    QCOMPARE(held(*whole), newest);

    // A fresh process folds to the end with the snapshots: the state of a full replay, with
    // `expectedHeld` events read from the log.
    const auto foldsLikeAReplay = [&](qint64 expectedHeld) {
        const std::unique_ptr<LedgerStorage> storage = open();
        QVERIFY(storage);
        const billing::Result<LedgerState> state =
            billing::replayTo(storage->events(), 0, storage->snapshots());
        QVERIFY2(state.ok(), why(state).constData());
        QCOMPARE(billing::LedgerStateCodec::encode(state.value()),
                 billing::LedgerStateCodec::encode(replayed.value()));
        QCOMPARE(held(*storage), expectedHeld);
    };
    // From the snapshot: only the log after its place was read.
    CHECKED(foldsLikeAReplay(newest - readFrom));
    // A snapshot that does not match the log (here its event's hash) is ignored.
    QVERIFY(
        psqlOutput(m_postgres.url(),
                   {QStringLiteral("UPDATE ledger_snapshots SET event_hash = repeat('0', 64)")}));
    CHECKED(foldsLikeAReplay(newest));

    // A serve that starts takes the newest snapshot too, and writes from there: what it
    // checks a commit against (versions, idempotency keys) comes from the snapshot's state.
    qputenv("BILLING_SNAPSHOT_EVERY", "1");
    qputenv("BILLING_KAFKA_EVENTS_IN_MEMORY", "40");
    run = cli({QStringLiteral("balances")});
    qunsetenv("BILLING_SNAPSHOT_EVERY");
    qunsetenv("BILLING_KAFKA_EVENTS_IN_MEMORY");
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(m_serve->stop(), m_serve->errors().constData());
    m_serve = std::make_unique<ServeProcess>(withStore({}));
    const QJsonObject holder = m_serve->waitForRole(QStringLiteral("holder"));
    QVERIFY2(!holder.isEmpty(), m_serve->errors().constData());
    QVERIFY2(holder.value(u"readBefore").toInteger() >= newest,
             QJsonDocument(holder).toJson().constData());
    // The first import again: every row answered with its first outcome, nothing written.
    run = cli({QStringLiteral("import"), first});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QJsonObject summary =
        QJsonDocument::fromJson(run.out).object().value(u"summary").toObject();
    QCOMPARE(summary.value(u"completed").toInt() + summary.value(u"rejected").toInt() +
                 summary.value(u"invalid").toInt(),
             30);
    for (const QJsonValue row : QJsonDocument::fromJson(run.out).object().value(u"rows").toArray())
        QVERIFY2(row.toObject().value(u"repeated").toBool(), run.out.constData());
    // A new command is decided and committed after the snapshot's events, chain and all.
    run =
        cli({QStringLiteral("transfer"), QStringLiteral("--from"), users[0], QStringLiteral("--to"),
             users[1], QStringLiteral("--amount"), QStringLiteral("0.01")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(run.json().value(u"position").toInteger(), newest + 4);
    run = cli({QStringLiteral("verify")});
    QVERIFY2(run.exitCode == 0, run.out.constData());
}

// A reader that started at the projections knows no place in the log before them; an older
// event (an auditor's click in the history) is read from the nearest place the projector noted
// in PostgreSQL, not from the topics' beginning.
void TestDistributedCli::anOldEventIsReadFromTheNearestPlaceInTheLog()
{
    using billing::LedgerStorage;
    QTemporaryDir dir;
    SmallLedger ledger;
    CHECKED(writeSmallLedger(dir, ledger));
    // Commands one at a time: each is a batch of its own for the serve's projector, which notes
    // a place whenever a batch passes a multiple of 10 events. Top-ups of the first user, and
    // transfers to the second, whose partition the top-ups' batches do not touch: a place
    // carries its offset from an earlier batch.
    for (int i = 0; i < 10; ++i) {
        const CliRun command = i % 2 == 0
                                   ? cli({QStringLiteral("topup"), QStringLiteral("--account"),
                                          ledger.users[0], QStringLiteral("--from"), ledger.bank,
                                          QStringLiteral("--amount"), QStringLiteral("1")})
                                   : cli({QStringLiteral("transfer"), QStringLiteral("--from"),
                                          ledger.users[0], QStringLiteral("--to"), ledger.users[1],
                                          QStringLiteral("--amount"), QStringLiteral("0.50")});
        QVERIFY2(command.exitCode == 0, command.err.constData());
    }
    const std::optional<QByteArray> places =
        psqlOutput(m_postgres.url(), {QStringLiteral("SELECT count(*) FROM log_places")});
    QVERIFY(places);
    QVERIFY2(places->trimmed().toInt() >= 3, places->constData());

    const QMap<qint64, QString> hashes = logHashes();
    const qint64 last = hashes.lastKey();
    const qint64 old = last - 5;
    QVERIFY(old > 100);

    // Started at the projections (the last event), the log holds nothing older.
    const auto readOld = [&](qint64 &scanned) {
        std::unique_ptr<LedgerStorage> storage;
        CHECKED(caughtUpHere(m_postgres.url(), last, 0, storage));
        const billing::Result<QList<billing::EventEnvelope>> read =
            storage->events().read(old - 1, 1);
        QVERIFY2(read.ok(), why(read).constData());
        QCOMPARE(read.value().size(), 1);
        QCOMPARE(read.value().first().position, old);
        QCOMPARE(read.value().first().hash, hashes.value(old));
        scanned = logOf(*storage).recordsScanned();
        // The log reads on, the oldest events included.
        const billing::Result<QList<billing::EventEnvelope>> first = storage->events().read(0, 3);
        QVERIFY2(first.ok(), why(first).constData());
        QCOMPARE(first.value().size(), 3);
        QCOMPARE(first.value().last().hash, hashes.value(3));
    };
    qint64 fromPlace = 0;
    CHECKED(readOld(fromPlace));
    // At most the records after the nearest place (10 events back or less), where the read
    // from the beginning goes through all of the older ones.
    QVERIFY2(fromPlace <= 20, qPrintable(QString::number(fromPlace)));
    // A place that does not fit the topics (a row left from topics made again) is dropped and
    // the read starts further back: the log is not taken for tampered with.
    QVERIFY(psqlOutput(m_postgres.url(),
                       {QStringLiteral("UPDATE log_places SET event_hash = repeat('0', 64)")}));
    qint64 fromStale = 0;
    CHECKED(readOld(fromStale));
    QVERIFY(psqlOutput(m_postgres.url(), {QStringLiteral("DELETE FROM log_places")}));
    qint64 fromBeginning = 0;
    CHECKED(readOld(fromBeginning));
    QVERIFY2(fromBeginning >= old, qPrintable(QString::number(fromBeginning)));
    qInfo("event %lld of %lld: %lld records read from the nearest place, %lld from the beginning",
          old, last, fromPlace, fromBeginning);
}

// Where no desk runs, the serve saves the snapshots: a reader after it folds only what came
// after the newest one's place, into the state of a full replay.
void TestDistributedCli::theServeSavesSnapshotsOfWhatItDecides()
{
    using billing::LedgerState;
    using billing::LedgerStorage;
    QTemporaryDir dir;
    SmallLedger ledger;
    CHECKED(writeSmallLedger(dir, ledger));
    // Saved on a thread of the serve's own, after the commit: once one is there, the serve
    // stops (a save under way finishes first), so that the table holds still.
    const auto newestSnapshot = [this] {
        return psqlOutput(m_postgres.url(),
                          {QStringLiteral("SELECT position, read_position FROM ledger_snapshots "
                                          "ORDER BY position DESC LIMIT 1")});
    };
    std::optional<QByteArray> saved;
    for (QDeadlineTimer deadline(10000); !deadline.hasExpired(); QThread::msleep(100)) {
        saved = newestSnapshot();
        if (saved && !saved->trimmed().isEmpty())
            break;
    }
    QVERIFY(saved && !saved->trimmed().isEmpty());
    QVERIFY2(m_serve->stop(), m_serve->errors().constData());
    m_serve.reset();
    saved = newestSnapshot();
    QVERIFY(saved);
    // Readers here keep every event, so that the count below is all they read.
    qunsetenv("BILLING_KAFKA_EVENTS_IN_MEMORY");
    const QList<QByteArray> fields = saved->trimmed().split('|');
    QCOMPARE(fields.size(), 2);
    const qint64 snapshotAt = fields[0].toLongLong();
    const qint64 readFrom = fields[1].toLongLong();
    QVERIFY2(snapshotAt >= 40 && readFrom > 0 && readFrom < snapshotAt &&
                 snapshotAt - readFrom <= 20,
             saved->constData());

    const std::unique_ptr<LedgerStorage> whole = openHere(m_postgres.url());
    QVERIFY(whole);
    const billing::Result<LedgerState> replayed = billing::replayTo(whole->events(), 0, nullptr);
    QVERIFY2(replayed.ok(), why(replayed).constData());
    const std::unique_ptr<LedgerStorage> fresh = openHere(m_postgres.url());
    QVERIFY(fresh);
    const billing::Result<LedgerState> state =
        billing::replayTo(fresh->events(), 0, fresh->snapshots());
    QVERIFY2(state.ok(), why(state).constData());
    QCOMPARE(billing::LedgerStateCodec::encode(state.value()),
             billing::LedgerStateCodec::encode(replayed.value()));
    QCOMPARE(logOf(*fresh).eventsHeld(), replayed.value().position() - readFrom);
}

QTEST_GUILESS_MAIN(TestDistributedCli)
#include "tst_distributedcli.moc"
