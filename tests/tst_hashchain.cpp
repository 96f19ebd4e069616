// The hash chain catches an edited, a deleted and an inserted event row; verify also catches
// projections that drifted from the log.
#include "TestLedger.h"

#include "infrastructure/EventCodec.h"
#include "infrastructure/LedgerVerifier.h"

#include <QSqlQuery>
#include <QTest>

using namespace billing;
using namespace billing::test;

class TestHashChain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void intactLedgerVerifies();
    void editedEventIsNamed();
    void deletedEventIsNamed();
    void insertedEventIsNamed();
    void unreadableEventIsNamed();
    void driftedProjectionIsReported();

private:
    // A ledger of 4 accounts and 3 transactions; returns the position of the first BalanceChanged.
    static qint64 build(TestLedger &ledger);
    static VerifyReport verify(const QString &path);
    static void exec(TestLedger &ledger, const QString &sql);
};

qint64 TestHashChain::build(TestLedger &ledger)
{
    const QString alice = ledger.userAccount();
    const QString bob = ledger.userAccount();
    ledger.fund(alice, QStringLiteral("100.00"));
    ledger.transfer(alice, bob, QStringLiteral("10.00"));
    ledger.transfer(bob, alice, QStringLiteral("1.00"));
    return 5; // alice, bob, bank, TopupRequested, then the first BalanceChanged
}

VerifyReport TestHashChain::verify(const QString &path)
{
    Result<std::unique_ptr<EmbeddedStorage>> storage = EmbeddedStorage::open(path);
    BILLING_ASSERT(storage.ok());
    LedgerVerifier verifier(*storage.value());
    const Result<VerifyReport> report = verifier.run();
    BILLING_ASSERT(report.ok());
    return report.value();
}

void TestHashChain::exec(TestLedger &ledger, const QString &sql)
{
    QSqlQuery query(ledger.storage().database().connection());
    QVERIFY2(query.exec(sql), qPrintable(sql));
}

void TestHashChain::intactLedgerVerifies()
{
    TestLedger ledger;
    build(ledger);
    const VerifyReport report = verify(ledger.path());
    QVERIFY2(report.ok, qPrintable(report.problems.join(u'\n')));
    QCOMPARE(report.eventsChecked, ledger.eventCount());
    QCOMPARE(report.totals.value(QStringLiteral("USD")), Money());
}

void TestHashChain::editedEventIsNamed()
{
    TestLedger ledger;
    const qint64 target = build(ledger);
    exec(ledger, QStringLiteral("UPDATE events SET body = replace(body, '\"-100.00\"', "
                                "'\"-1.00\"') WHERE position = %1")
                     .arg(target));
    const VerifyReport report = verify(ledger.path());
    QVERIFY(!report.ok);
    QCOMPARE(report.firstBadPosition, target);
    QVERIFY(!report.firstBadEventId.isEmpty());
}

void TestHashChain::deletedEventIsNamed()
{
    TestLedger ledger;
    const qint64 target = build(ledger);
    exec(ledger, QStringLiteral("DELETE FROM events WHERE position = %1").arg(target));
    const VerifyReport report = verify(ledger.path());
    QVERIFY(!report.ok);
    QCOMPARE(report.firstBadPosition, target);
}

void TestHashChain::insertedEventIsNamed()
{
    TestLedger ledger;
    const qint64 target = build(ledger);
    // Make room after `target` and insert a forged event there, hashed correctly onto its
    // predecessor: the chain still breaks at the event after it.
    const Result<QList<EventEnvelope>> events = ledger.storage().events().read(target - 1, 1);
    QVERIFY(events.ok() && events.value().size() == 1);
    EventEnvelope forged = events.value().first();
    forged.eventId = QStringLiteral("forged");
    forged.position = target + 1;
    forged.aggregateVersion += 100;
    forged.hash = codec::chainHash(events.value().first().hash, codec::canonicalBytes(forged));
    exec(ledger,
         QStringLiteral("UPDATE events SET position = -position WHERE position > %1").arg(target));
    exec(ledger, QStringLiteral("UPDATE events SET position = 1 - position WHERE position < 0"));
    QSqlQuery insert(ledger.storage().database().connection());
    insert.prepare(QStringLiteral(
        "INSERT INTO events (position, event_id, event_type, aggregate_id, aggregate_version, "
        "timestamp, correlation_id, body, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const QVariant &value :
         QVariantList{forged.position, forged.eventId, forged.eventType, forged.aggregateId,
                      forged.aggregateVersion, QStringLiteral("x"), forged.correlationId,
                      QString::fromUtf8(codec::canonicalBytes(forged)), forged.hash})
        insert.addBindValue(value);
    QVERIFY(insert.exec());
    const VerifyReport report = verify(ledger.path());
    QVERIFY(!report.ok);
    QCOMPARE(report.firstBadPosition, target + 2);
}

void TestHashChain::unreadableEventIsNamed()
{
    TestLedger ledger;
    const qint64 target = build(ledger);
    exec(ledger,
         QStringLiteral("UPDATE events SET body = '{not json' WHERE position = %1").arg(target));
    const VerifyReport report = verify(ledger.path());
    QVERIFY(!report.ok);
    QCOMPARE(report.firstBadPosition, target);
}

void TestHashChain::driftedProjectionIsReported()
{
    TestLedger ledger;
    build(ledger);
    exec(ledger, QStringLiteral("UPDATE account_projections SET balance = '999.00' "
                                "WHERE type = 'USER'"));
    const VerifyReport report = verify(ledger.path());
    QVERIFY(!report.ok);
    QCOMPARE(report.firstBadPosition, 0);
    QVERIFY(report.problems.join(u' ').contains(QStringLiteral("projections differ")));
}

QTEST_GUILESS_MAIN(TestHashChain)
#include "tst_hashchain.moc"
