// Snapshots are a cache: a state started from a snapshot and folded on equals a full replay at
// any point; deleting, corrupting or outdating snapshots changes nothing but speed.
#include "TestLedger.h"

#include "application/Replay.h"
#include "infrastructure/LedgerStateCodec.h"

#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTest>
#include <QtEndian>

#include <cstring>

using namespace billing;
using namespace billing::test;

class TestSnapshots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void codecRoundTripsExactly();
    void codecRefusesDamagedBytesWithoutAsserting();
    void codecRefusesRefusalsThatPointNowhere();
    void snapshotPlusTailEqualsFullReplayAtRandomPoints();
    void openingFromASnapshotEqualsAFullReplay();
    void deletedSnapshotsChangeNothing();
    void corruptSnapshotIsIgnored();
    void snapshotOfARewrittenLogIsIgnored();

private:
    QByteArray fullReplay(qint64 upTo);

    std::unique_ptr<TestLedger> m_ledger;
};

void TestSnapshots::initTestCase()
{
    // A history with every kind of event: accounts in three currencies, top-ups, transfers,
    // payments, refunds, rejections, a suspension and limits.
    const quint32 seed = 7;
    qInfo("history seed %u", seed);
    QRandomGenerator random(seed);
    m_ledger = std::make_unique<TestLedger>(QString(), SqliteDatabase::Durability::Relaxed);
    m_ledger->service().setSnapshots(m_ledger->storage().snapshots(), 500);
    QStringList users;
    const QString shop = m_ledger->createAccount(AccountType::System, QStringLiteral("USD"));
    for (int i = 0; i < 12; ++i)
        users.append(m_ledger->userAccount());
    const QString euro = m_ledger->createAccount(AccountType::User, QStringLiteral("EUR"));
    m_ledger->fund(euro, QStringLiteral("5.00"));
    QStringList payments;
    for (int step = 0; step < 1500; ++step) {
        const QString user = users[random.bounded(int(users.size()))];
        const QString other = users[random.bounded(int(users.size()))];
        const QString amount = QString::number(random.bounded(1, 5000)) + QStringLiteral(".25");
        switch (random.bounded(5)) {
        case 0:
            m_ledger->fund(user, amount);
            break;
        case 1:
            m_ledger->transfer(user, other, amount);
            break;
        case 2:
            if (const Outcome paid = m_ledger->pay(user, shop, amount); paid.completed())
                payments.append(paid.transactionId);
            break;
        case 3:
            if (!payments.isEmpty())
                m_ledger->refund(payments[random.bounded(int(payments.size()))],
                                 QStringLiteral("1.25"));
            break;
        default:
            m_ledger->withdraw(user, m_ledger->externalAccount(QStringLiteral("USD")), amount);
        }
    }
    m_ledger->run(ChangeAccountStatus{users.first(), AccountStatus::Suspended});
    // A refused account command: its words are part of the state (a repeat answers with them).
    const qint64 beforeRefusal = m_ledger->eventCount();
    const QString refusedKey = QStringLiteral("refused-suspend");
    QCOMPARE(m_ledger->run(ChangeAccountStatus{users.first(), AccountStatus::Suspended}, refusedKey)
                 .kindName(),
             QStringLiteral("rejected"));
    QCOMPARE(m_ledger->eventCount(), beforeRefusal + 1);
    QVERIFY(!m_ledger->state().idempotency(refusedKey)->message.isEmpty());
    m_ledger->run(ChangeAccountLimits{users.last(), TestLedger::money(QStringLiteral("-50")),
                                      TestLedger::money(QStringLiteral("1000000"))});
    QVERIFY(m_ledger->eventCount() > 4000);
}

QByteArray TestSnapshots::fullReplay(qint64 upTo)
{
    const Result<LedgerState> state = replayTo(m_ledger->storage().events(), upTo);
    BILLING_ASSERT(state.ok());
    return LedgerStateCodec::encode(state.value());
}

void TestSnapshots::codecRoundTripsExactly()
{
    const QByteArray bytes = LedgerStateCodec::encode(m_ledger->state());
    const std::optional<LedgerState> decoded = LedgerStateCodec::decode(bytes);
    QVERIFY(decoded.has_value());
    QCOMPARE(LedgerStateCodec::encode(*decoded), bytes);
    QCOMPARE(bytes, fullReplay(0));
    QVERIFY(!LedgerStateCodec::decode(bytes.left(bytes.size() - 1)).has_value());
}

