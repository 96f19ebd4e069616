// PostgreSQL projections on a real PostgreSQL server (initdb + pg_ctl in a temp dir): exact
// NUMERIC(28,8) amounts, the same rows as the embedded store, rebuild = replay, a server
// restart and a projector killed mid-batch cost nothing and apply nothing twice.
#include "Checked.h"
#include "LocalPostgres.h"
#include "TestLedger.h"

#include "infrastructure/PostgresProjectionReader.h"
#include "infrastructure/PostgresProjector.h"
#include "infrastructure/PostgresSchema.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>

#include <csignal>
#include <thread>

using namespace billing;
using namespace billing::test;

namespace {

// Everything a reader shows, one line per row, for comparing two stores.
QStringList views(ProjectionReader &reader)
{
    QStringList lines;
    const Result<QList<AccountView>> accounts = reader.accounts({});
    BILLING_ASSERT(accounts.ok());
    for (const AccountView &account : accounts.value()) {
        lines.append(QStringList{
            account.id, account.ownerId, account.ownerType, account.type, account.currency,
            account.balance.toString(), account.status, account.minBalance.toString(),
            account.maxBalance ? account.maxBalance->toString() : QString(),
            QString::number(account.version), account.createdAt, account.updatedAt}
                         .join(u'|'));
        const Result<QList<TransactionLegView>> legs =
            reader.transactionsOfAccount(account.id, Page{100000, 0});
        BILLING_ASSERT(legs.ok());
        for (const TransactionLegView &leg : legs.value())
            lines.append(QStringList{leg.id, leg.transactionId, leg.type, leg.accountId,
                                     leg.counterpartyId, leg.amount.toString(), leg.currency,
                                     leg.status, leg.reference, leg.failureReason, leg.paymentId,
                                     leg.correlationId, leg.idempotencyKey,
                                     QString::number(leg.position), leg.createdAt, leg.completedAt}
                             .join(u'|'));
    }
    const Result<QList<AuditEntryView>> audit = reader.auditLog(Page{1000000, 0});
    BILLING_ASSERT(audit.ok());
    for (const AuditEntryView &entry : audit.value())
        lines.append(QStringList{QString::number(entry.id), entry.eventId, entry.entityType,
                                 entry.entityId, entry.action, entry.operatorName,
                                 entry.correlationId, entry.changes, entry.timestamp}
                         .join(u'|'));
    return lines;
}

void buildHistory(TestLedger &ledger, int rounds = 1)
{
    for (int round = 0; round < rounds; ++round) {
        const QString alice = ledger.userAccount();
        const QString bob = ledger.userAccount();
        const QString shop = ledger.createAccount(AccountType::System, QStringLiteral("USD"));
        ledger.fund(alice, QStringLiteral("100.00"));
        ledger.transfer(alice, bob, QStringLiteral("25.50"));
        ledger.transfer(bob, alice, QStringLiteral("500.00")); // rejected, recorded
        const Outcome payment = ledger.pay(alice, shop, QStringLiteral("40.00"));
        ledger.refund(payment.transactionId, QStringLiteral("15.00"));
        // Text that array and string literals must carry through unchanged.
        MoveMoney awkward;
        awkward.type = TransactionType::Transfer;
        awkward.sourceAccountId = alice;
        awkward.destinationAccountId = bob;
        awkward.amount = TestLedger::money(QStringLiteral("0.01"));
        awkward.reference = QStringLiteral("{\"a\", b\\c} NULL 'x' ü\n%1 $$");
        ledger.run(awkward);
        ChangeAccountStatus suspend{bob, AccountStatus::Suspended};
        ledger.run(suspend);
    }
}

qint64 scalar(PostgresDatabase &database, const QString &sql)
{
    QSqlQuery query(database.connection());
    BILLING_ASSERT(query.exec(sql) && query.next());
    return query.value(0).toLongLong();
}

// Worker mode (this executable started again by a test): projects a ledger file into
// PostgreSQL and stops dead, inside its first batch's transaction, at a given position.
int runProjectorWorker()
{
    Result<std::unique_ptr<EmbeddedStorage>> ledger =
        EmbeddedStorage::open(qEnvironmentVariable("BILLING_WORKER_LEDGER"));
    const Result<PostgresLocation> location =
        PostgresLocation::parse(qEnvironmentVariable("BILLING_WORKER_PG"));
    if (!ledger.ok() || !location.ok())
        return 2;
    PostgresDatabase database;
    if (!database.open(location.value()).ok())
        return 3;
    PostgresProjector projector(database);
    const qint64 stallAt = qEnvironmentVariable("BILLING_WORKER_STALL_AT").toLongLong();
    projector.setEventAppliedHook([stallAt](qint64 position) {
        if (position != stallAt)
            return;
        QFile out;
        BILLING_ASSERT(out.open(stdout, QIODevice::WriteOnly));
        out.write("stalled\n");
        out.flush();
        for (;;) // until the test kills us
            std::this_thread::sleep_for(std::chrono::seconds(1));
    });
    return projector.catchUp(ledger.value()->events(), 100000).ok() ? 0 : 4;
}

} // namespace

