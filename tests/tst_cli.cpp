// billing-cli end to end: every subcommand on a new store, its JSON and its exit codes.
#include "CliProcess.h"

#include "domain/Invariant.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace billing::test;

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void accountsAndMoneyEndToEnd();
    void badInputNamesTheFieldAndWritesNothing();
    void idempotentRetryAndConflict();
    void balancesAsOfAPosition();
    void eventsAreJsonLines();
    void verifyExitsThreeOnTamperingAndNamesTheEvent();
    void rebuildKeepsTheProjections();
    void importRunsEveryRowOnceEvenWhenRepeated();
    void versionAndUnknownCommand();
    void snapshotsChangeNoAnswer();

private:
    QString create(const QString &type, const QString &currency = QStringLiteral("USD"));
    CliRun run(const QStringList &arguments) { return runCli(m_store, arguments); }
    qint64 eventCount();

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_store;
};

void TestCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = m_dir->filePath(QStringLiteral("ledger.db"));
}

QString TestCli::create(const QString &type, const QString &currency)
{
    const CliRun created =
        run({QStringLiteral("account"), QStringLiteral("create"), QStringLiteral("--type"), type,
             QStringLiteral("--currency"), currency, QStringLiteral("--owner"),
             type + QStringLiteral("-owner")});
    BILLING_ASSERT(created.exitCode == 0);
    return created.json().value(u"accountId").toString();
}

qint64 TestCli::eventCount()
{
    const CliRun events = run({QStringLiteral("events")});
    return events.out.count('\n');
}

void TestCli::accountsAndMoneyEndToEnd()
{
    const QString alice = create(QStringLiteral("user"));
    const QString bob = create(QStringLiteral("user"));
    const QString bank = create(QStringLiteral("external"));
    const QString shop = create(QStringLiteral("system"));

    CliRun topup =
        run({QStringLiteral("topup"), QStringLiteral("--account"), alice, QStringLiteral("--from"),
             bank, QStringLiteral("--amount"), QStringLiteral("100.00")});
    QCOMPARE(topup.exitCode, 0);
    QCOMPARE(topup.json().value(u"outcome").toString(), QStringLiteral("completed"));
    QCOMPARE(topup.json().value(u"legs").toArray().size(), 2);

    QCOMPARE(run({QStringLiteral("transfer"), QStringLiteral("--from"), alice,
                  QStringLiteral("--to"), bob, QStringLiteral("--amount"), QStringLiteral("30")})
                 .exitCode,
             0);
    QCOMPARE(run({QStringLiteral("withdraw"), QStringLiteral("--account"), bob,
                  QStringLiteral("--to"), bank, QStringLiteral("--amount"), QStringLiteral("5")})
                 .exitCode,
             0);
    const CliRun pay =
        run({QStringLiteral("pay"), QStringLiteral("--account"), alice, QStringLiteral("--to"),
             shop, QStringLiteral("--amount"), QStringLiteral("20")});
    QCOMPARE(pay.exitCode, 0);
    const QString payment = pay.json().value(u"transactionId").toString();
    QCOMPARE(run({QStringLiteral("refund"), QStringLiteral("--payment"), payment,
                  QStringLiteral("--amount"), QStringLiteral("15")})
                 .exitCode,
             0);

    const CliRun tooMuch = run({QStringLiteral("refund"), QStringLiteral("--payment"), payment,
                                QStringLiteral("--amount"), QStringLiteral("5.01")});
    QCOMPARE(tooMuch.exitCode, 2);
    QCOMPARE(tooMuch.errorJson().value(u"error").toObject().value(u"code").toString(),
             QStringLiteral("REFUND_EXCEEDS_PAYMENT"));

    const CliRun account = run({QStringLiteral("account"), QStringLiteral("get"), alice});
    QCOMPARE(account.exitCode, 0);
    QCOMPARE(account.json().value(u"account").toObject().value(u"balance").toString(),
             QStringLiteral("65.00")); // 100 - 30 - 20 + 15

    const CliRun list = run({QStringLiteral("account"), QStringLiteral("list"),
                             QStringLiteral("--owner"), QStringLiteral("user-owner")});
    QCOMPARE(list.json().value(u"accounts").toArray().size(), 2);

    const CliRun history =
        run({QStringLiteral("tx"), QStringLiteral("list"), QStringLiteral("--account"), alice,
             QStringLiteral("--limit"), QStringLiteral("2")});
    const QJsonArray legs = history.json().value(u"transactions").toArray();
    QCOMPARE(legs.size(), 2);
    QCOMPARE(legs[0].toObject().value(u"type").toString(), QStringLiteral("REFUND"));

    const CliRun transaction = run({QStringLiteral("tx"), QStringLiteral("get"), payment});
    QCOMPARE(transaction.json().value(u"legs").toArray()[0].toObject().value(u"amount").toString(),
             QStringLiteral("-20.00"));

    QCOMPARE(run({QStringLiteral("account"), QStringLiteral("suspend"), bob}).exitCode, 0);
    const CliRun closeWithMoney = run({QStringLiteral("account"), QStringLiteral("close"), bob});
    QCOMPARE(closeWithMoney.exitCode, 2);
    QCOMPARE(closeWithMoney.errorJson().value(u"error").toObject().value(u"code").toString(),
             QStringLiteral("BALANCE_NOT_ZERO"));
    QCOMPARE(run({QStringLiteral("account"), QStringLiteral("activate"), bob}).exitCode, 0);
    const CliRun limits =
        run({QStringLiteral("account"), QStringLiteral("limits"), alice, QStringLiteral("--min"),
             QStringLiteral("-50.00"), QStringLiteral("--max"), QStringLiteral("1000")});
    QCOMPARE(limits.exitCode, 0);
    QCOMPARE(limits.json().value(u"account").toObject().value(u"minBalance").toString(),
             QStringLiteral("-50.00"));

    const CliRun verify = run({QStringLiteral("verify")});
    QCOMPARE(verify.exitCode, 0);
    QCOMPARE(verify.json().value(u"ok").toBool(), true);
    QCOMPARE(verify.json().value(u"totals").toObject().value(u"USD").toString(),
             QStringLiteral("0.00"));
}

