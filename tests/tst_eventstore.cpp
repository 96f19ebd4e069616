// The embedded event store: positions, hash chain, expected versions, atomic commands.
#include "TestLedger.h"

#include "application/Decider.h"
#include "domain/ReasonCode.h"
#include "infrastructure/CanonicalEventReader.h"
#include "infrastructure/EventCodec.h"
#include "infrastructure/LedgerStateCodec.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <QTest>

#include <sqlite3.h>

#include <algorithm>
#include <thread>

using namespace billing;
using namespace billing::test;

class TestEventStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendAssignsContiguousPositionsAndAChainedHash();
    void staleWriterIsRejectedAndWritesNothing();
    void secondServiceOnTheFileDecidesOnFreshState();
    void sameIdempotencyKeyFromTwoWritersOnlyOnceInTheLog();
    void failureInTheMiddleOfACommandLeavesNoPartialState();
    void aSteadyWriterIsNeverHeldBackWhenTheWalStartsOver();
    void eventJsonRoundTripsExactly();
    void canonicalReaderReadsWhatTheLedgerWritesAndNothingElse();
    void foldingTheStoreEqualsApplyingWhatItReads();
    void aLongFoldAppliesOnItsOwnThreadInLogOrder();
    void aLongFoldStopsAtARowItCannotReadWithTheRowsBeforeItApplied();
};

void TestEventStore::appendAssignsContiguousPositionsAndAChainedHash()
{
    TestLedger ledger;
    const QString alice = ledger.userAccount();
    ledger.fund(alice, QStringLiteral("10.00"));
    const Result<QList<EventEnvelope>> events = ledger.storage().events().read(0, 100);
    QVERIFY(events.ok());
    QCOMPARE(events.value().size(), 6); // 2 accounts + Requested, 2 BalanceChanged, Completed
    QString previous;
    for (qsizetype i = 0; i < events.value().size(); ++i) {
        const EventEnvelope &event = events.value()[i];
        QCOMPARE(event.position, i + 1);
        QCOMPARE(event.hash, codec::chainHash(previous, codec::canonicalBytes(event)));
        previous = event.hash;
    }
}

void TestEventStore::staleWriterIsRejectedAndWritesNothing()
{
    // Given two writers that read the same state
    TestLedger ledger;
    const QString alice = ledger.userAccount();
    const QString bob = ledger.userAccount();
    ledger.fund(alice, QStringLiteral("100.00"));
    const LedgerState stale = ledger.state();
    auto transfer = [&](const QString &amount) {
        MoveMoney body{TransactionType::Transfer, {}, alice, bob,
                       TestLedger::money(amount), {}, {}};
        return ledger.service().issue(body, {});
    };
    const Decision first = decide(stale, transfer(QStringLiteral("60.00")));
    const Decision second = decide(stale, transfer(QStringLiteral("70.00")));
    QVERIFY(first.outcome.completed() && second.outcome.completed());
    const qint64 before = ledger.eventCount();

    // When both append
    const auto firstWrite = ledger.storage().events().append(first.events, first.expectedVersions);
    const auto secondWrite =
        ledger.storage().events().append(second.events, second.expectedVersions);

    // Then only the first lands; the second is a conflict and nothing of it is in the log
    QVERIFY(firstWrite.ok());
    QVERIFY(!secondWrite.ok());
    QCOMPARE(secondWrite.error().code, reason::concurrencyConflict);
    QCOMPARE(ledger.eventCount(), before + first.events.size());
}