class TestPgProjections : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void passwordsNeverComeFromTheUrlOrAnOpenFile();
    void migrationsAreRecordedAndIdempotent();
    void largestAmountRoundTripsExactly();
    void sameRowsAsTheEmbeddedStore();
    void rebuildEqualsReplay();
    void foldedBatchEqualsEventByEvent();
    void redeliveredEventsAreSkippedAndGapsRefused();
    void offsetsAreStoredWithTheBatch();
    void resumesFromItsCheckpointAfterAServerRestart();
    void projectorKilledMidBatchAppliesNothingTwice();
    void aBatchUnderWayDoesNotHoldUpAnotherOpen();

private:
    void openProjections();

    LocalPostgres m_server;
    PostgresLocation m_location;
    std::unique_ptr<PostgresDatabase> m_database;
    std::unique_ptr<PostgresProjector> m_projector;
    std::unique_ptr<PostgresProjectionReader> m_reader;
};

void TestPgProjections::initTestCase()
{
    QVERIFY2(m_server.start(), qPrintable(m_server.error()));
    const Result<PostgresLocation> location = PostgresLocation::parse(m_server.url());
    QVERIFY(location.ok());
    m_location = location.value();
    openProjections();
}

void TestPgProjections::openProjections()
{
    m_reader.reset();
    m_projector.reset();
    m_database = std::make_unique<PostgresDatabase>();
    const Status opened = m_database->open(m_location);
    QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.error().message));
    m_projector = std::make_unique<PostgresProjector>(*m_database);
    QVERIFY(m_projector->seedCurrencies().ok());
    m_reader = std::make_unique<PostgresProjectionReader>(*m_database);
}

void TestPgProjections::init()
{
    // Every test starts from empty projections on the same server.
    QVERIFY(m_projector->reset().ok());
}

void TestPgProjections::passwordsNeverComeFromTheUrlOrAnOpenFile()
{
    QVERIFY(!PostgresLocation::parse(QStringLiteral("postgresql://u:secret@127.0.0.1:5/db")).ok());
    QVERIFY(!PostgresLocation::parse(QStringLiteral("mysql://u@127.0.0.1:5/db")).ok());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("password"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("from-file\n");
    file.close();
    qputenv("BILLING_PGPASSWORD_FILE", path.toUtf8());
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                QFileDevice::ReadGroup | QFileDevice::ReadOther));
    const Result<PostgresLocation> open =
        PostgresLocation::parse(QStringLiteral("postgresql://u@127.0.0.1:5/db"));
    QVERIFY(!open.ok());
    QVERIFY(open.error().message.contains(u"0600"));
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    const Result<PostgresLocation> closed =
        PostgresLocation::parse(QStringLiteral("postgresql://u@127.0.0.1:5/db"));
    qunsetenv("BILLING_PGPASSWORD_FILE");
    QVERIFY(closed.ok());
    QCOMPARE(closed.value().password, QStringLiteral("from-file"));
    QVERIFY(!closed.value().toString().contains(u"from-file"));
}

