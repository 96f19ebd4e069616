// The hash chain catches an edited, a deleted and an inserted event row; verify also catches
// projections that drifted from the log.
#include "Checked.h"
#include "TestLedger.h"

#include "application/AccountTimeline.h"
#include "application/AsOfCursor.h"
#include "application/Replay.h"
#include "domain/ReasonCode.h"
#include "domain/Sha256.h"
#include "infrastructure/CanonicalEventWriter.h"
#include "infrastructure/EventCodec.h"
#include "infrastructure/LedgerVerifier.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTest>

#include <functional>

using namespace billing;
using namespace billing::test;

namespace {

// The real projections of a real store, except that the first time verify reads the accounts,
// another writer on the file commits first: a projector committing in the middle of verify.
class InterleavedProjections final : public ProjectionReader
{
public:
    InterleavedProjections(ProjectionReader &real, std::function<void()> write)
        : m_real(real)
        , m_write(std::move(write))
    {}
    Result<std::optional<AccountView>> account(const QString &id) override
    {
        return m_real.account(id);
    }
    Result<QList<AccountView>> accounts(const QString &ownerId) override
    {
        if (m_write)
            std::exchange(m_write, {})();
        return m_real.accounts(ownerId);
    }
    Result<QList<TransactionLegView>> transaction(const QString &transactionId) override
    {
        return m_real.transaction(transactionId);
    }
    Result<QList<TransactionLegView>> transactionsOfAccount(const QString &accountId,
                                                            Page page) override
    {
        return m_real.transactionsOfAccount(accountId, page);
    }
    Result<QList<TransactionLegView>>
    transactionsOfAccountBefore(const QString &accountId, qint64 beforePosition, int limit) override
    {
        return m_real.transactionsOfAccountBefore(accountId, beforePosition, limit);
    }
    Result<QList<AuditEntryView>> auditLog(Page page) override { return m_real.auditLog(page); }
    Result<QList<AuditEntryView>> auditLogOf(const QString &entityId, Page page) override
    {
        return m_real.auditLogOf(entityId, page);
    }
    Result<qint64> checkpoint() override { return m_real.checkpoint(); }
    Status forEachLeg(const std::function<Status(const TransactionLegView &)> &visit) override
    {
        return m_real.forEachLeg(visit);
    }

private:
    ProjectionReader &m_real;
    std::function<void()> m_write;
};

class InterleavedStorage final : public LedgerStorage
{
public:
    InterleavedStorage(LedgerStorage &real, std::function<void()> write)
        : m_real(real)
        , m_projections(real.projections(), std::move(write))
    {}
    EventStore &events() override { return m_real.events(); }
    ProjectionReader &projections() override { return m_projections; }
    Result<qint64> catchUpProjections(const std::function<bool(qint64)> &progress) override
    {
        return m_real.catchUpProjections(progress);
    }
    Status resetProjections() override { return m_real.resetProjections(); }

private:
    LedgerStorage &m_real;
    InterleavedProjections m_projections;
};

} // namespace

class TestHashChain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void intactLedgerVerifies();
    void editedEventIsNamed();
    void deletedEventIsNamed();
    void insertedEventIsNamed();
    void unreadableEventIsNamed();
    void forgedEventWithItsChainRecomputedIsNamed();
    void removedNewestEventIsNamed();
    void forgedLogIsRefusedByCommands_data();
    void forgedLogIsRefusedByCommands();
    void driftedProjectionIsReported();
    void driftedLegIsReported_data();
    void driftedLegIsReported();
    void projectionsWrittenWhileVerifiedAskForAnotherRun();
    void canonicalBytesAreQtsCompactJson();
    void timestampsAreQtsFormat();
    void sha256IsQtsSha256();

private:
    // A ledger of 4 accounts and 3 transactions; returns the position of the first BalanceChanged.
    static qint64 build(TestLedger &ledger);
    static VerifyReport verify(const QString &path);
    static void exec(TestLedger &ledger, const QString &sql);
    // Sets `balanceAfter` of the BalanceChanged at `position` and computes every hash after it
    // again, as a forger who can write the file would.
    static void forgeBalanceAfter(TestLedger &ledger, qint64 position, const QString &balanceAfter);
    // Changes the event at `position` and computes every hash after it again.
    static void forge(TestLedger &ledger, qint64 position,
                      const std::function<void(EventEnvelope &)> &change);
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
    // predecessor: its version skips ahead, which the fold names before the chain breaks at the
    // event after it.
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
    QCOMPARE(report.firstBadPosition, target + 1);
    QCOMPARE(report.firstBadEventId, QStringLiteral("forged"));
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

