// Processes killed (SIGKILL) in the middle of writing: nothing applied twice, nothing lost.
#include "CliProcess.h"
#include "TestLedger.h"

#include "infrastructure/LedgerVerifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace billing;
using namespace billing::test;

class TestCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void projectorKilledMidRebuildResumesExactly();
    void importKilledMidWriteRepeatsNothing();

private:
    static void killAfter(QProcess *process, int ms);
    static qint64 count(EmbeddedStorage &storage, const QString &sql);
};

void TestCrash::killAfter(QProcess *process, int ms)
{
    QVERIFY(process->waitForStarted());
    QTest::qWait(ms);
    process->kill();
    process->waitForFinished();
}

qint64 TestCrash::count(EmbeddedStorage &storage, const QString &sql)
{
    QSqlQuery query(storage.database().connection());
    BILLING_ASSERT(query.exec(sql) && query.next());
    return query.value(0).toLongLong();
}

void TestCrash::projectorKilledMidRebuildResumesExactly()
{
    const quint32 seed = 20261125;
    qInfo("kill timing seed %u", seed);
    QRandomGenerator random(seed);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ledger.db"));
    {
        TestLedger ledger(path);
        QStringList users;
        for (int i = 0; i < 20; ++i) {
            users.append(ledger.userAccount());
            ledger.fund(users.last(), QStringLiteral("1000.00"));
        }
        QList<Command> batch;
        for (int i = 0; i < 12000; ++i) {
            MoveMoney body{TransactionType::Transfer,
                           {},
                           users[i % 20],
                           users[(i * 7 + 1) % 20],
                           TestLedger::money(QStringLiteral("0.01")),
                           {},
                           {}};
            batch.append(ledger.service().issue(body, {}));
            if (batch.size() == 1000) {
                QVERIFY(ledger.service().executeBatch(batch).ok());
                batch.clear();
            }
        }
    }
    int killedMidway = 0;
    for (int round = 0; round < 5; ++round) {
        QProcess *rebuild =
            startCli(path, {QStringLiteral("projections"), QStringLiteral("rebuild")}, this);
        killAfter(rebuild, 100 + int(random.bounded(400)));
        // Look at the file without opening EmbeddedStorage, which would finish the job.
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral(
            "SELECT (SELECT COALESCE(MAX(position), 0) FROM projection_checkpoints), "
            "(SELECT MAX(position) FROM events), "
            "(SELECT COUNT(DISTINCT transaction_id) FROM transaction_projections)")));
        QVERIFY(query.next());
        const qint64 checkpoint = query.value(0).toLongLong();
        // Rows and checkpoint move together: exactly the transactions requested up to the
        // checkpoint are projected, none twice (two legs each).
        QSqlQuery requested(db);
        QVERIFY(requested.exec(QStringLiteral("SELECT COUNT(*), (SELECT COUNT(*) FROM "
                                              "transaction_projections) FROM events WHERE "
                                              "event_type LIKE '%Requested' AND position <= %1")
                                   .arg(checkpoint)));
        QVERIFY(requested.next());
        QCOMPARE(query.value(2).toLongLong(), requested.value(0).toLongLong());
        QCOMPARE(requested.value(1).toLongLong(), 2 * requested.value(0).toLongLong());
        requested.finish();
        if (checkpoint < query.value(1).toLongLong())
            ++killedMidway;
        query.finish();
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("peek"));
    }
    QVERIFY2(killedMidway > 0, "no kill landed in the middle of a rebuild");

    Result<std::unique_ptr<EmbeddedStorage>> storage = EmbeddedStorage::open(path);
    QVERIFY(storage.ok());
    const qint64 events = count(*storage.value(), QStringLiteral("SELECT COUNT(*) FROM events"));
    QCOMPARE(
        count(*storage.value(), QStringLiteral("SELECT COUNT(*) FROM transaction_projections")),
        2 * count(*storage.value(), QStringLiteral("SELECT COUNT(*) FROM events WHERE "
                                                   "event_type LIKE '%Requested'")));
    QVERIFY(events > 40000);
    LedgerVerifier verifier(*storage.value());
    const VerifyReport report = verifier.run().value();
    QVERIFY2(report.ok, qPrintable(report.problems.join(u'\n')));
}

void TestCrash::importKilledMidWriteRepeatsNothing()
{
    constexpr int rows = 6000;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ledger.db"));
    QString alice;
    {
        TestLedger ledger(path);
        alice = ledger.userAccount();
        const QString bank = ledger.externalAccount(QStringLiteral("USD"));
        QFile csv(dir.filePath(QStringLiteral("topups.csv")));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("operation,account,counterparty,amount,currency,key,reference\n");
        for (int row = 0; row < rows; ++row)
            csv.write(
                QStringLiteral("topup,%1,%2,1.00,,,row %3\n").arg(alice, bank).arg(row).toUtf8());
    }
    const QString csvPath = dir.filePath(QStringLiteral("topups.csv"));
    QProcess *first = startCli(path, {QStringLiteral("import"), csvPath}, this);
    killAfter(first, 400);
    qint64 committed = 0;
    {
        Result<std::unique_ptr<EmbeddedStorage>> storage = EmbeddedStorage::open(path);
        QVERIFY(storage.ok());
        committed = count(
            *storage.value(),
            QStringLiteral("SELECT COUNT(*) FROM events WHERE event_type = 'TopupRequested'"));
        qInfo("the killed import had committed %lld of %d rows", committed, rows);
        QVERIFY(committed < rows);
    }
    const CliRun second = runCli(path, {QStringLiteral("import"), csvPath}, 120000);
    QCOMPARE(second.exitCode, 0);
    const QJsonArray outcomes = second.json().value(u"rows").toArray();
    QCOMPARE(outcomes.size(), rows);
    qint64 repeated = 0;
    for (const QJsonValue &row : outcomes) {
        QCOMPARE(row.toObject().value(u"outcome").toString(), QStringLiteral("completed"));
        repeated += row.toObject().value(u"repeated").toBool() ? 1 : 0;
    }
    QCOMPARE(repeated, committed);

    Result<std::unique_ptr<EmbeddedStorage>> storage = EmbeddedStorage::open(path);
    QVERIFY(storage.ok());
    QCOMPARE(
        count(*storage.value(),
              QStringLiteral("SELECT COUNT(*) FROM events WHERE event_type = 'TopupRequested'")),
        qint64(rows));
    QCOMPARE(storage.value()->projections().account(alice).value()->balance,
             TestLedger::money(QString::number(rows)));
    LedgerVerifier verifier(*storage.value());
    QVERIFY(verifier.run().value().ok);
}

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