void TestCli::badInputNamesTheFieldAndWritesNothing()
{
    const QString alice = create(QStringLiteral("user"));
    const QString bank = create(QStringLiteral("external"));
    const qint64 before = eventCount();
    const QList<std::pair<QStringList, QString>> cases = {
        {{QStringLiteral("--amount"), QStringLiteral("1e3")}, QStringLiteral("AMOUNT_EXPONENT")},
        {{QStringLiteral("--amount"), QStringLiteral("1,000")}, QStringLiteral("AMOUNT_GROUPING")},
        {{QStringLiteral("--amount"), QStringLiteral("NaN")}, QStringLiteral("AMOUNT_NOT_FINITE")},
        {{QStringLiteral("--amount"), QStringLiteral("1.001")},
         QStringLiteral("AMOUNT_TOO_PRECISE")},
        {{QStringLiteral("--amount"), QStringLiteral("-1")}, QStringLiteral("AMOUNT_NEGATIVE")},
        {{QStringLiteral("--amount"), QStringLiteral("0")}, QStringLiteral("AMOUNT_NOT_POSITIVE")},
        {{QStringLiteral("--amount"), QStringLiteral("1"), QStringLiteral("--currency"),
          QStringLiteral("XYZ")},
         QStringLiteral("CURRENCY_UNKNOWN")},
    };
    for (const auto &[extra, code] : cases) {
        const CliRun rejected =
            run(QStringList{QStringLiteral("topup"), QStringLiteral("--account"), alice,
                            QStringLiteral("--from"), bank} +
                extra);
        QCOMPARE(rejected.exitCode, 2);
        const QJsonObject error = rejected.errorJson().value(u"error").toObject();
        QCOMPARE(error.value(u"code").toString(), code);
        QVERIFY(!error.value(u"field").toString().isEmpty());
        QVERIFY(!error.value(u"message").toString().isEmpty());
        QVERIFY(rejected.out.isEmpty());
    }
    const CliRun missing = run({QStringLiteral("topup"), QStringLiteral("--account"), alice});
    QCOMPARE(missing.exitCode, 2);
    QCOMPARE(missing.errorJson().value(u"error").toObject().value(u"field").toString(),
             QStringLiteral("from"));
    QCOMPARE(eventCount(), before);
}

void TestCli::idempotentRetryAndConflict()
{
    const QString alice = create(QStringLiteral("user"));
    const QString bank = create(QStringLiteral("external"));
    const QStringList topup = {QStringLiteral("topup"),
                               QStringLiteral("--account"),
                               alice,
                               QStringLiteral("--from"),
                               bank,
                               QStringLiteral("--key"),
                               QStringLiteral("retry-1"),
                               QStringLiteral("--amount")};
    const CliRun first = run(topup + QStringList{QStringLiteral("10")});
    const qint64 after = eventCount();
    const CliRun again = run(topup + QStringList{QStringLiteral("10")});
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(again.json().value(u"repeated").toBool(), true);
    QCOMPARE(again.json().value(u"transactionId"), first.json().value(u"transactionId"));
    QCOMPARE(eventCount(), after);
    const CliRun conflict = run(topup + QStringList{QStringLiteral("11")});
    QCOMPARE(conflict.exitCode, 2);
    QCOMPARE(conflict.errorJson().value(u"error").toObject().value(u"code").toString(),
             QStringLiteral("IDEMPOTENCY_CONFLICT"));
    QCOMPARE(eventCount(), after);
}