void TestEventStore::secondServiceOnTheFileDecidesOnFreshState()
{
    TestLedger ledger;
    const QString alice = ledger.userAccount();
    const QString bank = ledger.externalAccount(QStringLiteral("USD"));
    ledger.fund(alice, QStringLiteral("100.00"));
    // A second desk on the same file, opened now, then left behind by the first.
    Result<std::unique_ptr<EmbeddedStorage>> other = EmbeddedStorage::open(ledger.path());
    QVERIFY(other.ok());
    FixedClock clock;
    SequentialIds ids(QStringLiteral("other"));
    LedgerService otherService(other.value()->events(), clock, ids);
    QVERIFY(otherService.open().ok());
    QVERIFY(ledger.withdraw(alice, bank, QStringLiteral("60.00")).completed());

    MoveMoney body{TransactionType::Withdrawal,
                   {},
                   alice,
                   bank,
                   TestLedger::money(QStringLiteral("60.00")),
                   {},
                   {}};
    const Result<Outcome> outcome = otherService.execute(otherService.issue(body, {}));
    QVERIFY(outcome.ok());
    QCOMPARE(outcome.value().code, reason::insufficientFunds);
    QCOMPARE(otherService.state().account(alice)->balance, TestLedger::money(QStringLiteral("40")));
    QVERIFY(otherService.state().balanced());
}

void TestEventStore::sameIdempotencyKeyFromTwoWritersOnlyOnceInTheLog()
{
    TestLedger ledger;
    const QString alice = ledger.userAccount();
    const QString bob = ledger.userAccount();
    ledger.fund(alice, QStringLiteral("100.00"));
    ledger.fund(bob, QStringLiteral("100.00"));
    const LedgerState stale = ledger.state();
    // Different accounts, so versions do not clash: only the key can stop the second.
    CommandOptions options;
    options.idempotencyKey = QStringLiteral("shared-key");
    const QString bank = ledger.externalAccount(QStringLiteral("USD"));
    MoveMoney fromAlice{TransactionType::Withdrawal,
                        {},
                        alice,
                        bank,
                        TestLedger::money(QStringLiteral("1")),
                        {},
                        {}};
    const Decision first = decide(stale, ledger.service().issue(fromAlice, options));
    QVERIFY(ledger.storage().events().append(first.events, first.expectedVersions).ok());
    const qint64 before = ledger.eventCount();
    // The second command touches Alice too; drop her from its read set so that only the key
    // can stop it.
    MoveMoney fromBob{
        TransactionType::Transfer, {}, bob, alice, TestLedger::money(QStringLiteral("1")), {}, {}};
    Decision second = decide(stale, ledger.service().issue(fromBob, options));
    second.expectedVersions.remove(alice);
    const auto written = ledger.storage().events().append(second.events, second.expectedVersions);
    QVERIFY(!written.ok());
    QCOMPARE(written.error().code, reason::concurrencyConflict);
    QCOMPARE(ledger.eventCount(), before);
}

// The WAL has to start over while a writer keeps writing, or it grows for as long as commands
// come. A RESTART checkpoint did that by holding the writer back (60 to 145 ms, once in ~700
// commands); now the checkpointer flags a long WAL and the writer copies the last frames and
// starts it over itself. Watched with SQLite's own hooks on the writer's connection: the
// frames in the WAL after each commit, and each time the writer had to wait for a lock.
void TestEventStore::aSteadyWriterIsNeverHeldBackWhenTheWalStartsOver()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SqliteDatabase database;
    // Durable commits, as the ledger's: a writer that never syncs fills the WAL faster than any
    // checkpoint can copy it, and then has to help (the forced RESTART at 1 GiB).
    QVERIFY(database.open(dir.filePath(QStringLiteral("wal.db"))).ok());
    QVERIFY(database.exec(QStringLiteral("CREATE TABLE filler (bytes BLOB)")).ok());
    struct Watch
    {
        int frames = 0;
        int mostFrames = 0;
        int startedOver = 0;
        int waits = 0;
    } watch;
    sqlite3_wal_hook(
        database.handle(),
        [](void *into, sqlite3 *, const char *, int frames) {
            auto &seen = *static_cast<Watch *>(into);
            if (frames < seen.frames)
                ++seen.startedOver;
            seen.frames = frames;
            seen.mostFrames = std::max(seen.mostFrames, frames);
            return SQLITE_OK;
        },
        &watch);
    sqlite3_busy_handler(
        database.handle(),
        [](void *into, int) {
            ++static_cast<Watch *>(into)->waits;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            return 1;
        },
        &watch);
    // About 11 frames a commit: 16,384 (64 MiB) after some 1,500 durable commits, then until the
    // WAL has started over twice.
    QElapsedTimer elapsed;
    elapsed.start();
    int commits = 0;
    while (watch.startedOver < 2 && elapsed.elapsed() < 60000) {
        QVERIFY(database.beginWrite().ok());
        QVERIFY(database
                    .exec(QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                                         "FROM n WHERE i < 10) INSERT INTO filler SELECT "
                                         "randomblob(4000) FROM n"))
                    .ok());
        QVERIFY(database.commit().ok());
        ++commits;
    }
    qInfo("%d commits, at most %d frames in the WAL, started over %d times, %d waits", commits,
          watch.mostFrames, watch.startedOver, watch.waits);
    QCOMPARE(watch.startedOver, 2);
    QCOMPARE(watch.waits, 0);
}