void TestPgProjections::migrationsAreRecordedAndIdempotent()
{
    const auto newest = qint64(postgres::migrations().size());
    QCOMPARE(scalar(*m_database, QStringLiteral("SELECT MAX(version) FROM schema_migrations")),
             newest);
    PostgresDatabase second; // a second process opening the same database migrates nothing
    QVERIFY(second.open(m_location).ok());
    QCOMPARE(scalar(second, QStringLiteral("SELECT COUNT(*) FROM schema_migrations")), newest);
    QCOMPARE(scalar(second, QStringLiteral("SELECT COUNT(*) FROM currencies")), qint64(7));
    QCOMPARE(scalar(second,
                    QStringLiteral("SELECT COUNT(*) FROM information_schema.columns WHERE "
                                   "table_name = 'account_projections' AND column_name = 'balance' "
                                   "AND data_type = 'numeric' AND numeric_precision = 28 AND "
                                   "numeric_scale = 8")),
             qint64(1));
    // The history's exact filters, newest first, each have an index to read (the planner is
    // told to avoid scans: on a table this small it would prefer one anyway).
    QSqlQuery plan(second.connection());
    QVERIFY(plan.exec(QStringLiteral("SET enable_seqscan = off")));
    for (const auto &[column, index] : {std::pair{"entity_id", "idx_audit_logs_entity_id"},
                                        std::pair{"correlation_id", "idx_audit_logs_correlation"},
                                        std::pair{"operator", "idx_audit_logs_operator"}}) {
        QVERIFY(plan.exec(QStringLiteral("EXPLAIN SELECT id FROM audit_logs WHERE %1 = 'x' "
                                         "ORDER BY id DESC LIMIT 100")
                              .arg(QLatin1String(column))));
        QString lines;
        while (plan.next())
            lines += plan.value(0).toString() + u'\n';
        QVERIFY2(lines.contains(QLatin1String(index)), qPrintable(lines));
    }
}

void TestPgProjections::largestAmountRoundTripsExactly()
{
    TestLedger ledger;
    const QString alice = ledger.createAccount(AccountType::User, QStringLiteral("BTC"));
    const QString amount = QStringLiteral("12345678901234567890.12345678");
    ledger.fund(alice, amount);
    QVERIFY(m_projector->catchUp(ledger.storage().events()).ok());
    const Result<std::optional<AccountView>> view = m_reader->account(alice);
    QVERIFY(view.ok() && view.value().has_value());
    QCOMPARE(view.value()->balance.toString(8), amount);
    const Result<QList<TransactionLegView>> legs = m_reader->transactionsOfAccount(alice, Page{});
    QVERIFY(legs.ok());
    QCOMPARE(legs.value().first().amount.toString(8), amount);
    // And as psql shows it: the server holds the exact digits, not a double's.
    QProcess psql;
    psql.start(
        QStringLiteral("psql"),
        {QStringLiteral("-XAtq"), m_server.url(), QStringLiteral("-c"),
         QStringLiteral("SELECT balance FROM account_projections WHERE id = '%1'").arg(alice)});
    QVERIFY(psql.waitForFinished(30000));
    QCOMPARE(QString::fromUtf8(psql.readAllStandardOutput()).trimmed(), amount);
}

