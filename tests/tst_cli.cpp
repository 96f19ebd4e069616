// billing-cli end to end: every subcommand on a new store, its JSON and its exit codes.
#include "CliProcess.h"

#include "domain/Invariant.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

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
    void limitsLeftOutKeepTheirValue();
    void importRefusesMalformedRowsByLine();
    void importRefusesAFileThatIsNotUtf8();
    void importOutcomesNameTheFilesColumns();
    void unknownOptionsAndExtraWordsAreRefused();
    void txListRefusesAnUnknownAccount();
    void storeInTheEnvironmentThatIsNoStoreIsRefused();
    void refusedCommandsStartNoLedger();
    void warningsArePartOfTheJson();
    void noCommandIsAnErrorOnStderr();
    void blankKeyIsRefused();
    void balancesAtZeroAndPastTheEnd();
    void refusalsNameTheField();

private:
    QString create(const QString &type, const QString &currency = QStringLiteral("USD"));
    CliRun run(const QStringList &arguments) { return runCli(m_store, arguments); }
    qint64 eventCount();
    QJsonObject accountJson(const QString &id);
    void topup(const QString &account, const QString &from, const QString &amount);

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

QJsonObject TestCli::accountJson(const QString &id)
{
    const CliRun account = run({QStringLiteral("account"), QStringLiteral("get"), id});
    BILLING_ASSERT(account.exitCode == 0);
    return account.json().value(u"account").toObject();
}

void TestCli::topup(const QString &account, const QString &from, const QString &amount)
{
    const CliRun done = run({QStringLiteral("topup"), QStringLiteral("--account"), account,
                             QStringLiteral("--from"), from, QStringLiteral("--amount"), amount});
    BILLING_ASSERT(done.exitCode == 0);
}