void TestEventStore::failureInTheMiddleOfACommandLeavesNoPartialState()
{
    TestLedger ledger;
    const QString alice = ledger.userAccount();
    const QString bob = ledger.userAccount();
    ledger.fund(alice, QStringLiteral("100.00"));
    const qint64 before = ledger.eventCount();
    const LedgerState stateBefore = ledger.state();
    // The projection step fails after the events are inserted, inside the same transaction.
    auto &store = dynamic_cast<SqliteEventStore &>(ledger.storage().events());
    store.setInlineStep([](const QList<EventEnvelope> &) -> Status {
        return Error{reason::storageFailure, QStringLiteral("disk full (simulated)"), {}};
    });
    MoveMoney body{
        TransactionType::Transfer, {}, alice, bob, TestLedger::money(QStringLiteral("5")), {}, {}};
    const Result<Outcome> failed = ledger.service().execute(ledger.service().issue(body, {}));
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().code, reason::storageFailure);
    QCOMPARE(ledger.eventCount(), before);
    QCOMPARE(ledger.state().position(), stateBefore.position());
    QCOMPARE(ledger.state().account(alice)->balance, stateBefore.account(alice)->balance);
    QCOMPARE(ledger.storage().projections().account(alice).value()->balance,
             TestLedger::money(QStringLiteral("100")));

    // And the same command succeeds once the fault is gone.
    ledger.storage().setInlineProjection(true);
    QVERIFY(ledger.transfer(alice, bob, QStringLiteral("5")).completed());
    QCOMPARE(ledger.storage().projections().account(bob).value()->balance,
             TestLedger::money(QStringLiteral("5")));
}

void TestEventStore::eventJsonRoundTripsExactly()
{
    TestLedger ledger;
    const QString alice = ledger.createAccount(AccountType::User, QStringLiteral("BTC"));
    ledger.fund(alice, QStringLiteral("12345678901234567890.12345678"));
    const Result<QList<EventEnvelope>> events = ledger.storage().events().read(0, 100);
    QVERIFY(events.ok());
    for (const EventEnvelope &event : events.value()) {
        const Result<EventEnvelope> back = codec::fromJson(codec::toJson(event));
        QVERIFY(back.ok());
        QCOMPARE(codec::canonicalBytes(back.value()), codec::canonicalBytes(event));
        QCOMPARE(back.value().hash, event.hash);
    }
    QCOMPARE(ledger.storage().projections().account(alice).value()->balance,
             TestLedger::money(QStringLiteral("12345678901234567890.12345678")));
}