void TestHashChain::forgedEventWithItsChainRecomputedIsNamed()
{
    // Whoever can write the file can also compute every hash after an edit again: the chain then
    // holds, and the fold must name the event whose content breaks the ledger's rules instead
    // of stopping the process on that rule.
    TestLedger ledger;
    const qint64 target = build(ledger);
    forgeBalanceAfter(ledger, target, QStringLiteral("-150.00"));
    const VerifyReport report = verify(ledger.path());
    QVERIFY(!report.ok);
    QCOMPARE(report.firstBadPosition, target);
    QCOMPARE(report.eventsChecked, target - 1);
    QVERIFY2(report.problems.join(u' ').contains(QStringLiteral("rule of the ledger")),
             qPrintable(report.problems.join(u'\n')));
}

void TestHashChain::forgeBalanceAfter(TestLedger &ledger, qint64 position,
                                      const QString &balanceAfter)
{
    forge(ledger, position, [&balanceAfter](EventEnvelope &event) {
        QCOMPARE(event.eventType, event::balanceChanged);
        QVERIFY(event.data.value(u"balanceAfter").toString() != balanceAfter);
        event.data.insert(QStringLiteral("balanceAfter"), balanceAfter);
    });
}

void TestHashChain::forge(TestLedger &ledger, qint64 position,
                          const std::function<void(EventEnvelope &)> &change)
{
    const Result<QList<EventEnvelope>> events = ledger.storage().events().read(0, 100000);
    QVERIFY(events.ok());
    QString previousHash;
    for (const EventEnvelope &event : events.value()) {
        if (event.position < position) {
            previousHash = event.hash;
            continue;
        }
        EventEnvelope rewritten = event;
        if (event.position == position)
            change(rewritten);
        const QByteArray body = codec::canonicalBytes(rewritten);
        previousHash = codec::chainHash(previousHash, body);
        QSqlQuery update(ledger.storage().database().connection());
        update.prepare(QStringLiteral("UPDATE events SET body = ?, hash = ? WHERE position = ?"));
        update.addBindValue(body);
        update.addBindValue(previousHash);
        update.addBindValue(event.position);
        QVERIFY(update.exec());
    }
}

void TestHashChain::forgedLogIsRefusedByCommands_data()
{
    QTest::addColumn<int>("transfers");
    QTest::addColumn<bool>("early");
    QTest::addColumn<bool>("unknownSchema");
    // A fold reads its first thousand rows on the caller's thread and the rest on a second one,
    // which waits with a full ring when the forged event is far from the end.
    QTest::newRow("folded on one thread") << 0 << false << false;
    QTest::newRow("folded on two threads, at the end") << 400 << false << false;
    QTest::newRow("folded on two threads, reader waiting") << 400 << true << false;
    QTest::newRow("an unknown schema version") << 0 << false << true;
}

