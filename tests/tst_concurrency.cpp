// Several billing-cli processes on one SQLite file: no stale decision ever commits, every
// command has exactly one outcome, and the books stay balanced.
#include "CliProcess.h"
#include "TestLedger.h"

#include "application/Clock.h"
#include "infrastructure/LedgerVerifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace billing;
using namespace billing::test;

class TestConcurrency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void racingWithdrawalsNeverOverdraw();
    void fourImportersOnHotAccounts();
    void aStoreClosedBesideAnotherKeepsItsLocks();

private:
    static void waitAll(const QList<QProcess *> &processes);
};

void TestConcurrency::waitAll(const QList<QProcess *> &processes)
{
    for (QProcess *process : processes)
        QVERIFY(process->waitForFinished(120000));
}

void TestConcurrency::racingWithdrawalsNeverOverdraw()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ledger.db"));
    QString alice;
    QString bank;
    {
        TestLedger ledger(path);
        alice = ledger.userAccount();
        bank = ledger.externalAccount(QStringLiteral("USD"));
        ledger.fund(alice, QStringLiteral("10.00"));
    }
    // Ten processes race for 10.00 in steps of 2.00: exactly five may win.
    QList<QProcess *> processes;
    for (int i = 0; i < 10; ++i)
        processes.append(startCli(path,
                                  {QStringLiteral("withdraw"), QStringLiteral("--account"), alice,
                                   QStringLiteral("--to"), bank, QStringLiteral("--amount"),
                                   QStringLiteral("2.00")},
                                  this));
    waitAll(processes);
    int completed = 0;
    int insufficient = 0;
    for (QProcess *process : processes) {
        const QByteArray err = process->readAllStandardError();
        if (process->exitCode() == 0)
            ++completed;
        else if (process->exitCode() == 2 && err.contains("INSUFFICIENT_FUNDS"))
            ++insufficient;
        else
            QFAIL(err.constData());
    }
    QCOMPARE(completed, 5);
    QCOMPARE(insufficient, 5);

    Result<std::unique_ptr<EmbeddedStorage>> storage = EmbeddedStorage::open(path);
    QVERIFY(storage.ok());
    QCOMPARE(storage.value()->projections().account(alice).value()->balance, Money());
    LedgerVerifier verifier(*storage.value());
    const VerifyReport report = verifier.run().value();
    QVERIFY2(report.ok, qPrintable(report.problems.join(u'\n')));
}

void TestConcurrency::fourImportersOnHotAccounts()
{
    constexpr int writers = 4;
    constexpr int rowsPerWriter = 250;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ledger.db"));
    QStringList users;
    QString bank;
    {
        TestLedger ledger(path);
        bank = ledger.externalAccount(QStringLiteral("USD"));
        for (int i = 0; i < 4; ++i) {
            users.append(ledger.userAccount());
            ledger.fund(users.last(), QStringLiteral("100.00"));
        }
    }
    // Every writer tops up through the one EXTERNAL account and moves money among the same four
    // USER accounts, so nearly every batch conflicts with another writer's.
    QList<QProcess *> processes;
    for (int writer = 0; writer < writers; ++writer) {
        QFile csv(dir.filePath(QStringLiteral("writer-%1.csv").arg(writer)));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("operation,account,counterparty,amount,currency,key,reference\n");
        for (int row = 0; row < rowsPerWriter; ++row) {
            const QString from = users[(row + writer) % users.size()];
            const QString to = users[(row + writer + 1) % users.size()];
            const QString key = QStringLiteral("w%1-r%2").arg(writer).arg(row);
            const QString line =
                row % 3 == 0 ? QStringLiteral("topup,%1,%2,1.00,,%3,\n").arg(from, bank, key)
                             : QStringLiteral("transfer,%1,%2,7.25,,%3,\n").arg(from, to, key);
            csv.write(line.toUtf8());
        }
        csv.close();
        processes.append(startCli(path, {QStringLiteral("import"), csv.fileName()}, this));
    }
    waitAll(processes);
    int outcomes = 0;
    for (QProcess *process : processes) {
        QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
        const QJsonObject document =
            QJsonDocument::fromJson(process->readAllStandardOutput()).object();
        const QJsonArray rows = document.value(u"rows").toArray();
        QCOMPARE(rows.size(), rowsPerWriter);
        for (const auto &row : rows) {
            const QString outcome = row.toObject().value(u"outcome").toString();
            QVERIFY(outcome == u"completed" || outcome == u"rejected");
            ++outcomes;
        }
    }
    QCOMPARE(outcomes, writers * rowsPerWriter);

    Result<std::unique_ptr<EmbeddedStorage>> storage = EmbeddedStorage::open(path);
    QVERIFY(storage.ok());
    // Each key exactly once in the log.
    QSqlQuery query(storage.value()->database().connection());
    QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*), COUNT(DISTINCT idempotency_key) FROM "
                                      "events WHERE idempotency_key LIKE 'w%'")));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toInt(), writers * rowsPerWriter);
    QCOMPARE(query.value(1).toInt(), writers * rowsPerWriter);
    LedgerVerifier verifier(*storage.value());
    const VerifyReport report = verifier.run().value();
    QVERIFY2(report.ok, qPrintable(report.problems.join(u'\n')));
    for (const QString &user : users)
        QVERIFY(!storage.value()->projections().account(user).value()->balance.isNegative());
}

void TestConcurrency::aStoreClosedBesideAnotherKeepsItsLocks()
{
    // Closing any descriptor of a file drops every POSIX lock the process holds on it. A store
    // closed beside another must leave the other's: else another process that closes its last
    // connection takes the file for its own, checkpoints it and deletes the WAL the first store
    // still commits to, and those commits are lost to every later reader.
    TestLedger ledger;
    const QString alice = ledger.userAccount();
    const QString bob = ledger.userAccount();
    ledger.fund(alice, QStringLiteral("100.00"));
    {
        Result<std::unique_ptr<EmbeddedStorage>> second = EmbeddedStorage::open(ledger.path());
        QVERIFY(second.ok());
        SystemClock clock;
        TimeOrderedIds ids;
        LedgerService service(second.value()->events(), clock, ids);
        QVERIFY(service.open().ok());
        MoveMoney move;
        move.sourceAccountId = alice;
        move.destinationAccountId = bob;
        move.amount = TestLedger::money(QStringLiteral("1.00"));
        const Result<Outcome> moved = service.execute(service.issue(move, {}));
        QVERIFY(moved.ok() && moved.value().kind == Outcome::Kind::Completed);
        // Its checkpointer copies the commit into the file and has it written out.
        QTest::qWait(1000); // five of its passes
    }
    QCOMPARE(runCli(ledger.path(), {QStringLiteral("account"), QStringLiteral("list")}).exitCode,
             0);
    QCOMPARE(ledger.transfer(alice, bob, QStringLiteral("2.00")).kind, Outcome::Kind::Completed);
    const CliRun after =
        runCli(ledger.path(), {QStringLiteral("account"), QStringLiteral("get"), bob});
    QCOMPARE(after.exitCode, 0);
    QCOMPARE(after.json().value(u"account").toObject().value(u"balance").toString(),
             QStringLiteral("3.00"));
}

QTEST_GUILESS_MAIN(TestConcurrency)
#include "tst_concurrency.moc"
