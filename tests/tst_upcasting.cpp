// Event schema versions: a committed log of version-1 events (written by the first release)
// replays, through the upcasters, to the balances it had; its hash chain still holds; and new
// version-2 events continue it.
#include "Checked.h"
#include "TestLedger.h"

#include "domain/EventUpcaster.h"
#include "infrastructure/EventCodec.h"
#include "infrastructure/LedgerVerifier.h"

#include <QFile>
#include <QTest>

using namespace billing;
using namespace billing::test;

namespace {

QList<EventEnvelope> fixtureEvents()
{
    QFile file(QStringLiteral(BILLING_FIXTURES "/events-v1.jsonl"));
    BILLING_ASSERT(file.open(QIODevice::ReadOnly));
    QList<EventEnvelope> events;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty())
            continue;
        const Result<EventEnvelope> event = codec::fromBytes(line);
        BILLING_ASSERT(event.ok());
        events.append(event.value());
    }
    return events;
}

// The fixture's events appended to a new store, which positions and chains them anew.
void loadFixture(TestLedger &ledger)
{
    QList<EventEnvelope> events = fixtureEvents();
    for (EventEnvelope &event : events) {
        event.position = 0;
        event.hash.clear();
    }
    QVERIFY(ledger.storage().events().append(events, {}).ok());
}

Money money(const char *text)
{
    return TestLedger::money(QString::fromLatin1(text));
}

const Account *ownedBy(const LedgerState &state, const QString &owner, const QString &currency)
{
    for (const Account &account : state.accounts()) {
        if (account.ownerId == owner && account.currency == currency)
            return &account;
    }
    return nullptr;
}

} // namespace

class TestUpcasting : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtureIsVersionOneAndItsChainHolds();
    void upcastAddsBalanceBeforeAndNothingElse();
    void versionOneStoreReplaysToItsBalances();
    void newEventsAreWrittenInTheCurrentVersion();
};

void TestUpcasting::fixtureIsVersionOneAndItsChainHolds()
{
    const QList<EventEnvelope> events = fixtureEvents();
    QCOMPARE(events.size(), 34);
    QString previous;
    for (const EventEnvelope &event : events) {
        QCOMPARE(event.schemaVersion, 1);
        QCOMPARE(codec::chainHash(previous, codec::canonicalBytes(event)), event.hash);
        previous = event.hash;
    }
}

void TestUpcasting::upcastAddsBalanceBeforeAndNothingElse()
{
    for (const EventEnvelope &old : fixtureEvents()) {
        const EventEnvelope current = EventUpcaster::toCurrent(old);
        QCOMPARE(current.schemaVersion, event::currentSchemaVersion);
        QJsonObject data = current.data;
        if (old.eventType == event::balanceChanged) {
            const Result<Money> before =
                moneyField(old.data, u"balanceAfter").minus(moneyField(old.data, u"amount"));
            QCOMPARE(moneyField(data, u"balanceBefore"), before.value());
            // Written with the currency's decimals, like the event's other amounts.
            QCOMPARE(data.value(u"balanceBefore").toString().size() -
                         data.value(u"balanceBefore").toString().indexOf(u'.'),
                     old.data.value(u"balanceAfter").toString().size() -
                         old.data.value(u"balanceAfter").toString().indexOf(u'.'));
            data.remove(QStringLiteral("balanceBefore"));
        }
        QCOMPARE(data, old.data);
        QCOMPARE(current.eventId, old.eventId);
        QCOMPARE(current.hash, old.hash);
    }
}

void TestUpcasting::versionOneStoreReplaysToItsBalances()
{
    TestLedger ledger;
    CHECKED(loadFixture(ledger));
    // The store keeps what it was given: version 1, byte for byte, under the same chain.
    const Result<QList<EventEnvelope>> stored = ledger.storage().events().read(0, 100);
    QVERIFY(stored.ok());
    QCOMPARE(stored.value().last().schemaVersion, 1);
    QCOMPARE(stored.value().last().hash, fixtureEvents().last().hash);

    QVERIFY(ledger.service().catchUp().ok());
    const LedgerState &state = ledger.state();
    QCOMPARE(state.position(), 34);
    QVERIFY(state.balanced());
    QCOMPARE(ownedBy(state, QStringLiteral("alice"), QStringLiteral("USD"))->balance,
             money("54.50"));
    QCOMPARE(ownedBy(state, QStringLiteral("alice"), QStringLiteral("USD"))->minBalance,
             money("-20"));
    QCOMPARE(ownedBy(state, QStringLiteral("bob"), QStringLiteral("USD"))->balance, money("20.25"));
    QCOMPARE(ownedBy(state, QStringLiteral("bank"), QStringLiteral("USD"))->balance,
             money("-94.75"));
    QCOMPARE(ownedBy(state, QStringLiteral("shop"), QStringLiteral("USD"))->balance,
             money("20.00"));
    QCOMPARE(ownedBy(state, QStringLiteral("carol"), QStringLiteral("EUR"))->balance,
             money("40.00"));
    QVERIFY(ownedBy(state, QStringLiteral("carol"), QStringLiteral("EUR"))->status ==
            AccountStatus::Suspended);
    QCOMPARE(ownedBy(state, QStringLiteral("bank"), QStringLiteral("EUR"))->balance,
             money("-40.00"));
    int failed = 0;
    for (const Transaction &transaction : state.transactions())
        failed += transaction.status == TransactionStatus::Failed ? 1 : 0;
    QCOMPARE(failed, 1);

    const Result<VerifyReport> report = LedgerVerifier(ledger.storage()).run();
    QVERIFY(report.ok());
    QVERIFY2(report.value().ok, qPrintable(report.value().problems.join(u'\n')));
}

void TestUpcasting::newEventsAreWrittenInTheCurrentVersion()
{
    TestLedger ledger;
    CHECKED(loadFixture(ledger));
    QVERIFY(ledger.service().catchUp().ok());
    const QString alice =
        ownedBy(ledger.state(), QStringLiteral("alice"), QStringLiteral("USD"))->id;
    const QString bob = ownedBy(ledger.state(), QStringLiteral("bob"), QStringLiteral("USD"))->id;
    QVERIFY(ledger.transfer(alice, bob, QStringLiteral("4.50")).completed());
    const Result<QList<EventEnvelope>> tail = ledger.storage().events().read(34, 100);
    QVERIFY(tail.ok());
    QCOMPARE(tail.value().size(), 4);
    for (const EventEnvelope &event : tail.value()) {
        QCOMPARE(event.schemaVersion, event::currentSchemaVersion);
        if (event.eventType == event::balanceChanged)
            QVERIFY(event.data.contains(QStringLiteral("balanceBefore")));
    }
    QCOMPARE(ledger.state().account(alice)->balance, money("50.00"));
    // A fresh fold of the mixed log (version 1, then 2) agrees.
    TestLedger reopened(ledger.path());
    QCOMPARE(reopened.state().account(bob)->balance, money("24.75"));
    const Result<VerifyReport> report = LedgerVerifier(ledger.storage()).run();
    QVERIFY(report.ok() && report.value().ok);
}

QTEST_MAIN(TestUpcasting)
#include "tst_upcasting.moc"
