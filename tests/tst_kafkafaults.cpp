// Faults under load on the real broker, with real billing-cli processes: the broker SIGKILLed
// and restarted mid-stream; the deciding `serve` SIGKILLed, and paused (SIGSTOP) while another
// serve takes over. Each command ends once or is refused with a clear error; running the same
// files again finishes the job; a standby takes over within 15 s; a paused holder that wakes up
// commits nothing and steps down; nothing is duplicated or lost, and `verify` finds the books
// balanced and the projections equal to a replay.
#include "Checked.h"
#include "DistributedCli.h"
#include "LocalKafka.h"
#include "LocalPostgres.h"

#include "infrastructure/KafkaEventLog.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <csignal>

using namespace billing;
using namespace billing::test;

class TestKafkaFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void brokerKilledAndRestartedMidStream();
    void killedServeIsReplacedWithin15Seconds();
    void pausedServeCommitsNothingAndStepsDown();
    void aServeToldToStopWhileKafkaIsDownEnds();

private:
    // A ledger with an EXTERNAL account and four funded USER accounts.
    void setUpLedger(const QString &prefix);
    // Waits (bounded) until the log has moved `events` past `from`.
    void waitForProgress(qint64 from, qint64 events);
    qint64 lastPosition();
    // Exit 0, or exit 1 with the one error document on stderr: never a crash, never silence.
    static void checkEndedCleanly(QProcess *process);
    // Each import key exactly once, positions 1..n without a gap, and `verify` ok.
    void checkLedger(int writers, int rows);
    // The outcome records a read_committed consumer sees.
    int committedOutcomes();

    LocalKafka m_broker;
    LocalPostgres m_postgres;
    std::unique_ptr<DistributedCli> m_cli;
    std::unique_ptr<ServeProcess> m_serve;
    QString m_prefix;
    QString m_bank;
    QStringList m_users;
    QTemporaryDir m_dir;
};

void TestKafkaFaults::initTestCase()
{
    QVERIFY2(m_postgres.start(), qPrintable(m_postgres.error()));
    QVERIFY2(m_broker.start(), qPrintable(m_broker.error()));
    m_cli = std::make_unique<DistributedCli>(m_broker.bootstrap(), m_postgres.url());
}

void TestKafkaFaults::cleanup()
{
    if (m_serve)
        QVERIFY2(m_serve->stop(90000), m_serve->errors().constData());
    m_serve.reset();
}

void TestKafkaFaults::setUpLedger(const QString &prefix)
{
    m_prefix = prefix;
    QVERIFY(m_cli->startLedger(prefix));
    m_serve = m_cli->startServe();
    QVERIFY2(!m_serve->waitForRole(QStringLiteral("holder")).isEmpty(),
             m_serve->errors().constData());
    m_bank = m_cli->createAccount(QStringLiteral("external"));
    QVERIFY(!m_bank.isEmpty());
    m_users.clear();
    for (int i = 0; i < 4; ++i) {
        m_users.append(m_cli->createAccount(QStringLiteral("user")));
        QVERIFY(!m_users.last().isEmpty());
        QVERIFY(m_cli->topup(m_users.last(), m_bank, QStringLiteral("100.00")));
    }
}

qint64 TestKafkaFaults::lastPosition()
{
    const Result<KafkaSettings> settings = KafkaSettings::fromEnvironment(m_broker.bootstrap());
    BILLING_ASSERT(settings.ok());
    Result<std::unique_ptr<KafkaEventLog>> reader = KafkaEventLog::open(settings.value());
    if (!reader.ok())
        return -1;
    const Result<qint64> last = reader.value()->lastPosition();
    return last.ok() ? last.value() : -1;
}

void TestKafkaFaults::waitForProgress(qint64 from, qint64 events)
{
    for (int attempt = 0; attempt < 600; ++attempt) {
        if (lastPosition() >= from + events)
            return;
        QThread::msleep(100);
    }
    QFAIL("the writers made no progress");
}