void TestPgProjections::sameRowsAsTheEmbeddedStore()
{
    TestLedger ledger;
    buildHistory(ledger, 2);
    const Result<qint64> reached = m_projector->catchUp(ledger.storage().events(), 7);
    QVERIFY(reached.ok());
    QCOMPARE(reached.value(), ledger.eventCount());
    QCOMPARE(m_reader->checkpoint().value(), ledger.eventCount());
    const QStringList embedded = views(ledger.storage().projections());
    QVERIFY(embedded.size() > 40);
    QCOMPARE(views(*m_reader), embedded);
    const QString alice = m_reader->accounts({}).value().first().id;
    const Result<QList<TransactionLegView>> transfer = m_reader->transaction(
        m_reader->transactionsOfAccount(alice, Page{}).value().first().transactionId);
    QVERIFY(transfer.ok());
    QCOMPARE(transfer.value().size(), 2);
    QVERIFY(transfer.value().first().amount.isNegative());
    // Paging by position gives what paging by offset gives, in both stores.
    QList<TransactionLegView> all;
    const QList<AccountView> accounts = m_reader->accounts({}).value();
    for (const AccountView &account : accounts) {
        all = m_reader->transactionsOfAccount(account.id, Page{1000, 0}).value();
        if (all.size() > 3)
            break;
    }
    QVERIFY(all.size() > 3);
    const QString busy = all.first().accountId;
    for (ProjectionReader *reader :
         {static_cast<ProjectionReader *>(m_reader.get()), &ledger.storage().projections()}) {
        const QList<TransactionLegView> older =
            reader->transactionsOfAccountBefore(busy, all[1].position, 2).value();
        QCOMPARE(older.size(), 2);
        QCOMPARE(older[0].id, all[2].id);
        QCOMPARE(older[1].id, all[3].id);
    }
}

void TestPgProjections::rebuildEqualsReplay()
{
    TestLedger ledger;
    buildHistory(ledger, 3);
    QVERIFY(m_projector->catchUp(ledger.storage().events(), 5).ok());
    const QStringList before = views(*m_reader);
    QVERIFY(m_projector->reset().ok());
    QVERIFY(m_reader->accounts({}).value().isEmpty());
    QCOMPARE(m_reader->checkpoint().value(), qint64(0));
    QVERIFY(m_projector->catchUp(ledger.storage().events(), 1000).ok());
    QCOMPARE(views(*m_reader), before);
}

void TestPgProjections::foldedBatchEqualsEventByEvent()
{
    // A batch is folded before it is written (PostgresProjectionRows): legs inserted with their
    // final status, one write per account. The same log, event by event, must give the same rows.
    TestLedger ledger;
    buildHistory(ledger, 2);
    const QString carol = ledger.userAccount();
    const QString dave = ledger.userAccount();
    ledger.fund(carol, QStringLiteral("10.00"));
    ledger.run(ChangeAccountLimits{carol, TestLedger::money(QStringLiteral("0.00")),
                                   TestLedger::money(QStringLiteral("50.00"))});
    ledger.transfer(carol, dave, QStringLiteral("4.00"));
    ledger.topup(carol, ledger.externalAccount(QStringLiteral("USD")),
                 QStringLiteral("100.00")); // above the maximum: refused
    ledger.run(ChangeAccountLimits{carol, TestLedger::money(QStringLiteral("0.00")), {}});
    ledger.run(ChangeAccountStatus{carol, AccountStatus::Suspended});
    ledger.transfer(carol, dave, QStringLiteral("1.00")); // suspended: refused
    const QString suspendedAt = ledger.storage().projections().account(carol).value()->updatedAt;
    // A refusal later on moves carol's version, not the time she was last updated.
    ledger.clock().advance(60000);
    ledger.run(ChangeAccountStatus{carol, AccountStatus::Suspended}); // no change: rejected
    QVERIFY(m_projector->catchUp(ledger.storage().events(), 100000).ok());
    const QStringList folded = views(*m_reader);
    QCOMPARE(folded, views(ledger.storage().projections()));
    const std::optional<AccountView> projected = m_reader->account(carol).value();
    QVERIFY(projected.has_value());
    QCOMPARE(projected->version, ledger.state().account(carol)->version);
    QCOMPARE(projected->updatedAt, suspendedAt);
    QVERIFY(m_projector->reset().ok());
    m_projector->setEventAppliedHook([](qint64) {}); // a hook makes it go event by event
    QVERIFY(m_projector->catchUp(ledger.storage().events(), 100000).ok());
    m_projector->setEventAppliedHook({});
    QCOMPARE(views(*m_reader), folded);

    // Databases projected before the last schema had the refusal's time there; it fixes that.
    QSqlQuery query(m_database->connection());
    QVERIFY(query.exec(QStringLiteral("UPDATE account_projections SET updated_at = now() "
                                      "WHERE id = '%1'")
                           .arg(carol)));
    QVERIFY(query.exec(QStringLiteral("DELETE FROM schema_migrations WHERE version = %1")
                           .arg(postgres::migrations().size())));
    openProjections();
    QCOMPARE(views(*m_reader), folded);
}