void TestHashChain::forgedLogIsRefusedByCommands()
{
    // A forged log is input, not a bug: a command, a replay and time travel over it end in
    // LEDGER_TAMPERED naming the event (the CLI's exit 3), instead of stopping the process.
    QFETCH(int, transfers);
    QFETCH(bool, early);
    QFETCH(bool, unknownSchema);
    TestLedger ledger;
    const QString alice = ledger.userAccount();
    const QString bob = ledger.userAccount();
    ledger.fund(alice, QStringLiteral("100.00"));
    for (int i = 0; i < transfers; ++i)
        QVERIFY(ledger.transfer(alice, bob, QStringLiteral("0.01")).completed());
    QVERIFY(ledger.transfer(alice, bob, QStringLiteral("1.00")).completed());
    // Requested, alice's BalanceChanged, bob's, Completed: the last transfer's first leg, or
    // the first leg of a transfer just past the thousandth event.
    qint64 target = ledger.eventCount() - 2;
    if (early) {
        const Result<QList<EventEnvelope>> events = ledger.storage().events().read(1000, 10);
        QVERIFY(events.ok());
        for (qsizetype i = events.value().size() - 1; i > 0; --i) {
            if (events.value().at(i).eventType == event::balanceChanged &&
                events.value().at(i - 1).eventType != event::balanceChanged)
                target = events.value().at(i).position;
        }
        QVERIFY(ledger.eventCount() - target > 500);
    }
    QVERIFY(target > (transfers > 0 ? 1000 : 0));
    if (unknownSchema)
        CHECKED(forge(ledger, target, [](EventEnvelope &event) { event.schemaVersion = 9; }));
    else
        CHECKED(forgeBalanceAfter(ledger, target, QStringLiteral("1000.00")));

    Result<std::unique_ptr<EmbeddedStorage>> storage = EmbeddedStorage::open(ledger.path());
    QVERIFY(storage.ok());
    FixedClock clock;
    SequentialIds ids(QStringLiteral("after"));
    LedgerService service(storage.value()->events(), clock, ids);
    const Status opened = service.open();
    QVERIFY(!opened.ok());
    QCOMPARE(opened.error().code, reason::ledgerTampered);
    QCOMPARE(opened.error().position, target);
    // The rule in words, not the code's expression.
    if (!unknownSchema)
        QVERIFY2(opened.error().message.contains(
                     QStringLiteral("balance after is not the balance before plus the amount")),
                 qPrintable(opened.error().message));
    // Nothing half folded is left to read or to decide on.
    QCOMPARE(service.state().position(), qint64(0));
    QVERIFY(service.state().accounts().isEmpty());
    MoveMoney move;
    move.type = TransactionType::Transfer;
    move.sourceAccountId = alice;
    move.destinationAccountId = bob;
    move.amount = TestLedger::money(QStringLiteral("1.00"));
    const Result<Outcome> refused = service.execute(service.issue(move, {}));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().position, target);
    const qint64 before = ledger.eventCount();

    const Result<LedgerState> replayed = replayTo(storage.value()->events(), 0);
    QVERIFY(!replayed.ok());
    QCOMPARE(replayed.error().code, reason::ledgerTampered);
    QCOMPARE(replayed.error().position, target);
    // Up to the event before, the log still folds.
    QVERIFY(replayTo(storage.value()->events(), target - 1).ok());
    AsOfCursor cursor(storage.value()->events(), nullptr);
    const Result<const LedgerState *> travelled = cursor.moveTo(target);
    QVERIFY(!travelled.ok());
    QCOMPARE(travelled.error().position, target);
    // Time travel's account timeline takes balances as logged (verify judges them) and checks
    // less: what it cannot read it refuses the same way, never by stopping the process.
    AccountTimeline timeline;
    const Status read = timeline.catchUp(storage.value()->events());
    if (unknownSchema || !read.ok()) {
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, reason::ledgerTampered);
        QVERIFY(read.error().position >= target);
    }
    if (unknownSchema)
        QCOMPARE(read.error().position, target);
    QCOMPARE(ledger.eventCount(), before);
}

void TestHashChain::removedNewestEventIsNamed()
{
    // The chain of a log without its last event still holds; the projections remember it.
    TestLedger ledger;
    build(ledger);
    const qint64 last = ledger.eventCount();
    exec(ledger, QStringLiteral("DELETE FROM events WHERE position = %1").arg(last));
    const VerifyReport report = verify(ledger.path());
    QVERIFY(!report.ok);
    QCOMPARE(report.firstBadPosition, last);
}

void TestHashChain::driftedLegIsReported_data()
{
    QTest::addColumn<QString>("sql");
    const QString firstLeg = QStringLiteral("WHERE rowid = (SELECT MIN(rowid) FROM "
                                            "transaction_projections WHERE type = 'TRANSFER')");
    QTest::newRow("amount") << QStringLiteral("UPDATE transaction_projections SET amount = "
                                              "'5000.00' ") +
                                   firstLeg;
    QTest::newRow("currency") << QStringLiteral("UPDATE transaction_projections SET currency = "
                                                "'EUR' ") +
                                     firstLeg;
    QTest::newRow("counterparty") << QStringLiteral("UPDATE transaction_projections SET "
                                                    "counterparty_id = account_id ") +
                                         firstLeg;
    QTest::newRow("deleted") << QStringLiteral("DELETE FROM transaction_projections ") + firstLeg;
    QTest::newRow("unreadable amount") << QStringLiteral("UPDATE transaction_projections SET "
                                                         "amount = 'abc' ") +
                                              firstLeg;
    QTest::newRow("owner") << QStringLiteral("UPDATE account_projections SET owner_id = "
                                             "'mallory' WHERE type = 'USER'");
    QTest::newRow("currency of an account")
        << QStringLiteral("UPDATE account_projections SET currency = 'EUR' WHERE type = 'USER'");
}

