// Projections: rebuilt from the log they are identical; lagging ones catch up on open; the
// queries page newest first.
#include "TestLedger.h"

#include "application/CurrencySource.h"
#include "infrastructure/LedgerVerifier.h"
#include "infrastructure/SqliteDatabase.h"
#include "infrastructure/SqliteSchema.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace billing;
using namespace billing::test;

class TestProjections : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rebuildGivesIdenticalTables();
    void laggingProjectionsCatchUpOnOpen();
    void accountsByOwner();
    void transactionsOfAnAccountNewestFirstAndPaged();
    void transactionShowsBothLegsSigned();
    void auditLogHasOneRowPerEvent();
    void largestAmountSurvivesTheProjection();
    void absentValuesAreNull();
    void refusalLeavesTheTimeAnAccountWasUpdated();
    void currenciesFromProjectionsMatchTheState();

private:
    static QStringList dump(TestLedger &ledger);
    static void buildHistory(TestLedger &ledger);
};

QStringList TestProjections::dump(TestLedger &ledger)
{
    QStringList rows;
    for (const char *sql : {"SELECT * FROM account_projections ORDER BY id",
                            "SELECT * FROM transaction_projections ORDER BY id",
                            "SELECT * FROM audit_logs ORDER BY id",
                            "SELECT * FROM projection_checkpoints ORDER BY projector"}) {
        QSqlQuery query(ledger.storage().database().connection());
        BILLING_ASSERT(query.exec(QString::fromLatin1(sql)));
        while (query.next()) {
            QStringList cells;
            for (int i = 0; i < query.record().count(); ++i)
                cells.append(query.isNull(i) ? QStringLiteral("NULL") : query.value(i).toString());
            rows.append(cells.join(u'|'));
        }
    }
    return rows;
}

void TestProjections::buildHistory(TestLedger &ledger)
{
    const QString alice = ledger.userAccount();
    const QString bob = ledger.userAccount();
    const QString shop = ledger.createAccount(AccountType::System, QStringLiteral("USD"));
    ledger.fund(alice, QStringLiteral("100.00"));
    ledger.transfer(alice, bob, QStringLiteral("25.50"));
    ledger.transfer(bob, alice, QStringLiteral("500.00")); // rejected, recorded
    const Outcome payment = ledger.pay(alice, shop, QStringLiteral("40.00"));
    ledger.refund(payment.transactionId, QStringLiteral("15.00"));
    ChangeAccountStatus suspend{bob, AccountStatus::Suspended};
    ledger.run(suspend);
}

void TestProjections::rebuildGivesIdenticalTables()
{
    TestLedger ledger;
    buildHistory(ledger);
    const QStringList before = dump(ledger);
    QVERIFY(before.size() > 20);
    QVERIFY(ledger.storage().resetProjections().ok());
    QVERIFY(ledger.storage().projections().accounts({}).value().isEmpty());
    const Result<qint64> position = ledger.storage().catchUpProjections();
    QVERIFY(position.ok());
    QCOMPARE(position.value(), ledger.eventCount());
    QCOMPARE(dump(ledger), before);
}

void TestProjections::laggingProjectionsCatchUpOnOpen()
{
    TestLedger ledger;
    const QString alice = ledger.userAccount();
    ledger.storage().setInlineProjection(false);
    ledger.fund(alice, QStringLiteral("7.00"));
    QCOMPARE(ledger.storage().projections().account(alice).value()->balance, Money());
    QVERIFY(ledger.storage().projections().checkpoint().value() < ledger.eventCount());

    Result<std::unique_ptr<EmbeddedStorage>> reopened = EmbeddedStorage::open(ledger.path());
    QVERIFY(reopened.ok());
    QCOMPARE(reopened.value()->projections().checkpoint().value(), ledger.eventCount());
    QCOMPARE(reopened.value()->projections().account(alice).value()->balance,
             TestLedger::money(QStringLiteral("7")));
    LedgerVerifier verifier(*reopened.value());
    QVERIFY(verifier.run().value().ok);
}

void TestProjections::accountsByOwner()
{
    TestLedger ledger;
    const QString first =
        ledger.createAccount(AccountType::User, QStringLiteral("USD"), QStringLiteral("carol"));
    const QString second =
        ledger.createAccount(AccountType::User, QStringLiteral("EUR"), QStringLiteral("carol"));
    ledger.createAccount(AccountType::User, QStringLiteral("USD"), QStringLiteral("dave"));
    const Result<QList<AccountView>> accounts =
        ledger.storage().projections().accounts(QStringLiteral("carol"));
    QVERIFY(accounts.ok());
    QCOMPARE(accounts.value().size(), 2);
    QStringList ids = {accounts.value()[0].id, accounts.value()[1].id};
    ids.sort();
    QStringList expected = {first, second};
    expected.sort();
    QCOMPARE(ids, expected);
    QCOMPARE(accounts.value()[0].ownerType, QStringLiteral("user"));
}