void TestKafkaFaults::checkEndedCleanly(QProcess *process)
{
    QVERIFY(process->waitForFinished(300000));
    QCOMPARE(process->exitStatus(), QProcess::NormalExit);
    const QByteArray error = process->readAllStandardError();
    if (process->exitCode() == 0)
        return;
    QCOMPARE(process->exitCode(), 1);
    const QJsonObject document = QJsonDocument::fromJson(error.trimmed()).object();
    QVERIFY2(!document.value(u"error").toObject().value(u"code").toString().isEmpty(),
             error.constData());
}

void TestKafkaFaults::checkLedger(int writers, int rows)
{
    const QList<QJsonObject> events = m_cli->events();
    QVERIFY(!events.isEmpty());
    QSet<QString> keys;
    qint64 position = 0;
    for (const QJsonObject &event : events) {
        QCOMPARE(event.value(u"position").toInteger(), ++position);
        const QString key = event.value(u"data").toObject().value(u"idempotencyKey").toString();
        if (key.startsWith(u'w')) {
            QVERIFY2(!keys.contains(key), qPrintable(key));
            keys.insert(key);
        }
    }
    QCOMPARE(keys.size(), writers * rows);
    const CliRun verify = m_cli->run({QStringLiteral("verify")});
    QVERIFY2(verify.exitCode == 0, verify.out.constData());
}

void TestKafkaFaults::brokerKilledAndRestartedMidStream()
{
    CHECKED(setUpLedger(QStringLiteral("kill.")));
    constexpr int writers = 2;
    constexpr int rows = 2500;
    QStringList files;
    for (int writer = 0; writer < writers; ++writer) {
        files.append(m_dir.filePath(QStringLiteral("kill-%1.csv").arg(writer)));
        QVERIFY(DistributedCli::writeImport(files.last(), writer, rows, m_users, m_bank));
    }
    const qint64 before = lastPosition();
    QList<QProcess *> importers;
    for (const QString &file : files)
        importers.append(m_cli->start({QStringLiteral("import"), file}, this));
    CHECKED(waitForProgress(before, 100));

    QVERIFY(m_broker.killBroker());
    QThread::msleep(1000); // let the writers notice: requests fail, transactions are left open
    QVERIFY(m_broker.restartBroker());
    for (QProcess *importer : importers)
        CHECKED(checkEndedCleanly(importer));

    // Whatever was refused is done now; whatever was done is not done again. The serve may
    // still be taking its role back after the restart: the reruns wait for it.
    qputenv("BILLING_COMMAND_TIMEOUT_MS", "120000");
    for (const QString &file : files) {
        const CliRun again = m_cli->run({QStringLiteral("import"), file}, 300000);
        QVERIFY2(again.exitCode == 0, again.err.constData());
        const QJsonArray outcomes = again.json().value(u"rows").toArray();
        QCOMPARE(outcomes.size(), rows);
    }
    qunsetenv("BILLING_COMMAND_TIMEOUT_MS");
    CHECKED(checkLedger(writers, rows));
}

void TestKafkaFaults::aServeToldToStopWhileKafkaIsDownEnds()
{
    // librdkafka 2.0.2 waits without end for a partition's offsets when its broker is gone: a
    // standby that was reading the log then never heard its SIGTERM. Each serve ends within
    // its grace of 15 s: cleanly, or forced (exit 1) with a last line that says so.
    CHECKED(setUpLedger(QStringLiteral("down.")));
    std::unique_ptr<ServeProcess> standby = m_cli->startServe();
    QVERIFY2(!standby->waitForRole(QStringLiteral("standby")).isEmpty(),
             standby->errors().constData());
    QVERIFY(m_broker.killBroker());
    QThread::msleep(2000);
    QVERIFY(m_serve->signal(SIGTERM));
    QVERIFY(standby->signal(SIGTERM));
    for (ServeProcess *serve : {m_serve.get(), standby.get()}) {
        QVERIFY2(serve->ended(30000), serve->errors().constData());
        QVERIFY(!serve->reports().isEmpty());
        const QJsonObject last = serve->reports().last();
        QVERIFY(last.value(u"stopped").toBool());
        QCOMPARE(serve->exitCode(), last.value(u"forced").toBool() ? 1 : 0);
    }
    m_serve.reset();
    QVERIFY(m_broker.restartBroker());
}