// The digest catches a damaged blob before it is decoded, but decode() is also the last guard
// against a snapshot written by a buggy build: a place past the end of a list, an amount out
// of range or a count larger than the bytes must read as "no snapshot", never trip an
// assertion in the state. Every outcome here is either nullopt or a state that encodes
// cleanly again; an assertion would abort the test.
void TestSnapshots::codecRefusesDamagedBytesWithoutAsserting()
{
    const QByteArray bytes = LedgerStateCodec::encode(m_ledger->state());
    QRandomGenerator random(13);
    int refused = 0;
    for (int round = 0; round < 1000; ++round) {
        QByteArray damaged = bytes;
        const auto at = qsizetype(random.bounded(quint32(damaged.size())));
        damaged[at] = char(random.bounded(256));
        const std::optional<LedgerState> decoded = LedgerStateCodec::decode(damaged);
        if (!decoded) {
            ++refused;
            continue;
        }
        QVERIFY(LedgerStateCodec::decode(LedgerStateCodec::encode(*decoded)).has_value());
    }
    qInfo("%d of 1000 damaged encodings refused", refused);
    QVERIFY(refused > 0);
}

namespace {

// Where `text` sits in `bytes` as the codec writes it (UTF-16), after its 4-byte length.
qsizetype textAt(const QByteArray &bytes, const QString &text)
{
    const QByteArray utf16(reinterpret_cast<const char *>(text.constData()),
                           text.size() * qsizetype(sizeof(QChar)));
    return bytes.lastIndexOf(utf16);
}

} // namespace

// The refusals' sections are the last of a snapshot, which random damage seldom reaches: a
// failure at a place past the list or at a transaction that did not fail, and a refusal under
// a key with no refused record, each read as no snapshot.
void TestSnapshots::codecRefusesRefusalsThatPointNowhere()
{
    // Given: a ledger whose first transaction completed, then one failed transfer and one
    // refused account command.
    TestLedger ledger(QString(), SqliteDatabase::Durability::Relaxed);
    const QString user = ledger.userAccount();
    ledger.fund(user, QStringLiteral("5.00"));
    const QString other = ledger.userAccount();
    const Outcome failed = ledger.transfer(user, other, QStringLiteral("9.00"));
    QCOMPARE(failed.kindName(), QStringLiteral("rejected"));
    const QString key = QStringLiteral("refusal-key");
    QCOMPARE(ledger.run(ChangeAccountStatus{other, AccountStatus::Active}, key).kindName(),
             QStringLiteral("rejected"));
    const QByteArray bytes = LedgerStateCodec::encode(ledger.state());
    QVERIFY(LedgerStateCodec::decode(bytes).has_value());
    const qsizetype failureMessage = textAt(bytes, failed.message);
    QVERIFY(failureMessage > 8);
    // The failure's place in the transaction list comes before its message's length.
    const qsizetype place = failureMessage - 8;
    quint32 failedPlace = 0;
    std::memcpy(&failedPlace, bytes.constData() + place, sizeof failedPlace);
    QCOMPARE(qFromLittleEndian(failedPlace), quint32(1));

    // When / Then
    for (const quint32 wrongPlace : {quint32(0), quint32(2), quint32(0xfffffff0)}) {
        QByteArray damaged = bytes;
        const quint32 little = qToLittleEndian(wrongPlace);
        damaged.replace(place, sizeof little,
                        QByteArray(reinterpret_cast<const char *>(&little), sizeof little));
        QVERIFY2(!LedgerStateCodec::decode(damaged).has_value(),
                 qPrintable(QString::number(wrongPlace)));
    }
    QByteArray unknownKey = bytes;
    const qsizetype keyAt = textAt(bytes, key);
    QVERIFY(keyAt > 0);
    unknownKey[keyAt] = 'R'; // "Refusal-key": no record has it
    QVERIFY(!LedgerStateCodec::decode(unknownKey).has_value());
}