namespace {

// The error document on stderr, with nothing on stdout and exit 2; empty otherwise.
QJsonObject refusal(const CliRun &run)
{
    if (run.exitCode != 2 || !run.out.isEmpty())
        qWarning("exit %d, stdout %s, stderr %s", run.exitCode, run.out.constData(),
                 run.err.constData());
    return run.exitCode == 2 && run.out.isEmpty() ? run.errorJson().value(u"error").toObject()
                                                  : QJsonObject();
}

} // namespace

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
    // Five legs in all (the refused refund has one too): a page says whether there is more
    // and where it goes on; the last says there is none.
    QCOMPARE(history.json().value(u"more").toBool(), true);
    QCOMPARE(history.json().value(u"nextOffset").toInteger(), 2);
    const CliRun last = run({QStringLiteral("tx"), QStringLiteral("list"),
                             QStringLiteral("--account"), alice, QStringLiteral("--limit"),
                             QStringLiteral("2"), QStringLiteral("--offset"), QStringLiteral("4")});
    const QJsonArray oldest = last.json().value(u"transactions").toArray();
    QCOMPARE(oldest.size(), 1);
    QCOMPARE(oldest[0].toObject().value(u"type").toString(), QStringLiteral("TOPUP"));
    QCOMPARE(last.json().value(u"more").toBool(), false);
    QVERIFY(!last.json().contains(u"nextOffset"));
    // By position instead: a leg that arrives between two pages does not shift the second.
    const qint64 cursor = history.json().value(u"nextBefore").toInteger();
    QCOMPARE(cursor, legs[1].toObject().value(u"position").toInteger());
    QCOMPARE(run({QStringLiteral("topup"), QStringLiteral("--account"), alice,
                  QStringLiteral("--from"), bank, QStringLiteral("--amount"), QStringLiteral("1")})
                 .exitCode,
             0);
    const CliRun next =
        run({QStringLiteral("tx"), QStringLiteral("list"), QStringLiteral("--account"), alice,
             QStringLiteral("--limit"), QStringLiteral("2"), QStringLiteral("--before"),
             QString::number(cursor)});
    const QJsonArray older = next.json().value(u"transactions").toArray();
    QCOMPARE(older.size(), 2);
    QCOMPARE(older[0].toObject().value(u"type").toString(), QStringLiteral("PAYMENT"));
    QCOMPARE(older[1].toObject().value(u"type").toString(), QStringLiteral("TRANSFER"));
    QCOMPARE(next.json().value(u"more").toBool(), true);
    QVERIFY(!next.json().contains(u"nextOffset"));
    QCOMPARE(next.json().value(u"nextBefore").toInteger(),
             older[1].toObject().value(u"position").toInteger());
    const CliRun both =
        run({QStringLiteral("tx"), QStringLiteral("list"), QStringLiteral("--account"), alice,
             QStringLiteral("--offset"), QStringLiteral("2"), QStringLiteral("--before"),
             QString::number(cursor)});
    QCOMPARE(both.exitCode, 2);
    QCOMPARE(both.errorJson().value(u"error").toObject().value(u"field").toString(),
             QStringLiteral("before"));

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

    // A refused command repeated after its cause is gone: the same refusal, in the same words,
    // from a new process that folded the log.
    const QStringList overdraw = {QStringLiteral("withdraw"),
                                  QStringLiteral("--account"),
                                  alice,
                                  QStringLiteral("--to"),
                                  bank,
                                  QStringLiteral("--key"),
                                  QStringLiteral("retry-2"),
                                  QStringLiteral("--amount"),
                                  QStringLiteral("50")};
    const CliRun refused = run(overdraw);
    QCOMPARE(refused.exitCode, 2);
    const QJsonObject firstError = refused.errorJson().value(u"error").toObject();
    QCOMPARE(firstError.value(u"code").toString(), QStringLiteral("INSUFFICIENT_FUNDS"));
    QCOMPARE(firstError.value(u"field").toString(), QStringLiteral("amount"));
    QCOMPARE(run(QStringList{QStringLiteral("topup"), QStringLiteral("--account"), alice,
                             QStringLiteral("--from"), bank, QStringLiteral("--amount"),
                             QStringLiteral("100")})
                 .exitCode,
             0);
    const qint64 funded = eventCount();
    const CliRun refusedAgain = run(overdraw);
    QCOMPARE(refusedAgain.exitCode, 2);
    QCOMPARE(refusedAgain.errorJson().value(u"repeated").toBool(), true);
    QCOMPARE(refusedAgain.errorJson().value(u"error").toObject(), firstError);
    QCOMPARE(eventCount(), funded);
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
        for (const QJsonValue account : balances.json().value(u"accounts").toArray()) {
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
    // One event at a time, a point can fall between a transaction's two legs (the top-up's
    // first BalanceChanged): shown as it is, unbalanced, and saying why.
    const CliRun between =
        run({QStringLiteral("balances"), QStringLiteral("--at"), QString::number(afterTopup - 2)});
    QCOMPARE(between.exitCode, 0);
    QVERIFY(!between.json().value(u"balanced").toBool());
    QVERIFY(between.json().value(u"note").toString().contains(QStringLiteral("two legs")));
    const CliRun booked =
        run({QStringLiteral("balances"), QStringLiteral("--at"), QString::number(afterTopup)});
    QVERIFY(booked.json().value(u"balanced").toBool());
    QVERIFY(!booked.json().contains(u"note"));
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
    const CliRun badStore =
        runCli(QStringLiteral("/proc/no-such-place/ledger.db"),
               {QStringLiteral("account"), QStringLiteral("create"), QStringLiteral("--type"),
                QStringLiteral("user"), QStringLiteral("--currency"), QStringLiteral("USD"),
                QStringLiteral("--owner"), QStringLiteral("o")});
    QCOMPARE(badStore.exitCode, 1);
    QCOMPARE(badStore.errorJson().value(u"error").toObject().value(u"code").toString(),
             QStringLiteral("STORAGE_FAILURE"));
    QCOMPARE(badStore.errorJson().value(u"error").toObject().value(u"field").toString(),
             QStringLiteral("store"));
    // A command that only reads, pointed at a file that is not there (a typo), says so instead
    // of starting an empty ledger that lists nothing and verifies as sound.
    const QString typo = m_dir->filePath(QStringLiteral("typo/ledgr.db"));
    for (const QStringList &reading :
         {QStringList{QStringLiteral("verify")},
          QStringList{QStringLiteral("account"), QStringLiteral("list")},
          QStringList{QStringLiteral("balances")}, QStringList{QStringLiteral("events")}}) {
        const CliRun missing = runCli(typo, reading);
        QCOMPARE(missing.exitCode, 2);
        const QJsonObject error = missing.errorJson().value(u"error").toObject();
        QCOMPARE(error.value(u"code").toString(), QStringLiteral("STORE_NOT_FOUND"));
        QCOMPARE(error.value(u"field").toString(), QStringLiteral("store"));
        QVERIFY(!QFileInfo::exists(typo) && !QFileInfo::exists(QFileInfo(typo).path()));
    }
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

void TestCli::limitsLeftOutKeepTheirValue()
{
    const CliRun created =
        run({QStringLiteral("account"), QStringLiteral("create"), QStringLiteral("--type"),
             QStringLiteral("user"), QStringLiteral("--currency"), QStringLiteral("USD"),
             QStringLiteral("--owner"), QStringLiteral("alice"), QStringLiteral("--min"),
             QStringLiteral("-10"), QStringLiteral("--max"), QStringLiteral("1000")});
    QCOMPARE(created.exitCode, 0);
    const QString alice = created.json().value(u"accountId").toString();
    const QStringList limits = {QStringLiteral("account"), QStringLiteral("limits"), alice};

    QCOMPARE(run(limits + QStringList{QStringLiteral("--max"), QStringLiteral("500")}).exitCode, 0);
    QCOMPARE(accountJson(alice).value(u"minBalance").toString(), QStringLiteral("-10.00"));
    QCOMPARE(accountJson(alice).value(u"maxBalance").toString(), QStringLiteral("500.00"));
    QCOMPARE(run(limits + QStringList{QStringLiteral("--min"), QStringLiteral("-20")}).exitCode, 0);
    QCOMPARE(accountJson(alice).value(u"minBalance").toString(), QStringLiteral("-20.00"));
    QCOMPARE(accountJson(alice).value(u"maxBalance").toString(), QStringLiteral("500.00"));

    // Neither limit: refused, nothing written.
    const qint64 before = eventCount();
    QCOMPARE(refusal(run(limits)).value(u"field").toString(), QStringLiteral("min"));
    QCOMPARE(refusal(run({QStringLiteral("account"), QStringLiteral("limits"),
                          QStringLiteral("nope"), QStringLiteral("--max"), QStringLiteral("5")}))
                 .value(u"code")
                 .toString(),
             QStringLiteral("ACCOUNT_NOT_FOUND"));
    QCOMPARE(eventCount(), before);

    QCOMPARE(run(limits + QStringList{QStringLiteral("--max"), QStringLiteral("none")}).exitCode,
             0);
    QVERIFY(accountJson(alice).value(u"maxBalance").isNull());
    QCOMPARE(accountJson(alice).value(u"minBalance").toString(), QStringLiteral("-20.00"));
}

void TestCli::importOutcomesNameTheFilesColumns()
{
    const QString alice = create(QStringLiteral("user"));
    const QString bob = create(QStringLiteral("user"));
    const QString bank = create(QStringLiteral("external"));
    QFile csv(m_dir->filePath(QStringLiteral("columns.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    // The decision names the CLI's options (--from, --to, --payment); a row names its columns.
    const QString text = QStringLiteral("operation,account,counterparty,amount,currency,key,"
                                        "reference\n"
                                        "topup,%3,%1,1.00,,,\n"    // sides swapped: the USER
                                        "transfer,%3,%2,1.00,,,\n" // an EXTERNAL sends
                                        "withdraw,%1,,1.00,,,\n"   // no counterparty
                                        "refund,,,1.00,USD,,\n"    // no payment
                                        "pay,%1,%2,1.00,,,\n"      // a USER is no SYSTEM
                                        "refund,%1,,1.00,USD,,\n"  // not a transaction
                                        "pay,%1,%2,1.0.0,,,\n")    // refused before deciding
                             .arg(alice, bob, bank);
    csv.write(text.toUtf8());
    csv.close();
    const CliRun imported = run({QStringLiteral("import"), csv.fileName()});
    QCOMPARE(imported.exitCode, 0);
    QStringList fields;
    QStringList commands;
    for (const auto &row : imported.json().value(u"rows").toArray()) {
        QVERIFY(row.toObject().value(u"outcome").toString() != QStringLiteral("completed"));
        fields.append(row.toObject().value(u"field").toString());
        commands.append(row.toObject().value(u"command").toString());
    }
    QCOMPARE(fields, (QStringList{QStringLiteral("counterparty"), QStringLiteral("account"),
                                  QStringLiteral("counterparty"), QStringLiteral("account"),
                                  QStringLiteral("counterparty"), QStringLiteral("account"),
                                  QStringLiteral("amount")}));
    // Rows refused before deciding name their command as decided rows do.
    QCOMPARE(commands.at(2), QStringLiteral("withdrawal"));
    QCOMPARE(commands.at(4), QStringLiteral("payment"));
    QCOMPARE(commands.at(6), QStringLiteral("payment"));
}

void TestCli::importRefusesAFileThatIsNotUtf8()
{
    const QString alice = create(QStringLiteral("user"));
    const QString bank = create(QStringLiteral("external"));
    const qint64 before = eventCount();
    QFile csv(m_dir->filePath(QStringLiteral("latin1.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    // A valid row first, then one whose reference is Latin-1 ("Caf\xe9"), after a CRLF line.
    csv.write(QStringLiteral("operation,account,counterparty,amount,currency,key,reference\r\n"
                             "topup,%1,%2,1.00,,,ok\r\n"
                             "topup,%1,%2,2.00,,,")
                  .arg(alice, bank)
                  .toUtf8() +
              QByteArray("Caf\xe9\r\n"));
    csv.close();
    const QJsonObject error = refusal(run({QStringLiteral("import"), csv.fileName()}));
    QCOMPARE(error.value(u"code").toString(), QStringLiteral("INVALID_ARGUMENT"));
    QCOMPARE(error.value(u"field").toString(), QStringLiteral("file"));
    QVERIFY2(error.value(u"message").toString().startsWith(QStringLiteral("line 3 ")),
             qPrintable(error.value(u"message").toString()));
    QCOMPARE(eventCount(), before);
}

void TestCli::importRefusesMalformedRowsByLine()
{
    const QString alice = create(QStringLiteral("user"));
    const QString bob = create(QStringLiteral("user"));
    const QString bank = create(QStringLiteral("external"));
    QFile csv(m_dir->filePath(QStringLiteral("malformed.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    const QString text = QStringLiteral("operation,account,counterparty,amount,currency,key,"
                                        "reference\n"                     // line 1
                                        "topup,%1,%3,1.00,,,\n"           // 2
                                        "\n"                              // 3
                                        "   \n"                           // 4
                                        "topup,%1,%3,2.00\n"              // 5: 4 columns
                                        "topup,%1,%3,3.00,,,,,\n"         // 6: 9 columns
                                        "transfer,%1,%2,1,,,\n"           // 7
                                        "topup,%1,%3,4.00,,,\"unclosed\n" // 8
                                        "topup,%1,%3,8.00,,,\n")          // 9
                             .arg(alice, bob, bank);
    csv.write(text.toUtf8());
    csv.close();
    const CliRun imported = run({QStringLiteral("import"), csv.fileName()});
    QCOMPARE(imported.exitCode, 0);
    const QJsonArray rows = imported.json().value(u"rows").toArray();
    QList<int> lines;
    QStringList outcomes;
    for (const auto &row : rows) {
        lines.append(row.toObject().value(u"row").toInt());
        outcomes.append(row.toObject().value(u"outcome").toString());
    }
    QCOMPARE(lines, (QList<int>{2, 5, 6, 7, 8, 9}));
    const QString completed = QStringLiteral("completed");
    const QString invalid = QStringLiteral("invalid");
    QCOMPARE(outcomes, (QStringList{completed, invalid, invalid, completed, invalid, completed}));
    for (const int i : {1, 2, 4}) {
        const QJsonObject row = rows[i].toObject();
        QCOMPARE(row.value(u"field").toString(), QStringLiteral("row"));
        QVERIFY2(row.value(u"message")
                     .toString()
                     .contains(QStringLiteral("line %1").arg(row.value(u"row").toInt())),
                 qPrintable(row.value(u"message").toString()));
    }
    QVERIFY(rows[1].toObject().value(u"message").toString().contains(u"4 columns"));
    QVERIFY(rows[2].toObject().value(u"message").toString().contains(u"9 columns"));
    QCOMPARE(imported.json().value(u"summary").toObject().value(u"invalid").toInt(), 3);
    QCOMPARE(accountJson(alice).value(u"balance").toString(), QStringLiteral("8.00"));
}

void TestCli::unknownOptionsAndExtraWordsAreRefused()
{
    const QString alice = create(QStringLiteral("user"));
    QFile csv(m_dir->filePath(QStringLiteral("empty.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("operation,account,counterparty,amount,currency,key,reference\n");
    csv.close();
    const QString bogus = QStringLiteral("--bogus");
    const QString one = QStringLiteral("1");
    const QList<std::pair<QStringList, QString>> cases = {
        {{QStringLiteral("account"), QStringLiteral("get"), alice, bogus, one},
         QStringLiteral("bogus")},
        {{QStringLiteral("tx"), QStringLiteral("get"), QStringLiteral("nope"), bogus, one},
         QStringLiteral("bogus")},
        {{QStringLiteral("projections"), QStringLiteral("rebuild"), QStringLiteral("--foo"), one},
         QStringLiteral("foo")},
        {{QStringLiteral("account"), QStringLiteral("create"), QStringLiteral("extra"),
          QStringLiteral("--type"), QStringLiteral("user"), QStringLiteral("--currency"),
          QStringLiteral("USD"), QStringLiteral("--owner"), QStringLiteral("o")},
         QStringLiteral("extra")},
        {{QStringLiteral("import"), csv.fileName(), QStringLiteral("b.csv")},
         QStringLiteral("b.csv")},
        {{QStringLiteral("account"), QStringLiteral("get"), alice, QStringLiteral("B")},
         QStringLiteral("B")},
        {{QStringLiteral("verify"), QStringLiteral("extra"), QStringLiteral("words")},
         QStringLiteral("extra")},
        {{QStringLiteral("topup"), QStringLiteral("now"), QStringLiteral("--account"), alice,
          QStringLiteral("--from"), alice, QStringLiteral("--amount"), one},
         QStringLiteral("now")},
    };
    const qint64 before = eventCount();
    for (const auto &[arguments, field] : cases) {
        const QJsonObject error = refusal(run(arguments));
        QCOMPARE(error.value(u"code").toString(), QStringLiteral("INVALID_ARGUMENT"));
        QCOMPARE(error.value(u"field").toString(), field);
    }
    QCOMPARE(eventCount(), before);
}

void TestCli::txListRefusesAnUnknownAccount()
{
    create(QStringLiteral("user"));
    for (const QString &id :
         {QStringLiteral("nope"), QUuid::createUuid().toString(QUuid::WithoutBraces)}) {
        const QJsonObject error = refusal(
            run({QStringLiteral("tx"), QStringLiteral("list"), QStringLiteral("--account"), id}));
        QCOMPARE(error.value(u"code").toString(), QStringLiteral("ACCOUNT_NOT_FOUND"));
        QCOMPARE(error.value(u"field").toString(), QStringLiteral("account"));
    }
}

void TestCli::noCommandIsAnErrorOnStderr()
{
    const QJsonObject error = refusal(run({}));
    QCOMPARE(error.value(u"code").toString(), QStringLiteral("INVALID_ARGUMENT"));
    QCOMPARE(error.value(u"field").toString(), QStringLiteral("command"));
}

void TestCli::blankKeyIsRefused()
{
    const QString alice = create(QStringLiteral("user"));
    const QString bank = create(QStringLiteral("external"));
    const qint64 before = eventCount();
    for (const QString &key : {QString(), QStringLiteral("  ")}) {
        const QStringList topup = {QStringLiteral("topup"),
                                   QStringLiteral("--account"),
                                   alice,
                                   QStringLiteral("--from"),
                                   bank,
                                   QStringLiteral("--amount"),
                                   QStringLiteral("1"),
                                   QStringLiteral("--key"),
                                   key};
        QCOMPARE(refusal(run(topup)).value(u"field").toString(), QStringLiteral("key"));
        const QStringList suspend = {QStringLiteral("account"), QStringLiteral("suspend"), alice,
                                     QStringLiteral("--key"), key};
        QCOMPARE(refusal(run(suspend)).value(u"field").toString(), QStringLiteral("key"));
    }
    QCOMPARE(eventCount(), before);
}

void TestCli::balancesAtZeroAndPastTheEnd()
{
    const QString alice = create(QStringLiteral("user"));
    const QString bank = create(QStringLiteral("external"));
    topup(alice, bank, QStringLiteral("10"));
    const qint64 last = eventCount();
    const CliRun atZero =
        run({QStringLiteral("balances"), QStringLiteral("--at"), QStringLiteral("0")});
    QCOMPARE(atZero.exitCode, 0);
    QCOMPARE(atZero.json().value(u"position").toInteger(), 0);
    QVERIFY(atZero.json().value(u"accounts").toArray().isEmpty());
    const CliRun atLast =
        run({QStringLiteral("balances"), QStringLiteral("--at"), QString::number(last)});
    QCOMPARE(atLast.exitCode, 0);
    QCOMPARE(atLast.json().value(u"position").toInteger(), last);
    const QJsonObject past = refusal(
        run({QStringLiteral("balances"), QStringLiteral("--at"), QString::number(last + 1)}));
    QCOMPARE(past.value(u"field").toString(), QStringLiteral("at"));
    QVERIFY2(past.value(u"message").toString().contains(QString::number(last)),
             qPrintable(past.value(u"message").toString()));
}

void TestCli::refusalsNameTheField()
{
    const QString alice = create(QStringLiteral("user"));
    const QString bob = create(QStringLiteral("user"));
    const QString bank = create(QStringLiteral("external"));
    topup(alice, bank, QStringLiteral("100"));
    topup(bob, bank, QStringLiteral("5"));
    QCOMPARE(run({QStringLiteral("account"), QStringLiteral("suspend"), bob}).exitCode, 0);
    const QList<std::pair<QStringList, std::pair<QString, QString>>> cases = {
        {{QStringLiteral("transfer"), QStringLiteral("--from"), alice, QStringLiteral("--to"), bob,
          QStringLiteral("--amount"), QStringLiteral("1")},
         {QStringLiteral("ACCOUNT_NOT_ACTIVE"), QStringLiteral("to")}},
        {{QStringLiteral("transfer"), QStringLiteral("--from"), bob, QStringLiteral("--to"), alice,
          QStringLiteral("--amount"), QStringLiteral("1")},
         {QStringLiteral("ACCOUNT_NOT_ACTIVE"), QStringLiteral("from")}},
        {{QStringLiteral("topup"), QStringLiteral("--account"), bob, QStringLiteral("--from"), bank,
          QStringLiteral("--amount"), QStringLiteral("1")},
         {QStringLiteral("ACCOUNT_NOT_ACTIVE"), QStringLiteral("account")}},
        {{QStringLiteral("account"), QStringLiteral("close"), bob},
         {QStringLiteral("BALANCE_NOT_ZERO"), QStringLiteral("account")}},
        {{QStringLiteral("account"), QStringLiteral("limits"), alice, QStringLiteral("--max"),
          QStringLiteral("50")},
         {QStringLiteral("LIMITS_EXCLUDE_BALANCE"), QStringLiteral("max")}},
    };
    for (const auto &[arguments, expected] : cases) {
        const CliRun refused = run(arguments);
        QCOMPARE(refused.exitCode, 2);
        const QJsonObject error = refused.errorJson().value(u"error").toObject();
        QCOMPARE(error.value(u"code").toString(), expected.first);
        QCOMPARE(error.value(u"field").toString(), expected.second);
    }
    const QString carol = create(QStringLiteral("user"));
    QCOMPARE(run({QStringLiteral("account"), QStringLiteral("close"), carol}).exitCode, 0);
    const CliRun closed = run({QStringLiteral("account"), QStringLiteral("activate"), carol});
    QCOMPARE(closed.errorJson().value(u"error").toObject().value(u"code").toString(),
             QStringLiteral("ACCOUNT_CLOSED"));
    QCOMPARE(closed.errorJson().value(u"error").toObject().value(u"field").toString(),
             QStringLiteral("account"));
}

void TestCli::storeInTheEnvironmentThatIsNoStoreIsRefused()
{
    // The app-data folder is the test's own, so that a fallback to the default ledger shows.
    const QString home = m_dir->filePath(QStringLiteral("home"));
    QVERIFY(QDir().mkpath(home));
    for (const QString &store : {m_store, QStringLiteral("sqlite:")}) {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("BILLING_STORE"), store);
        environment.insert(QStringLiteral("HOME"), home);
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home);
        process.setProcessEnvironment(environment);
        process.start(cliPath(), {QStringLiteral("account"), QStringLiteral("create"),
                                  QStringLiteral("--type"), QStringLiteral("user"),
                                  QStringLiteral("--currency"), QStringLiteral("USD"),
                                  QStringLiteral("--owner"), QStringLiteral("alice")});
        QVERIFY(process.waitForFinished(60000));
        CliRun done;
        done.exitCode = process.exitCode();
        done.out = process.readAllStandardOutput();
        done.err = process.readAllStandardError();
        const QJsonObject error = refusal(done);
        QCOMPARE(error.value(u"code").toString(), QStringLiteral("INVALID_ARGUMENT"));
        QCOMPARE(error.value(u"field").toString(), QStringLiteral("store"));
        QVERIFY2(error.value(u"message").toString().contains(u"BILLING_STORE"),
                 qPrintable(error.value(u"message").toString()));
    }
    // No ledger was started anywhere.
    QVERIFY(!QFileInfo::exists(m_store));
    QVERIFY(QDir(home).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
}

void TestCli::refusedCommandsStartNoLedger()
{
    QVERIFY(!QFileInfo::exists(m_store));
    const QJsonObject missingFile =
        refusal(run({QStringLiteral("import"), m_dir->filePath(QStringLiteral("no-such.csv"))}));
    QCOMPARE(missingFile.value(u"field").toString(), QStringLiteral("file"));
    QVERIFY(!refusal(run({QStringLiteral("account"), QStringLiteral("lst")})).isEmpty());
    QVERIFY(!QFileInfo::exists(m_store));
}

void TestCli::warningsArePartOfTheJson()
{
    const QString alice = create(QStringLiteral("user"));
    const QString bank = create(QStringLiteral("external"));
    topup(alice, bank, QStringLiteral("1.00"));
    // Projections that cannot catch up: the checkpoint moved back before the top-up, whose
    // legs are there already. Queries warn and answer as of the projections.
    {
        QSqlDatabase database =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("behind"));
        database.setDatabaseName(m_store);
        QVERIFY(database.open());
        QSqlQuery query(database);
        QVERIFY(query.exec(QStringLiteral("UPDATE projection_checkpoints SET position = 2")));
    }
    QSqlDatabase::removeDatabase(QStringLiteral("behind"));
    const CliRun refused =
        run({QStringLiteral("account"), QStringLiteral("get"), QStringLiteral("no-such-account")});
    const QJsonObject error = refusal(refused);
    QCOMPARE(error.value(u"code").toString(), QStringLiteral("ACCOUNT_NOT_FOUND"));
    const QJsonArray warnings = error.value(u"warnings").toArray();
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.first().toString().startsWith(QStringLiteral("Projections are behind")),
             qPrintable(warnings.first().toString()));
    // Answered: the document on stdout, the warnings as one JSON line on stderr.
    const CliRun answered = run({QStringLiteral("account"), QStringLiteral("get"), alice});
    QCOMPARE(answered.exitCode, 0);
    QCOMPARE(answered.json().value(u"account").toObject().value(u"id").toString(), alice);
    QCOMPARE(answered.err.count('\n'), 1);
    QCOMPARE(answered.errorJson().value(u"warnings").toArray().size(), 1);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