int TestKafkaFaults::committedOutcomes()
{
    QProcess kcat;
    kcat.start(QStringLiteral("kcat"),
               {QStringLiteral("-b"), m_broker.bootstrap(), QStringLiteral("-C"),
                QStringLiteral("-t"), m_prefix + QStringLiteral("billing.command-outcomes"),
                QStringLiteral("-e"), QStringLiteral("-q"), QStringLiteral("-X"),
                QStringLiteral("isolation.level=read_committed")});
    if (!kcat.waitForFinished(60000) || kcat.exitCode() != 0)
        return -1;
    return int(kcat.readAllStandardOutput().count('\n'));
}

void TestKafkaFaults::killedServeIsReplacedWithin15Seconds()
{
    CHECKED(setUpLedger(QStringLiteral("crash.")));
    std::unique_ptr<ServeProcess> standby = m_cli->startServe();
    QVERIFY(!standby->waitForRole(QStringLiteral("standby")).isEmpty());
    constexpr int clients = 4;
    const int rows = qEnvironmentVariableIntValue("BILLING_FAILOVER_ROWS") > 0
                         ? qEnvironmentVariableIntValue("BILLING_FAILOVER_ROWS")
                         : 3000;
    QList<QProcess *> importers;
    const qint64 before = lastPosition();
    for (int client = 0; client < clients; ++client) {
        const QString file = m_dir.filePath(QStringLiteral("crash-%1.csv").arg(client));
        QVERIFY(DistributedCli::writeImport(file, client, rows, m_users, m_bank));
        importers.append(m_cli->start({QStringLiteral("import"), file}, this));
    }
    CHECKED(waitForProgress(before, 100));

    // The holder dies without a word, maybe inside a transaction.
    QVERIFY(m_serve->signal(SIGKILL));
    const qint64 killedAtMs = QDateTime::currentMSecsSinceEpoch();
    const qint64 atKill = lastPosition();
    m_serve.reset();
    const QJsonObject took = standby->waitForRole(QStringLiteral("holder"), 0, 30000);
    QVERIFY2(!took.isEmpty(), standby->errors().constData());
    const qint64 takeoverMs = took.value(u"atMs").toInteger() - killedAtMs;
    // The log moves again once the clients send their open commands to the new holder. When
    // the clients had their last outcomes before the kill (a quick run) there is nothing left
    // to move it: waiting for their ends (which drains their output) tells the two apart.
    bool moved = false;
    bool clientsDone = false;
    for (const QDeadlineTimer deadline(90000); !moved && !clientsDone && !deadline.hasExpired();) {
        moved = lastPosition() > atKill;
        clientsDone = std::all_of(importers.cbegin(), importers.cend(),
                                  [](QProcess *importer) { return importer->waitForFinished(10); });
    }
    QVERIFY2(moved || clientsDone, "the writers made no progress after the kill");
    const qint64 progressMs = QDateTime::currentMSecsSinceEpoch() - killedAtMs;
    qInfo("serve SIGKILLed: the standby held the role after %lld ms (its catch-up %lld ms, "
          "from position %lld to %lld), %s after <= %lld ms",
          takeoverMs, took.value(u"tookMs").toInteger(), took.value(u"readBefore").toInteger(),
          took.value(u"position").toInteger(),
          moved ? "the log moved again" : "the clients had all their outcomes before the kill",
          progressMs);
    QVERIFY(takeoverMs < 15000);
    // It had followed the log while standing by: taking over, it read only the rest.
    QVERIFY(took.value(u"readBefore").toInteger() > 0);
    m_serve = std::move(standby);

    // Every client's pending commands complete, each once.
    for (QProcess *importer : importers) {
        QVERIFY(importer->state() == QProcess::NotRunning || importer->waitForFinished(300000));
        QVERIFY2(importer->exitCode() == 0, importer->readAllStandardError().constData());
        const QJsonArray outcomes = QJsonDocument::fromJson(importer->readAllStandardOutput())
                                        .object()
                                        .value(u"rows")
                                        .toArray();
        QCOMPARE(outcomes.size(), rows);
    }
    CHECKED(checkLedger(clients, rows));
}