void TestCli::balancesAsOfAPosition()
{
    const QString alice = create(QStringLiteral("user"));
    const QString bank = create(QStringLiteral("external"));
    const CliRun topup =
        run({QStringLiteral("topup"), QStringLiteral("--account"), alice, QStringLiteral("--from"),
             bank, QStringLiteral("--amount"), QStringLiteral("10")});
    const qint64 afterTopup = topup.json().value(u"position").toInteger();
    run({QStringLiteral("withdraw"), QStringLiteral("--account"), alice, QStringLiteral("--to"),
         bank, QStringLiteral("--amount"), QStringLiteral("4")});
    auto balanceAt = [&](const QStringList &at) {
        const CliRun balances = run(QStringList{QStringLiteral("balances")} + at);
        BILLING_ASSERT(balances.exitCode == 0);
        for (const QJsonValue &account : balances.json().value(u"accounts").toArray()) {
            if (account.toObject().value(u"id").toString() == alice)
                return account.toObject().value(u"balance").toString();
        }
        return QString();
    };
    QCOMPARE(balanceAt({QStringLiteral("--at"), QString::number(afterTopup)}),
             QStringLiteral("10.00"));
    QCOMPARE(balanceAt({}), QStringLiteral("6.00"));
    QCOMPARE(balanceAt({QStringLiteral("--as-of"), QStringLiteral("2000-01-01T00:00:00Z")}),
             QString());
    const CliRun bad =
        run({QStringLiteral("balances"), QStringLiteral("--as-of"), QStringLiteral("yesterday")});
    QCOMPARE(bad.exitCode, 2);
    QCOMPARE(bad.errorJson().value(u"error").toObject().value(u"field").toString(),
             QStringLiteral("as-of"));
}

void TestCli::eventsAreJsonLines()
{
    create(QStringLiteral("user"));
    create(QStringLiteral("user"));
    create(QStringLiteral("user"));
    const CliRun events =
        run({QStringLiteral("events"), QStringLiteral("--after"), QStringLiteral("1"),
             QStringLiteral("--limit"), QStringLiteral("1")});
    QCOMPARE(events.exitCode, 0);
    const QList<QByteArray> lines = events.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 1);
    const QJsonObject event = QJsonDocument::fromJson(lines.first()).object();
    QCOMPARE(event.value(u"position").toInteger(), 2);
    QCOMPARE(event.value(u"eventType").toString(), QStringLiteral("AccountCreated"));
    for (const char *field :
         {"eventId", "aggregateId", "aggregateVersion", "timestamp", "correlationId", "causationId",
          "operator", "schemaVersion", "hash", "data"})
        QVERIFY2(event.contains(QLatin1String(field)), field);
}

void TestCli::verifyExitsThreeOnTamperingAndNamesTheEvent()
{
    const QString alice = create(QStringLiteral("user"));
    const QString bank = create(QStringLiteral("external"));
    run({QStringLiteral("topup"), QStringLiteral("--account"), alice, QStringLiteral("--from"),
         bank, QStringLiteral("--amount"), QStringLiteral("10")});
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
        db.setDatabaseName(m_store);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("UPDATE events SET body = replace(body, '\"10.00\"', "
                                          "'\"1000.00\"') WHERE position = 3")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
    const CliRun verify = run({QStringLiteral("verify")});
    QCOMPARE(verify.exitCode, 3);
    QCOMPARE(verify.json().value(u"ok").toBool(), false);
    QCOMPARE(verify.json().value(u"firstBadPosition").toInteger(), 3);
    QVERIFY(!verify.json().value(u"firstBadEventId").toString().isEmpty());
}

void TestCli::rebuildKeepsTheProjections()
{
    const QString alice = create(QStringLiteral("user"));
    const QString bank = create(QStringLiteral("external"));
    run({QStringLiteral("topup"), QStringLiteral("--account"), alice, QStringLiteral("--from"),
         bank, QStringLiteral("--amount"), QStringLiteral("10")});
    const QByteArray before = run({QStringLiteral("account"), QStringLiteral("list")}).out;
    const CliRun rebuild = run({QStringLiteral("projections"), QStringLiteral("rebuild")});
    QCOMPARE(rebuild.exitCode, 0);
    QCOMPARE(rebuild.json().value(u"position").toInteger(), 6);
    QCOMPARE(run({QStringLiteral("account"), QStringLiteral("list")}).out, before);
    QCOMPARE(run({QStringLiteral("verify")}).exitCode, 0);
}