void TestPgProjections::redeliveredEventsAreSkippedAndGapsRefused()
{
    TestLedger ledger;
    buildHistory(ledger);
    const QList<EventEnvelope> all = ledger.storage().events().read(0, 1000).value();
    QVERIFY(all.size() > 10);
    QCOMPARE(m_projector->applyBatch(all.mid(0, 6)).value(), qint64(6));
    // A redelivery overlapping what was applied: only the new tail counts.
    QCOMPARE(m_projector->applyBatch(all.mid(2, 6)).value(), qint64(8));
    QCOMPARE(m_projector->applyBatch(all.mid(0, 8)).value(), qint64(8));
    // A gap is refused whole, and nothing of it stays.
    const Result<qint64> gap = m_projector->applyBatch(all.mid(9, 2));
    QVERIFY(!gap.ok());
    QCOMPARE(m_reader->checkpoint().value(), qint64(8));
    QCOMPARE(scalar(*m_database, QStringLiteral("SELECT COUNT(*) FROM audit_logs")), qint64(8));
    QVERIFY(m_projector->applyBatch(all.mid(8)).ok());
    QCOMPARE(views(*m_reader), views(ledger.storage().projections()));
}

void TestPgProjections::offsetsAreStoredWithTheBatch()
{
    TestLedger ledger;
    buildHistory(ledger);
    const QList<EventEnvelope> all = ledger.storage().events().read(0, 1000).value();
    // Where a partitioned source would hold each event: even positions in partition 0, odd ones
    // in partition 2, at offset 100 + position.
    const auto recordsAt = [&all](qint64 base) {
        SourceRecords records;
        for (const EventEnvelope &event : all)
            records.insert(event.position,
                           SourceRecord{QStringLiteral("t"), int(event.position % 2) * 2,
                                        base + event.position});
        return records;
    };
    QCOMPARE(m_projector->applyBatch(all.mid(0, 4), recordsAt(100)).value(), qint64(4));
    QCOMPARE(m_projector->applyBatch(all.mid(4, 1), recordsAt(100)).value(), qint64(5));
    // A redelivery, its records elsewhere: only position 6, the one applied, moves an offset;
    // the skipped 1..5 do not move partition 2's.
    QCOMPARE(m_projector->applyBatch(all.mid(0, 6), recordsAt(1000)).value(), qint64(6));
    // A failed batch moves no offset.
    QVERIFY(!m_projector->applyBatch(all.mid(9, 1), recordsAt(2000)).ok());
    const QList<SourceOffset> offsets = m_projector->offsets().value();
    QCOMPARE(offsets.size(), 2);
    QCOMPARE(offsets[0].topic, QStringLiteral("t"));
    QCOMPARE(offsets[0].partition, 0);
    QCOMPARE(offsets[0].nextOffset, qint64(1000 + 6 + 1));
    QCOMPARE(offsets[1].partition, 2);
    QCOMPARE(offsets[1].nextOffset, qint64(100 + 5 + 1));
    // A source without partitions (SQLite) gives no records, and no offset moves.
    QVERIFY(m_projector->applyBatch(all.mid(6, 2)).ok());
    QCOMPARE(m_projector->offsets().value().size(), 2);
    QCOMPARE(m_projector->offsets().value()[0].nextOffset, qint64(1007));
}