void TestProjections::transactionsOfAnAccountNewestFirstAndPaged()
{
    TestLedger ledger;
    const QString alice = ledger.userAccount();
    for (int i = 1; i <= 5; ++i)
        ledger.fund(alice, QString::number(i));
    ProjectionReader &reader = ledger.storage().projections();
    const QList<TransactionLegView> first = reader.transactionsOfAccount(alice, {2, 0}).value();
    const QList<TransactionLegView> second = reader.transactionsOfAccount(alice, {2, 2}).value();
    const QList<TransactionLegView> last = reader.transactionsOfAccount(alice, {2, 4}).value();
    QCOMPARE(first.size(), 2);
    QCOMPARE(last.size(), 1);
    QCOMPARE(first[0].amount, TestLedger::money(QStringLiteral("5")));
    QCOMPARE(first[1].amount, TestLedger::money(QStringLiteral("4")));
    QCOMPARE(second[0].amount, TestLedger::money(QStringLiteral("3")));
    QCOMPARE(last[0].amount, TestLedger::money(QStringLiteral("1")));
    QVERIFY(first[0].position > first[1].position);
}

void TestProjections::transactionShowsBothLegsSigned()
{
    TestLedger ledger;
    const QString alice = ledger.userAccount();
    const QString bob = ledger.userAccount();
    ledger.fund(alice, QStringLiteral("10.00"));
    const Outcome transfer = ledger.transfer(alice, bob, QStringLiteral("2.50"));
    const QList<TransactionLegView> legs =
        ledger.storage().projections().transaction(transfer.transactionId).value();
    QCOMPARE(legs.size(), 2);
    QCOMPARE(legs[0].accountId, alice);
    QCOMPARE(legs[0].amount, TestLedger::money(QStringLiteral("-2.50")));
    QCOMPARE(legs[0].counterpartyId, bob);
    QCOMPARE(legs[1].accountId, bob);
    QCOMPARE(legs[1].amount, TestLedger::money(QStringLiteral("2.50")));
    for (const TransactionLegView &leg : legs) {
        QCOMPARE(leg.status, QStringLiteral("completed"));
        QCOMPARE(leg.type, QStringLiteral("TRANSFER"));
        QVERIFY(!leg.completedAt.isEmpty());
    }
}

void TestProjections::auditLogHasOneRowPerEvent()
{
    TestLedger ledger;
    buildHistory(ledger);
    const QList<AuditEntryView> page = ledger.storage().projections().auditLog({1000, 0}).value();
    QCOMPARE(page.size(), ledger.eventCount());
    QCOMPARE(page.first().id, ledger.eventCount());
    QCOMPARE(page.first().action, QStringLiteral("AccountStatusChanged"));
    QCOMPARE(page.first().operatorName, QStringLiteral("test"));
    QCOMPARE(page.last().action, QStringLiteral("AccountCreated"));
}

void TestProjections::largestAmountSurvivesTheProjection()
{
    TestLedger ledger;
    const QString alice = ledger.createAccount(AccountType::User, QStringLiteral("BTC"));
    const QString amount = QStringLiteral("99999999999999999999.99999999");
    ledger.fund(alice, amount);
    QCOMPARE(ledger.storage().projections().account(alice).value()->balance,
             TestLedger::money(amount));
    QSqlQuery query(ledger.storage().database().connection());
    QVERIFY(query.exec(
        QStringLiteral("SELECT balance FROM account_projections WHERE id = '%1'").arg(alice)));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toString(), amount);
}

void TestProjections::currenciesFromProjectionsMatchTheState()
{
    // A client of the distributed command log reads amounts with what the projections say.
    TestLedger ledger;
    const QString yen = ledger.userAccount(QStringLiteral("JPY"));
    const QString euro = ledger.userAccount(QStringLiteral("EUR"));
    const QString shop =
        ledger.createAccount(AccountType::System, QStringLiteral("EUR"), QStringLiteral("shop"));
    ledger.fund(euro, QStringLiteral("20.00"));
    const Outcome paid = ledger.pay(euro, shop, QStringLiteral("5.00"));
    QVERIFY(paid.completed());
    ProjectedCurrencies projected(ledger.storage().projections());
    StateCurrencies folded(ledger.state());
    for (CurrencySource *source :
         {static_cast<CurrencySource *>(&projected), static_cast<CurrencySource *>(&folded)}) {
        QCOMPARE(source->ofAccount(yen), QStringLiteral("JPY"));
        QCOMPARE(source->ofTransaction(paid.transactionId), QStringLiteral("EUR"));
        QCOMPARE(source->ofAccount(QStringLiteral("nobody")), QString());
        QCOMPARE(source->ofTransaction(QStringLiteral("nothing")), QString());
        QCOMPARE(source->decimalsFor({}, yen), 0);
        QCOMPARE(source->decimalsFor({}, euro), 2);
        QCOMPARE(source->decimalsFor(QStringLiteral("BTC"), yen), 8);
        // Unknown: Money's own scale, and the decision says what is wrong.
        QCOMPARE(source->decimalsFor({}, QStringLiteral("nobody")), Money::scale);
    }
}