void TestEventStore::canonicalReaderReadsWhatTheLedgerWritesAndNothingElse()
{
    TestLedger ledger;
    const QString alice = ledger.userAccount();
    const QString bob = ledger.userAccount();
    ledger.fund(alice, QStringLiteral("10.50"));
    QVERIFY(ledger.transfer(alice, bob, QStringLiteral("0.25")).completed());
    const Result<QList<EventEnvelope>> events = ledger.storage().events().read(0, 100);
    QVERIFY(events.ok());
    CanonicalEventReader reader;
    for (const EventEnvelope &event : events.value()) {
        const QByteArray canonical = codec::canonicalBytes(event);
        const FoldEvent *read = reader.read(canonical);
        QVERIFY2(read, canonical.constData());
        QCOMPARE(read->eventType.toString(), event.eventType);
        QCOMPARE(read->aggregateId.toString(), event.aggregateId);
        QCOMPARE(read->aggregateVersion, event.aggregateVersion);
        QCOMPARE(read->position, event.position);
        QCOMPARE(read->dataCount, event.data.size());
        for (auto it = event.data.constBegin(); it != event.data.constEnd(); ++it) {
            QVERIFY(read->find(it.key()));
            QCOMPARE(read->value(it.key()).toString(), it.value().toString());
        }

        // Any other shape is left to QJsonDocument.
        QVERIFY(!reader.read(QJsonDocument(codec::toJson(event, false)).toJson()));
        QVERIFY(!reader.read(canonical.chopped(1)));
        QVERIFY(!reader.read(canonical + ' '));
        EventEnvelope old = event;
        old.schemaVersion = 1;
        QVERIFY(!reader.read(codec::canonicalBytes(old)));
        EventEnvelope other = event;
        other.data.insert(QStringLiteral("note"), QStringLiteral("say \"hi\""));
        QVERIFY(!reader.read(codec::canonicalBytes(other)));
        other.data.insert(QStringLiteral("note"), QStringLiteral("Zo\u00eb"));
        QVERIFY(!reader.read(codec::canonicalBytes(other)));
        other.data.insert(QStringLiteral("note"), 1.5);
        QVERIFY(!reader.read(codec::canonicalBytes(other)));

        // The same JSON with its keys in another order, or a data name twice: also left to it.
        const qsizetype causation = canonical.indexOf("\"causationId\"");
        const qsizetype correlation = canonical.indexOf("\"correlationId\"");
        const qsizetype data = canonical.indexOf("\"data\"");
        QVERIFY(causation > 0 && correlation > causation && data > correlation);
        const QByteArray swapped =
            canonical.left(causation) + canonical.mid(correlation, data - correlation - 1) + ',' +
            canonical.mid(causation, correlation - causation - 1) + canonical.mid(data - 1);
        QVERIFY(QJsonDocument::fromJson(swapped).isObject());
        QVERIFY(!reader.read(swapped));
        QByteArray twice = canonical;
        twice.replace("\"data\":{", "\"data\":{\"a\":\"1\",\"a\":\"2\",");
        twice.replace(",}", "}");
        QVERIFY(QJsonDocument::fromJson(twice).isObject());
        QVERIFY(!reader.read(twice));
        QByteArray unsorted = canonical;
        unsorted.replace("\"data\":{", "\"data\":{\"b\":\"1\",\"a\":\"2\",");
        unsorted.replace(",}", "}");
        QVERIFY(!reader.read(unsorted));
        QByteArray sorted = canonical;
        sorted.replace("\"data\":{", "\"data\":{\"A\":\"1\",\"B\":\"2\",");
        sorted.replace(",}", "}");
        QVERIFY2(reader.read(sorted), sorted.constData());
    }
}

void TestEventStore::foldingTheStoreEqualsApplyingWhatItReads()
{
    // Given: a ledger whose events include text the fast reader does not take (escapes,
    // non-ASCII), so that both of the store's ways of folding run.
    TestLedger ledger;
    const QString alice = ledger.createAccount(AccountType::User, QStringLiteral("USD"),
                                               QStringLiteral("Zo\u00eb \"the\" payer"));
    const QString bob = ledger.userAccount();
    ledger.fund(alice, QStringLiteral("100"));
    QVERIFY(ledger.transfer(alice, bob, QStringLiteral("12.34")).completed());
    QVERIFY(!ledger.transfer(bob, alice, QStringLiteral("99")).completed());

    // When: the store folds its log, and the log is read and applied one envelope at a time.
    LedgerState folded;
    QVERIFY(ledger.storage().events().foldInto(folded).ok());
    LedgerState applied;
    const Result<QList<EventEnvelope>> events = ledger.storage().events().read(0, 1000);
    QVERIFY(events.ok());
    for (const EventEnvelope &event : events.value())
        applied.apply(event);

    // Then: the same state, and the same as the service's, which folded its own decisions.
    QCOMPARE(folded.position(), ledger.eventCount());
    QCOMPARE(LedgerStateCodec::encode(folded), LedgerStateCodec::encode(applied));
    QCOMPARE(LedgerStateCodec::encode(folded), LedgerStateCodec::encode(ledger.state()));
    QCOMPARE(folded.account(alice)->ownerId, QStringLiteral("Zo\u00eb \"the\" payer"));

    // And: a fold that stops early stops exactly there.
    LedgerState partial;
    QVERIFY(ledger.storage().events().foldInto(partial, 3).ok());
    QCOMPARE(partial.position(), qint64(3));
}