void TestPgProjections::resumesFromItsCheckpointAfterAServerRestart()
{
    TestLedger ledger;
    buildHistory(ledger, 2);
    QVERIFY(m_projector->catchUp(ledger.storage().events()).ok());
    const qint64 before = ledger.eventCount();
    QVERIFY2(m_server.stopServer(), qPrintable(m_server.error()));
    buildHistory(ledger, 2); // the log moves on while PostgreSQL is down
    const Result<qint64> whileDown = m_projector->catchUp(ledger.storage().events());
    QVERIFY(!whileDown.ok());
    QVERIFY2(m_server.startServer(), qPrintable(m_server.error()));
    PostgresDatabase fresh; // the checkpoint is where the last committed batch left it
    QVERIFY(fresh.open(m_location).ok());
    QCOMPARE(scalar(fresh, QStringLiteral("SELECT position FROM projection_checkpoints")), before);
    // The same objects carry on: the connection is renewed.
    const Result<qint64> resumed = m_projector->catchUp(ledger.storage().events(), 3);
    QVERIFY2(resumed.ok(), resumed.ok() ? "" : qPrintable(resumed.error().message));
    QCOMPARE(resumed.value(), ledger.eventCount());
    QCOMPARE(views(*m_reader), views(ledger.storage().projections()));
}

void TestPgProjections::projectorKilledMidBatchAppliesNothingTwice()
{
    TestLedger ledger;
    buildHistory(ledger, 10);
    const qint64 total = ledger.eventCount();
    QVERIFY(total > 150);
    // A first batch committed, so the worker starts from a checkpoint that is not zero.
    QVERIFY(m_projector->catchUp(ledger.storage().events(), 40, [](qint64) { return false; }).ok());
    QCOMPARE(m_reader->checkpoint().value(), qint64(40));

    QProcess worker;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("BILLING_PROJECTOR_WORKER"), QStringLiteral("1"));
    environment.insert(QStringLiteral("BILLING_WORKER_LEDGER"), ledger.path());
    environment.insert(QStringLiteral("BILLING_WORKER_PG"), m_server.url());
    environment.insert(QStringLiteral("BILLING_WORKER_STALL_AT"), QString::number(total - 20));
    worker.setProcessEnvironment(environment);
    worker.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    worker.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(worker.waitForStarted());
    QVERIFY(worker.waitForReadyRead(60000));
    QCOMPARE(worker.readLine().trimmed(), QByteArray("stalled"));
    // Mid-batch: the worker has written rows past the checkpoint, none of them committed.
    QCOMPARE(m_reader->checkpoint().value(), qint64(40));
    ::kill(pid_t(worker.processId()), SIGKILL);
    QVERIFY(worker.waitForFinished(30000));
    QCOMPARE(worker.exitStatus(), QProcess::CrashExit);

    const Result<qint64> resumed = m_projector->catchUp(ledger.storage().events(), 50);
    QVERIFY2(resumed.ok(), resumed.ok() ? "" : qPrintable(resumed.error().message));
    QCOMPARE(resumed.value(), total);
    QCOMPARE(scalar(*m_database, QStringLiteral("SELECT COUNT(*) FROM audit_logs")), total);
    QCOMPARE(scalar(*m_database, QStringLiteral("SELECT COUNT(DISTINCT event_id) FROM audit_logs")),
             total);
    QCOMPARE(views(*m_reader), views(ledger.storage().projections()));
}

// A projector that stalls inside a batch (a serve stopped with SIGSTOP) holds the checkpoint
// row it updated. Another process that opens the ledger meanwhile finds its checkpoint and
// currencies there and writes nothing, instead of waiting for the row until its lock timeout.
void TestPgProjections::aBatchUnderWayDoesNotHoldUpAnotherOpen()
{
    QVERIFY(m_database->begin().ok());
    QVERIFY(
        m_database->exec(QStringLiteral("UPDATE projection_checkpoints SET position = position"))
            .ok());
    PostgresDatabase other;
    QVERIFY(other.open(m_location).ok());
    QElapsedTimer took;
    took.start();
    const Status seeded = PostgresProjector(other).seedCurrencies();
    const qint64 ms = took.elapsed();
    m_database->rollback();
    QVERIFY2(seeded.ok(), seeded.ok() ? "" : qPrintable(seeded.error().message));
    QVERIFY2(ms < 2000, qPrintable(QString::number(ms)));
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet("BILLING_PROJECTOR_WORKER"))
        return runProjectorWorker();
    TestPgProjections test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_pgprojections.moc"