QTEST_GUILESS_MAIN(TestProjections)
void TestProjections::absentValuesAreNull()
{
    // NULL where the seed's columns have no value, '' never standing in for it: what a report
    // filtering on "IS NULL" counts must not depend on how the row was written.
    TestLedger ledger;
    buildHistory(ledger);
    QSqlQuery query(ledger.storage().database().connection());
    const auto count = [&query](const char *sql) {
        BILLING_ASSERT(query.exec(QString::fromLatin1(sql)) && query.next());
        return query.value(0).toInt();
    };
    QCOMPARE(count("SELECT COUNT(*) FROM account_projections WHERE max_balance IS NOT NULL"), 0);
    QCOMPARE(count("SELECT COUNT(*) FROM transaction_projections WHERE status = 'completed' AND "
                   "(failure_reason IS NOT NULL OR completed_at IS NULL)"),
             0);
    QCOMPARE(count("SELECT COUNT(*) FROM transaction_projections WHERE status = 'failed' AND "
                   "failure_reason IS NULL"),
             0);
    QCOMPARE(count("SELECT COUNT(*) FROM transaction_projections WHERE status = 'failed'"), 2);
    QCOMPARE(count("SELECT COUNT(*) FROM transaction_projections WHERE type <> 'REFUND' AND "
                   "payment_id IS NOT NULL"),
             0);
    QCOMPARE(count("SELECT COUNT(*) FROM transaction_projections WHERE type = 'REFUND' AND "
                   "payment_id IS NULL"),
             0);
    QCOMPARE(count("SELECT COUNT(*) FROM transaction_projections WHERE failure_reason = '' OR "
                   "payment_id = '' OR completed_at = ''"),
             0);
    // A failed transaction never completed: no completion time.
    QCOMPARE(count("SELECT COUNT(*) FROM transaction_projections WHERE status = 'failed' AND "
                   "completed_at IS NOT NULL"),
             0);

    // Stores projected before schema 4 kept the time of failure there; opening one clears it.
    QVERIFY(query.exec(QStringLiteral("UPDATE transaction_projections SET completed_at = "
                                      "created_at WHERE status = 'failed'")));
    const int beforeSchema4 = 3;
    QVERIFY(query.exec(QStringLiteral("PRAGMA user_version=%1").arg(beforeSchema4)));
    SqliteDatabase reopened;
    QVERIFY(reopened.open(ledger.path()).ok());
    QSqlQuery after(reopened.connection());
    QVERIFY(after.exec(QStringLiteral("SELECT COUNT(*) FROM transaction_projections WHERE "
                                      "status = 'failed' AND completed_at IS NULL")) &&
            after.next());
    QCOMPARE(after.value(0).toInt(), 2);
}

void TestProjections::refusalLeavesTheTimeAnAccountWasUpdated()
{
    // Given: an account suspended, then a minute later asked to suspend again (refused).
    TestLedger ledger;
    const QString user = ledger.userAccount();
    QVERIFY(ledger.run(ChangeAccountStatus{user, AccountStatus::Suspended}).completed());
    const QString suspendedAt = ledger.storage().projections().account(user).value()->updatedAt;
    ledger.clock().advance(60000);

    // When
    QCOMPARE(ledger.run(ChangeAccountStatus{user, AccountStatus::Suspended}).kindName(),
             QStringLiteral("rejected"));

    // Then: the refusal is an event of the account, so its version moves, and nothing else.
    const std::optional<AccountView> view = ledger.storage().projections().account(user).value();
    QVERIFY(view.has_value());
    QCOMPARE(view->version, qint64(3));
    QCOMPARE(view->updatedAt, suspendedAt);

    // Stores projected before schema 5 had the refusal's time there; opening one fixes it.
    QSqlQuery query(ledger.storage().database().connection());
    QVERIFY(query.exec(QStringLiteral("UPDATE account_projections SET updated_at = "
                                      "'2030-01-01T00:00:00.000Z'")));
    QVERIFY(
        query.exec(QStringLiteral("PRAGMA user_version=%1").arg(sqlite::migrations().size() - 1)));
    SqliteDatabase reopened;
    QVERIFY(reopened.open(ledger.path()).ok());
    QSqlQuery after(reopened.connection());
    QVERIFY(after.exec(QStringLiteral("SELECT updated_at FROM account_projections WHERE id = '%1'")
                           .arg(user)) &&
            after.next());
    QCOMPARE(after.value(0).toString(), suspendedAt);
}

#include "tst_projections.moc"