void TestHashChain::driftedLegIsReported()
{
    QFETCH(QString, sql);
    TestLedger ledger;
    build(ledger);
    exec(ledger, sql);
    const VerifyReport report = verify(ledger.path());
    QVERIFY(!report.ok);
    QCOMPARE(report.firstBadPosition, 0);
    QVERIFY2(report.problems.join(u' ').contains(QStringLiteral("projections differ")),
             qPrintable(report.problems.join(u'\n')));
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

void TestHashChain::projectionsWrittenWhileVerifiedAskForAnotherRun()
{
    TestLedger ledger;
    const QString alice = ledger.userAccount();
    const QString bob = ledger.userAccount();
    ledger.fund(alice, QStringLiteral("100.00"));
    ledger.transfer(alice, bob, QStringLiteral("10.00"));
    Result<std::unique_ptr<EmbeddedStorage>> storage = EmbeddedStorage::open(ledger.path());
    QVERIFY(storage.ok());
    // The log is read to its end before the projections are; the transfer lands in between.
    InterleavedStorage interleaved(*storage.value(), [&] {
        QCOMPARE(ledger.transfer(alice, bob, QStringLiteral("2.00")).kind,
                 Outcome::Kind::Completed);
    });
    LedgerVerifier verifier(interleaved);
    const Result<VerifyReport> report = verifier.run();
    QVERIFY(report.ok());
    QVERIFY(!report.value().ok);
    QCOMPARE(report.value().firstBadPosition, 0);
    QCOMPARE(report.value().problems.size(), 1);
    QVERIFY2(report.value().problems.first().endsWith(QStringLiteral("verify again")),
             qPrintable(report.value().problems.first()));
    // Verified again, nothing is wrong.
    QVERIFY(verify(ledger.path()).ok);
}

QTEST_GUILESS_MAIN(TestHashChain)
void TestHashChain::canonicalBytesAreQtsCompactJson()
{
    // The hand-written writer must give exactly the bytes Qt gives, or the chain would break
    // between versions: every event type, refusals, and text that needs escaping.
    TestLedger ledger;
    build(ledger);
    const QString alice = ledger.userAccount();
    const QString shop = ledger.createAccount(AccountType::System, QStringLiteral("USD"));
    ledger.fund(alice, QStringLiteral("50.00"));
    const Outcome paid = ledger.pay(alice, shop, QStringLiteral("20.00"));
    ledger.refund(paid.transactionId, QStringLiteral("5.00"));
    QCOMPARE(ledger.refund(paid.transactionId, QStringLiteral("500.00")).code,
             QStringLiteral("REFUND_EXCEEDS_PAYMENT"));
    QCOMPARE(ledger
                 .withdraw(alice, ledger.externalAccount(QStringLiteral("USD")),
                           QStringLiteral("9999.00"))
                 .code,
             QStringLiteral("INSUFFICIENT_FUNDS"));
    ChangeAccountLimits limits;
    limits.accountId = alice;
    limits.minBalance = TestLedger::money(QStringLiteral("-10.00"));
    limits.maxBalance = TestLedger::money(QStringLiteral("1000.00"));
    QVERIFY(ledger.run(limits).completed());
    ChangeAccountStatus suspend;
    suspend.accountId = alice;
    suspend.target = AccountStatus::Suspended;
    QVERIFY(ledger.run(suspend).completed());
    const QString bob = ledger.userAccount();
    QCOMPARE(ledger.transfer(alice, bob, QStringLiteral("1.00")).code,
             QStringLiteral("ACCOUNT_NOT_ACTIVE"));
    const QStringList references = {
        QStringLiteral("INV/2026/11 \"quoted\" back\\slash ~"),
        QStringLiteral("tab\there"),
        QStringLiteral("Rechnung für März"),
        QStringLiteral("emoji \U0001F4B6"),
    };
    ledger.fund(bob, QStringLiteral("10.00"));
    for (const QString &reference : references) {
        MoveMoney move;
        move.type = TransactionType::Transfer;
        move.sourceAccountId = bob;
        move.destinationAccountId = ledger.userAccount();
        move.amount = TestLedger::money(QStringLiteral("1.00"));
        move.reference = reference;
        QVERIFY(ledger.run(move).completed());
    }

    const Result<QList<EventEnvelope>> events = ledger.storage().events().read(0, 10000);
    QVERIFY(events.ok());
    QCOMPARE(events.value().size(), ledger.eventCount());
    int written = 0;
    int leftToQt = 0;
    QSet<QString> types;
    for (const EventEnvelope &event : events.value()) {
        types.insert(event.eventType);
        const QByteArray qt =
            QJsonDocument(codec::toJson(event, false)).toJson(QJsonDocument::Compact);
        QByteArray ours;
        if (codec::writeCanonical(event, ours)) {
            QCOMPARE(ours, qt);
            ++written;
        } else {
            ++leftToQt;
        }
        QCOMPARE(codec::canonicalBytes(event), qt);
        // And with the hash, as Kafka records and `billing-cli events` carry it.
        QCOMPARE(codec::recordBytes(event),
                 QJsonDocument(codec::toJson(event)).toJson(QJsonDocument::Compact));
        QCOMPARE(codec::dataBytes(event.data),
                 QJsonDocument(event.data).toJson(QJsonDocument::Compact));
    }
    // Tab, non-ASCII and emoji references go Qt's way: one Requested event each.
    QCOMPARE(leftToQt, 3);
    QCOMPARE(written, events.value().size() - 3);
    for (const char *type :
         {"AccountCreated", "AccountStatusChanged", "AccountLimitsChanged", "BalanceChanged",
          "TopupRequested", "TopupCompleted", "TransferFailed", "PaymentCompleted",
          "RefundCompleted", "RefundFailed", "WithdrawalFailed"})
        QVERIFY2(types.contains(QLatin1String(type)), type);
}

void TestHashChain::timestampsAreQtsFormat()
{
    const auto qt = [](qint64 ms) {
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
            .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"))
            .toLatin1();
    };
    const qint64 lastMs = 253402300799999; // 9999-12-31T23:59:59.999Z
    QList<qint64> samples = {0, 1, 951782400000 /* 2000-02-29 */, 4107542399999, lastMs};
    QRandomGenerator random(20261126);
    for (int i = 0; i < 20000; ++i)
        samples.append(qint64(random.bounded(quint64(lastMs) + 1)));
    for (const qint64 ms : samples) {
        QByteArray ours;
        QVERIFY(codec::writeTimestamp(ms, ours));
        QCOMPARE(ours, qt(ms));
        QCOMPARE(codec::formatTimestamp(ms).toLatin1(), qt(ms));
    }
    QByteArray outside;
    QVERIFY(!codec::writeTimestamp(-1, outside));
    QVERIFY(!codec::writeTimestamp(lastMs + 1, outside));
    QVERIFY(outside.isEmpty());
}

void TestHashChain::sha256IsQtsSha256()
{
    // Every length around the padding's edges (55, 56, 63, 64 bytes...) and several blocks,
    // whole and fed in pieces, against Qt's portable SHA-256.
    qInfo("SHA-256 on this processor: %s",
          Sha256::accelerated() ? "SHA extensions" : "QCryptographicHash");
    QRandomGenerator random(4242);
    QByteArray bytes(1100, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(random.bounded(256));
    for (qsizetype length = 0; length <= bytes.size(); ++length) {
        const QByteArrayView input(bytes.constData(), length);
        const QByteArray expected = QCryptographicHash::hash(input, QCryptographicHash::Sha256);
        QCOMPARE(Sha256::hash(input), expected);
        Sha256 pieces;
        qsizetype at = 0;
        while (at < length) {
            const qsizetype piece = std::min<qsizetype>(random.bounded(130), length - at);
            pieces.addData(input.sliced(at, piece));
            at += piece;
        }
        QCOMPARE(pieces.result(), expected);
    }
    QCOMPARE(Sha256::hash("abc").toHex(),
             QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

#include "tst_hashchain.moc"