void TestCli::importRunsEveryRowOnceEvenWhenRepeated()
{
    const QString alice = create(QStringLiteral("user"));
    const QString bob = create(QStringLiteral("user"));
    const QString bank = create(QStringLiteral("external"));
    QFile csv(m_dir->filePath(QStringLiteral("batch.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("operation,account,counterparty,amount,currency,key,reference\n");
    csv.write(
        QStringLiteral("topup,%1,%2,50.00,,,\"first, with comma\"\n").arg(alice, bank).toUtf8());
    csv.write(QStringLiteral("transfer,%1,%2,20,,,\n").arg(alice, bob).toUtf8());
    csv.write(QStringLiteral("transfer,%1,%2,999,,,\n").arg(alice, bob).toUtf8());
    csv.write(QStringLiteral("transfer,%1,%2,1.234,,,\n").arg(alice, bob).toUtf8());
    csv.write(QStringLiteral("explode,%1,%2,1,,,\n").arg(alice, bob).toUtf8());
    csv.close();
    const CliRun imported = run({QStringLiteral("import"), csv.fileName()});
    QCOMPARE(imported.exitCode, 0);
    const QJsonArray rows = imported.json().value(u"rows").toArray();
    QCOMPARE(rows.size(), 5);
    QCOMPARE(rows[0].toObject().value(u"outcome").toString(), QStringLiteral("completed"));
    QCOMPARE(rows[1].toObject().value(u"outcome").toString(), QStringLiteral("completed"));
    QCOMPARE(rows[2].toObject().value(u"code").toString(), QStringLiteral("INSUFFICIENT_FUNDS"));
    QCOMPARE(rows[3].toObject().value(u"code").toString(), QStringLiteral("AMOUNT_TOO_PRECISE"));
    QCOMPARE(rows[4].toObject().value(u"field").toString(), QStringLiteral("operation"));
    const QJsonObject summary = imported.json().value(u"summary").toObject();
    QCOMPARE(summary.value(u"completed").toInt(), 2);
    QCOMPARE(summary.value(u"rejected").toInt(), 1);
    QCOMPARE(summary.value(u"invalid").toInt(), 2);

    const qint64 after = eventCount();
    const CliRun again = run({QStringLiteral("import"), csv.fileName()});
    QCOMPARE(again.exitCode, 0);
    QCOMPARE(again.json().value(u"rows").toArray()[1].toObject().value(u"repeated").toBool(), true);
    QCOMPARE(eventCount(), after);
    const CliRun account = run({QStringLiteral("account"), QStringLiteral("get"), alice});
    QCOMPARE(account.json().value(u"account").toObject().value(u"balance").toString(),
             QStringLiteral("30.00"));
}

void TestCli::versionAndUnknownCommand()
{
    const CliRun version = run({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.json().value(u"version").toString(), QStringLiteral(BILLING_VERSION));
    const CliRun unknown = run({QStringLiteral("frobnicate")});
    QCOMPARE(unknown.exitCode, 2);
    QCOMPARE(unknown.errorJson().value(u"error").toObject().value(u"field").toString(),
             QStringLiteral("command"));
    const CliRun badStore = runCli(QStringLiteral("/proc/no-such-place/ledger.db"),
                                   {QStringLiteral("account"), QStringLiteral("list")});
    QCOMPARE(badStore.exitCode, 1);
    QCOMPARE(badStore.errorJson().value(u"error").toObject().value(u"code").toString(),
             QStringLiteral("STORAGE_FAILURE"));
}

void TestCli::snapshotsChangeNoAnswer()
{
    // Every CLI process saves a snapshot once 3 more events are folded, and the next one starts
    // from it: the answers must be those of a cold replay.
    qputenv("BILLING_SNAPSHOT_EVERY", "3");
    const QString alice = create(QStringLiteral("user"));
    const QString bank = create(QStringLiteral("external"));
    for (const char *amount : {"10", "20", "30"})
        QCOMPARE(run({QStringLiteral("topup"), QStringLiteral("--account"), alice,
                      QStringLiteral("--from"), bank, QStringLiteral("--amount"),
                      QString::fromLatin1(amount)})
                     .exitCode,
                 0);
    const QByteArray warm = run({QStringLiteral("balances")}).out;
    const QByteArray warmAtFive =
        run({QStringLiteral("balances"), QStringLiteral("--at"), QStringLiteral("5")}).out;
    qunsetenv("BILLING_SNAPSHOT_EVERY");
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("snapshots"));
        db.setDatabaseName(m_store);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM snapshots")) && query.next());
        QVERIFY(query.value(0).toInt() > 0);
        QVERIFY(query.exec(QStringLiteral("DELETE FROM snapshots")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("snapshots"));
    QCOMPARE(run({QStringLiteral("balances")}).out, warm);
    QCOMPARE(run({QStringLiteral("balances"), QStringLiteral("--at"), QStringLiteral("5")}).out,
             warmAtFive);
    QVERIFY(warm.contains("\"60.00\""));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