void TestEventStore::aLongFoldAppliesOnItsOwnThreadInLogOrder()
{
    // Given: a log several times longer than what a fold reads on the caller's thread (1,000
    // rows) and than its ring of batches (4 x 256 rows), with rows only QJsonDocument reads in
    // the middle of it.
    TestLedger ledger;
    QStringList accounts;
    for (int i = 0; i < 8; ++i) {
        accounts.append(ledger.userAccount());
        ledger.fund(accounts.constLast(), QStringLiteral("1000"));
    }
    const auto transfers = [&](int count) {
        QList<Command> commands;
        for (int i = 0; i < count; ++i) {
            const MoveMoney body{TransactionType::Transfer,
                                 {},
                                 accounts[i % accounts.size()],
                                 accounts[(i + 3) % accounts.size()],
                                 TestLedger::money(QStringLiteral("0.01")),
                                 {},
                                 {}};
            commands.append(ledger.service().issue(body, {}));
        }
        const Result<QList<Outcome>> outcomes = ledger.service().executeBatch(commands);
        QVERIFY(outcomes.ok());
    };
    transfers(500);
    accounts.append(ledger.createAccount(AccountType::User, QStringLiteral("USD"),
                                         QStringLiteral("Zo\u00eb \"the\" payer")));
    ledger.fund(accounts.constLast(), QStringLiteral("5"));
    transfers(500);
    QVERIFY(ledger.eventCount() > 4000);

    // When: the store folds it whole, and in two parts that end in the middle of a batch.
    LedgerState whole;
    QVERIFY(ledger.storage().events().foldInto(whole).ok());
    LedgerState parts;
    QVERIFY(ledger.storage().events().foldInto(parts, 1000).ok());
    QCOMPARE(parts.position(), qint64(1000));
    QVERIFY(ledger.storage().events().foldInto(parts).ok());

    // Then: both are the state the service folded from its own decisions, event by event.
    QCOMPARE(whole.position(), ledger.eventCount());
    QCOMPARE(LedgerStateCodec::encode(whole), LedgerStateCodec::encode(ledger.state()));
    QCOMPARE(LedgerStateCodec::encode(parts), LedgerStateCodec::encode(ledger.state()));
}

void TestEventStore::aLongFoldStopsAtARowItCannotReadWithTheRowsBeforeItApplied()
{
    // Given: a log of more than 2,000 events whose row 1,800, in the part a fold reads on its
    // second thread, is no longer JSON
    TestLedger ledger;
    const QString alice = ledger.userAccount();
    const QString bob = ledger.userAccount();
    ledger.fund(alice, QStringLiteral("1000"));
    QList<Command> commands;
    for (int i = 0; i < 600; ++i) {
        const MoveMoney body{TransactionType::Transfer,
                             {},
                             i % 2 == 0 ? alice : bob,
                             i % 2 == 0 ? bob : alice,
                             TestLedger::money(QStringLiteral("0.01")),
                             {},
                             {}};
        commands.append(ledger.service().issue(body, {}));
    }
    QVERIFY(ledger.service().executeBatch(commands).ok());
    QVERIFY(ledger.eventCount() > 2000);
    QSqlQuery edit(ledger.storage().database().connection());
    QVERIFY(
        edit.exec(QStringLiteral("UPDATE events SET body = '{\"cut\": ' WHERE position = 1800")));

    // When: the store folds it
    LedgerState folded;
    const Status status = ledger.storage().events().foldInto(folded);

    // Then: the fold fails, with every row before that one applied and none after it
    QVERIFY(!status.ok());
    QCOMPARE(folded.position(), qint64(1799));
}

QTEST_GUILESS_MAIN(TestEventStore)
#include "tst_eventstore.moc"