void TestSnapshots::snapshotPlusTailEqualsFullReplayAtRandomPoints()
{
    QRandomGenerator random(11);
    SnapshotStore &snapshots = *m_ledger->storage().snapshots();
    const qint64 last = m_ledger->eventCount();
    for (int round = 0; round < 12; ++round) {
        const qint64 snapshotAt = 1 + random.bounded(last - 1);
        const qint64 asOf = snapshotAt + random.bounded(last - snapshotAt + 1);
        const Result<LedgerState> atSnapshot = replayTo(m_ledger->storage().events(), snapshotAt);
        QVERIFY(atSnapshot.ok());
        QVERIFY(snapshots.clear().ok());
        QVERIFY(snapshots.save(atSnapshot.value()).ok());
        const Result<LedgerState> fast = replayTo(m_ledger->storage().events(), asOf, &snapshots);
        QVERIFY(fast.ok());
        QCOMPARE(fast.value().position(), asOf);
        QVERIFY2(LedgerStateCodec::encode(fast.value()) == fullReplay(asOf),
                 qPrintable(QStringLiteral("snapshot at %1, as of %2").arg(snapshotAt).arg(asOf)));
    }
}

void TestSnapshots::openingFromASnapshotEqualsAFullReplay()
{
    SnapshotStore &snapshots = *m_ledger->storage().snapshots();
    QVERIFY(snapshots.clear().ok());
    QVERIFY(snapshots.save(m_ledger->state()).ok());
    // A few more commands after the snapshot: open() must fold them on top.
    m_ledger->fund(m_ledger->userAccount(), QStringLiteral("3.00"));
    FixedClock clock;
    SequentialIds ids(QStringLiteral("reopened"));
    LedgerService reopened(m_ledger->storage().events(), clock, ids);
    reopened.setSnapshots(&snapshots, 0);
    QVERIFY(reopened.open().ok());
    QCOMPARE(reopened.state().position(), m_ledger->eventCount());
    QCOMPARE(LedgerStateCodec::encode(reopened.state()), fullReplay(0));
}

void TestSnapshots::deletedSnapshotsChangeNothing()
{
    QVERIFY(m_ledger->storage().snapshots()->clear().ok());
    FixedClock clock;
    SequentialIds ids(QStringLiteral("cold"));
    LedgerService cold(m_ledger->storage().events(), clock, ids);
    cold.setSnapshots(m_ledger->storage().snapshots(), 0);
    QVERIFY(cold.open().ok());
    QCOMPARE(LedgerStateCodec::encode(cold.state()), fullReplay(0));
}

void TestSnapshots::corruptSnapshotIsIgnored()
{
    SnapshotStore &snapshots = *m_ledger->storage().snapshots();
    QVERIFY(snapshots.clear().ok());
    const Result<LedgerState> early = replayTo(m_ledger->storage().events(), 100);
    QVERIFY(snapshots.save(early.value()).ok());
    QSqlQuery tamper(m_ledger->storage().database().connection());
    // Overwrite two bytes inside the blob, keeping its length.
    QVERIFY(tamper.exec(QStringLiteral("UPDATE snapshots SET state = substr(state, 1, 200) || "
                                       "X'7E7E' || substr(state, 203)")));
    const Result<std::optional<LedgerState>> loaded = snapshots.load(0);
    QVERIFY(loaded.ok());
    QVERIFY(!loaded.value().has_value());
    const Result<LedgerState> state = replayTo(m_ledger->storage().events(), 200, &snapshots);
    QCOMPARE(LedgerStateCodec::encode(state.value()), fullReplay(200));
}

void TestSnapshots::snapshotOfARewrittenLogIsIgnored()
{
    SnapshotStore &snapshots = *m_ledger->storage().snapshots();
    QVERIFY(snapshots.clear().ok());
    const Result<LedgerState> early = replayTo(m_ledger->storage().events(), 300);
    QVERIFY(snapshots.save(early.value()).ok());
    QVERIFY(snapshots.load(0).value().has_value());
    QSqlQuery rewrite(m_ledger->storage().database().connection());
    QVERIFY(
        rewrite.exec(QStringLiteral("UPDATE events SET hash = 'rewritten' WHERE position = 300")));
    QVERIFY(!snapshots.load(0).value().has_value());
}

QTEST_GUILESS_MAIN(TestSnapshots)
#include "tst_snapshots.moc"