void TestKafkaFaults::pausedServeCommitsNothingAndStepsDown()
{
    CHECKED(setUpLedger(QStringLiteral("pause.")));
    std::unique_ptr<ServeProcess> standby = m_cli->startServe();
    QVERIFY(!standby->waitForRole(QStringLiteral("standby")).isEmpty());
    constexpr int rows = 2500;
    const QString file = m_dir.filePath(QStringLiteral("pause-0.csv"));
    QVERIFY(DistributedCli::writeImport(file, 0, rows, m_users, m_bank));
    const qint64 before = lastPosition();
    QProcess *importer = m_cli->start({QStringLiteral("import"), file}, this);
    CHECKED(waitForProgress(before, 100));

    // The holder stalls, maybe inside a transaction, and the standby takes the role.
    const int standbyReports = m_serve->countRole(QStringLiteral("standby"));
    QVERIFY(m_serve->signal(SIGSTOP));
    const qint64 stoppedAtMs = QDateTime::currentMSecsSinceEpoch();
    const QJsonObject took = standby->waitForRole(QStringLiteral("holder"), 0, 30000);
    QVERIFY2(!took.isEmpty(), standby->errors().constData());
    const qint64 takeoverMs = took.value(u"atMs").toInteger() - stoppedAtMs;
    qInfo("serve SIGSTOPped: the standby held the role after %lld ms (its catch-up %lld ms)",
          takeoverMs, took.value(u"tookMs").toInteger());
    QVERIFY(takeoverMs < 15000);

    // More commands on the same hot accounts through the new holder while the old one sleeps.
    for (int i = 0; i < 3; ++i) {
        const CliRun transfer = m_cli->run(
            {QStringLiteral("transfer"), QStringLiteral("--from"), m_users[i],
             QStringLiteral("--to"), m_users[i + 1], QStringLiteral("--amount"),
             QStringLiteral("1.00"), QStringLiteral("--key"), QStringLiteral("w1-r%1").arg(i)});
        QVERIFY2(transfer.exitCode == 0, transfer.err.constData());
    }
    QVERIFY(importer->waitForFinished(300000));
    QVERIFY2(importer->exitCode() == 0, importer->readAllStandardError().constData());
    QCOMPARE(QJsonDocument::fromJson(importer->readAllStandardOutput())
                 .object()
                 .value(u"rows")
                 .toArray()
                 .size(),
             rows);
    const QByteArray newer = m_cli->run({QStringLiteral("events")}).out;
    const int outcomes = committedOutcomes();
    QVERIFY(outcomes >= rows + 3);

    // Woken, the old holder finds itself fenced or without the partition: it steps down.
    QVERIFY(m_serve->signal(SIGCONT));
    QVERIFY2(!m_serve->waitForRole(QStringLiteral("standby"), standbyReports, 30000).isEmpty(),
             m_serve->errors().constData());
    QThread::msleep(2000);
    QVERIFY(!m_serve->holds());
    QVERIFY(standby->holds());
    // It committed nothing: read_committed, the log and the outcomes are exactly as before.
    QCOMPARE(m_cli->run({QStringLiteral("events")}).out, newer);
    QCOMPARE(committedOutcomes(), outcomes);
    const QList<QJsonObject> events = m_cli->events();
    QSet<QString> keys;
    qint64 position = 0;
    for (const QJsonObject &event : events) {
        QCOMPARE(event.value(u"position").toInteger(), ++position);
        const QString key = event.value(u"data").toObject().value(u"idempotencyKey").toString();
        if (!key.startsWith(u'w'))
            continue;
        QVERIFY2(!keys.contains(key), qPrintable(key));
        keys.insert(key);
    }
    QCOMPARE(keys.size(), rows + 3);
    const CliRun verify = m_cli->run({QStringLiteral("verify")});
    QVERIFY2(verify.exitCode == 0, verify.out.constData());
    QVERIFY(standby->stop());
}

QTEST_GUILESS_MAIN(TestKafkaFaults)
#include "tst_kafkafaults.moc"
