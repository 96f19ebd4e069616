// The Kafka event log on a real single-node KRaft broker: topics made through the admin API,
// the embedded store's exact JSON keyed by aggregate id (checked with kcat, read_committed), and
// fencing: a writer replaced by a newer one with the same transactional.id commits nothing,
// whether it was idle or in the middle of a transaction.
#include "Checked.h"
#include "LocalKafka.h"
#include "TestLedger.h"

#include "infrastructure/EventCodec.h"
#include "infrastructure/KafkaEventLog.h"
#include "infrastructure/KafkaTopics.h"

#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QTest>

using namespace billing;
using namespace billing::test;

namespace {

// The same commands on any store, with fixed time and ids, so two stores get the same events.
class Scenario
{
public:
    explicit Scenario(EventStore &store, const QString &idPrefix = QStringLiteral("id"))
        : m_ids(idPrefix)
        , m_service(store, m_clock, m_ids)
    {
        BILLING_ASSERT(m_service.open().ok());
    }

    Result<Outcome> run(CommandBody body)
    {
        CommandOptions options;
        options.operatorName = QStringLiteral("test");
        return m_service.execute(m_service.issue(std::move(body), options));
    }
    QString account(AccountType type)
    {
        CreateAccount command;
        command.type = type;
        command.currency = QStringLiteral("USD");
        command.ownerId = QStringLiteral("owner");
        const Result<Outcome> outcome = run(command);
        BILLING_ASSERT(outcome.ok() && outcome.value().completed());
        return outcome.value().accountId;
    }
    Result<Outcome> move(TransactionType type, const QString &from, const QString &to,
                         const QString &amount)
    {
        MoveMoney command;
        command.type = type;
        command.sourceAccountId = from;
        command.destinationAccountId = to;
        command.amount = TestLedger::money(amount);
        return run(command);
    }
    void history()
    {
        const QString bank = account(AccountType::External);
        const QString alice = account(AccountType::User);
        const QString bob = account(AccountType::User);
        BILLING_ASSERT(move(TransactionType::Topup, bank, alice, QStringLiteral("100.00")).ok());
        BILLING_ASSERT(move(TransactionType::Transfer, alice, bob, QStringLiteral("25.50")).ok());
        BILLING_ASSERT(move(TransactionType::Transfer, bob, alice, QStringLiteral("500")).ok());
    }
    LedgerService &service() { return m_service; }

private:
    FixedClock m_clock;
    SequentialIds m_ids;
    LedgerService m_service;
};

// Hands every append to a Kafka log and asks at once where its records are, as serve does.
class RecordsOfEachAppend final : public EventStore
{
public:
    explicit RecordsOfEachAppend(KafkaEventLog &log)
        : m_log(log)
    {}
    Result<QList<EventEnvelope>> append(const QList<EventEnvelope> &events,
                                        const QHash<QString, qint64> &expectedVersions) override
    {
        Result<QList<EventEnvelope>> written = m_log.append(events, expectedVersions);
        if (written.ok())
            recorded += m_log.sourceRecords(written.value()).size();
        return written;
    }
    Result<QList<EventEnvelope>> read(qint64 after, int limit) override
    {
        return m_log.read(after, limit);
    }
    Result<qint64> lastPosition() override { return m_log.lastPosition(); }
    QString location() const override { return m_log.location(); }

    qsizetype recorded = 0;

private:
    KafkaEventLog &m_log;
};

QByteArray jsonOf(const EventEnvelope &event)
{
    return QJsonDocument(codec::toJson(event)).toJson(QJsonDocument::Compact);
}

QList<EventEnvelope> readAll(EventStore &store)
{
    const Result<QList<EventEnvelope>> events = store.read(0, 1000000);
    BILLING_ASSERT(events.ok());
    return events.value();
}

} // namespace

class TestKafkaLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void topicsAreCreatedWithTheirPartitions();
    void eventsAreTheEmbeddedJsonKeyedByAggregate();
    void aFencedIdleWriterCommitsNothing();
    void aWriterFencedMidTransactionCommitsNothing();
    void eachEventKnowsWhereItsRecordIs();
    void aLogLongerThanItsMemoryIsReadAgainFromTheTopics();
    void anAppendLongerThanMemoryKnowsItsRecords();

private:
    std::unique_ptr<KafkaEventLog> openLog(const QString &transactionalId = {});
    std::unique_ptr<KafkaEventLog> openLog(const KafkaSettings &settings,
                                           const QString &transactionalId = {});
    QStringList kcat(const QStringList &arguments);
    // Every record of `topic` as a read_committed consumer sees it, one line each in `format`.
    QStringList committedRecords(const QString &topic, const QString &format);

    LocalKafka m_broker;
    KafkaSettings m_settings;
    int m_round = 0;
};

void TestKafkaLog::initTestCase()
{
    QVERIFY2(m_broker.start(), qPrintable(m_broker.error()));
}

void TestKafkaLog::init()
{
    // Each test gets topics of its own on the one broker.
    const Result<KafkaSettings> settings = KafkaSettings::fromEnvironment(m_broker.bootstrap());
    QVERIFY(settings.ok());
    m_settings = settings.value();
    m_settings.topicPrefix = QStringLiteral("t%1.").arg(++m_round);
    const Status created = kafka::ensureTopics(m_settings);
    QVERIFY2(created.ok(), created.ok() ? "" : qPrintable(created.error().message));
}

std::unique_ptr<KafkaEventLog> TestKafkaLog::openLog(const QString &transactionalId)
{
    return openLog(m_settings, transactionalId);
}

std::unique_ptr<KafkaEventLog> TestKafkaLog::openLog(const KafkaSettings &settings,
                                                     const QString &transactionalId)
{
    Result<std::unique_ptr<KafkaEventLog>> log = KafkaEventLog::open(settings, transactionalId);
    if (!log.ok())
        qFatal("cannot open the Kafka event log: %s", qPrintable(log.error().message));
    return std::move(log.value());
}

QStringList TestKafkaLog::committedRecords(const QString &topic, const QString &format)
{
    return kcat({QStringLiteral("-C"), QStringLiteral("-t"), topic, QStringLiteral("-e"),
                 QStringLiteral("-q"), QStringLiteral("-X"),
                 QStringLiteral("isolation.level=read_committed"), QStringLiteral("-f"), format});
}

QStringList TestKafkaLog::kcat(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral("kcat"), QStringList{QStringLiteral("-b"), m_broker.bootstrap(),
                                                      QStringLiteral("-m"), QStringLiteral("20")} +
                                              arguments);
    BILLING_ASSERT(process.waitForFinished(60000));
    BILLING_ASSERT(process.exitCode() == 0);
    return QString::fromUtf8(process.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
}

void TestKafkaLog::topicsAreCreatedWithTheirPartitions()
{
    // Asking again is fine: existing topics are left alone.
    QVERIFY(kafka::ensureTopics(m_settings).ok());
    for (const QString &topic : {m_settings.accountTopic(), m_settings.transactionTopic()}) {
        const QStringList metadata = kcat({QStringLiteral("-L"), QStringLiteral("-t"), topic});
        QVERIFY(metadata.join(u'\n').contains(
            QStringLiteral("topic \"%1\" with 3 partitions").arg(topic)));
    }
    QVERIFY(m_settings.accountTopic().endsWith(u"billing.account-events"));
    QVERIFY(m_settings.transactionTopic().endsWith(u"billing.transaction-events"));
}

void TestKafkaLog::eventsAreTheEmbeddedJsonKeyedByAggregate()
{
    const std::unique_ptr<KafkaEventLog> writer = openLog(QStringLiteral("writer-json"));
    Scenario onKafka(*writer);
    onKafka.history();
    TestLedger embedded;
    Scenario onSqlite(embedded.storage().events());
    onSqlite.history();

    const QList<EventEnvelope> expected = readAll(embedded.storage().events());
    QVERIFY(expected.size() > 10);
    // A separate reader sees the same events, byte for byte, position and hash included.
    const std::unique_ptr<KafkaEventLog> reader = openLog();
    const QList<EventEnvelope> read = readAll(*reader);
    QCOMPARE(read.size(), expected.size());
    for (qsizetype i = 0; i < read.size(); ++i)
        QCOMPARE(jsonOf(read[i]), jsonOf(expected[i]));

    // What kcat shows (read_committed): the same JSON, each aggregate in one partition.
    QSet<QByteArray> expectedJson;
    for (const EventEnvelope &event : expected)
        expectedJson.insert(jsonOf(event));
    QHash<QString, QString> partitionOf;
    int records = 0;
    for (const QString &topic : {m_settings.accountTopic(), m_settings.transactionTopic()}) {
        for (const QString &line : committedRecords(topic, QStringLiteral("%k\t%p\t%s\n"))) {
            const QStringList fields = line.split(u'\t');
            QCOMPARE(fields.size(), 3);
            QVERIFY(expectedJson.contains(fields[2].toUtf8()));
            const EventEnvelope event = codec::fromBytes(fields[2].toUtf8()).value();
            QCOMPARE(fields[0], event.aggregateId);
            QCOMPARE(topic == m_settings.accountTopic(),
                     event.aggregateKind() == AggregateKind::Account);
            QCOMPARE(partitionOf.value(fields[0], fields[1]), fields[1]);
            partitionOf.insert(fields[0], fields[1]);
            ++records;
        }
    }
    QCOMPARE(records, expected.size());
}

void TestKafkaLog::aFencedIdleWriterCommitsNothing()
{
    const std::unique_ptr<KafkaEventLog> first = openLog(QStringLiteral("writer-fence"));
    Scenario older(*first);
    const QString bank = older.account(AccountType::External);
    // Known to the older writer before it is fenced, so that its top-up below is decided and
    // sent (not refused for an account it has not read yet).
    const QString alice = older.account(AccountType::User);
    const qint64 before = first->lastPosition().value();

    // A newer writer with the same transactional.id: the older one is fenced.
    const std::unique_ptr<KafkaEventLog> second = openLog(QStringLiteral("writer-fence"));
    Scenario newer(*second, QStringLiteral("newer"));
    QVERIFY(!newer.account(AccountType::User).isEmpty());
    const Result<Outcome> refused =
        older.move(TransactionType::Topup, bank, alice, QStringLiteral("5.00"));
    QVERIFY(!refused.ok());
    QVERIFY(first->fenced());
    // And stays refused.
    QVERIFY(!older.move(TransactionType::Topup, bank, alice, QStringLiteral("5.00")).ok());

    QVERIFY(newer.move(TransactionType::Topup, bank, alice, QStringLiteral("7.00")).ok());
    const std::unique_ptr<KafkaEventLog> reader = openLog();
    const QList<EventEnvelope> events = readAll(*reader);
    QVERIFY(events.size() > before);
    for (const EventEnvelope &event : events)
        QVERIFY2(event.data.value(u"amount").toString() != u"5.00",
                 "the fenced writer's top-up is in the log");
}

void TestKafkaLog::aWriterFencedMidTransactionCommitsNothing()
{
    const std::unique_ptr<KafkaEventLog> first = openLog(QStringLiteral("writer-zombie"));
    Scenario zombie(*first);
    const QString bank = zombie.account(AccountType::External);
    const QString alice = zombie.account(AccountType::User);

    // The zombie has sent its events and is about to commit when a newer writer starts: the
    // newer one's init_transactions() aborts the open transaction.
    std::unique_ptr<KafkaEventLog> second;
    first->setBeforeCommitHook([&] { second = openLog(QStringLiteral("writer-zombie")); });
    const Result<Outcome> lost =
        zombie.move(TransactionType::Topup, bank, alice, QStringLiteral("3.00"));
    QVERIFY(!lost.ok());
    QVERIFY(second);

    Scenario successor(*second, QStringLiteral("successor"));
    QVERIFY(successor.move(TransactionType::Topup, bank, alice, QStringLiteral("4.00")).ok());
    const std::unique_ptr<KafkaEventLog> reader = openLog();
    const QList<EventEnvelope> events = readAll(*reader);
    QCOMPARE(events.last().position, qint64(events.size()));
    bool sawSuccessor = false;
    for (const EventEnvelope &event : events) {
        QVERIFY2(event.data.value(u"amount").toString() != u"3.00",
                 "the zombie's transaction was committed");
        sawSuccessor = sawSuccessor || event.data.value(u"amount").toString() == u"4.00";
    }
    QVERIFY(sawSuccessor);
}

// Where each event's record is: the writer learns it from its delivery reports, a reader from the
// records it consumes, and both agree with what kcat (read_committed) shows.
void TestKafkaLog::eachEventKnowsWhereItsRecordIs()
{
    const std::unique_ptr<KafkaEventLog> writer = openLog(QStringLiteral("writer-records"));
    Scenario onKafka(*writer);
    onKafka.history();
    const QList<EventEnvelope> written = readAll(*writer);
    QVERIFY(written.size() > 10);
    const SourceRecords delivered = writer->sourceRecords(written);
    const std::unique_ptr<KafkaEventLog> reader = openLog();
    const SourceRecords consumed = reader->sourceRecords(readAll(*reader));
    QCOMPARE(consumed.size(), written.size());
    int records = 0;
    for (const QString &topic : {m_settings.accountTopic(), m_settings.transactionTopic()}) {
        for (const QString &line : committedRecords(topic, QStringLiteral("%t\t%p\t%o\t%s\n"))) {
            const QStringList fields = line.split(u'\t');
            QCOMPARE(fields.size(), 4);
            const qint64 position = codec::fromBytes(fields[3].toUtf8()).value().position;
            for (const SourceRecords &known : {delivered, consumed}) {
                QVERIFY(known.contains(position));
                QCOMPARE(known.value(position).topic, fields[0]);
                QCOMPARE(known.value(position).partition, fields[1].toInt());
                QCOMPARE(known.value(position).offset, fields[2].toLongLong());
            }
            ++records;
        }
    }
    QCOMPARE(records, written.size());
    // A store without partitions has no records.
    TestLedger embedded;
    Scenario onSqlite(embedded.storage().events());
    onSqlite.history();
    QVERIFY(
        embedded.storage().events().sourceRecords(readAll(embedded.storage().events())).isEmpty());
}

// A log keeps only its newest events in memory. Older ones come from the topics again, from the
// nearest checkpoint it noted, in order and chained: forwards, backwards, one at a time or all.
void TestKafkaLog::aLogLongerThanItsMemoryIsReadAgainFromTheTopics()
{
    KafkaSettings small = m_settings;
    small.eventsInMemory = 25;
    {
        // The writer keeps few events too, and its versions, keys and hashes stay whole.
        const std::unique_ptr<KafkaEventLog> writer = openLog(small, QStringLiteral("w-memory"));
        Scenario onKafka(*writer);
        onKafka.history();
        const QString bank = onKafka.account(AccountType::External);
        const QString carol = onKafka.account(AccountType::User);
        QVERIFY(onKafka.move(TransactionType::Topup, bank, carol, QStringLiteral("1000")).ok());
        for (int i = 0; i < 40; ++i)
            QVERIFY(onKafka.move(TransactionType::Withdrawal, carol, bank, QStringLiteral("1.25"))
                        .value()
                        .completed());
        QVERIFY(writer->eventsHeld() <= 25);
    }
    // Whole in memory (the default keeps 20,000): what every other read must give.
    const std::unique_ptr<KafkaEventLog> whole = openLog();
    const QList<EventEnvelope> expected = readAll(*whole);
    QVERIFY(expected.size() > 150);
    QCOMPARE(expected.last().position, qint64(expected.size()));
    const SourceRecords expectedRecords = whole->sourceRecords(expected);
    const auto sameAs = [&](const QList<EventEnvelope> &events, qint64 after, KafkaEventLog &log) {
        const SourceRecords records = log.sourceRecords(events);
        for (qsizetype i = 0; i < events.size(); ++i) {
            const EventEnvelope &want = expected.at(after + i);
            if (jsonOf(events[i]) != jsonOf(want) ||
                records.value(want.position).offset !=
                    expectedRecords.value(want.position).offset ||
                records.value(want.position).topic != expectedRecords.value(want.position).topic)
                return false;
        }
        return true;
    };

    const std::unique_ptr<KafkaEventLog> reader = openLog(small);
    qint64 at = 0;
    for (;;) {
        const Result<QList<EventEnvelope>> page = reader->read(at, 7);
        QVERIFY(page.ok());
        QVERIFY(sameAs(page.value(), at, *reader));
        at += page.value().size();
        if (page.value().size() < 7)
            break;
    }
    QCOMPARE(at, qint64(expected.size()));
    QCOMPARE(reader->lastPosition().value(), at);
    // While reading, records that came ahead of the chain from one partition were held too.
    QVERIFY2(reader->eventsHeld() <= 25 + 7, qPrintable(QString::number(reader->eventsHeld())));
    // Older than memory: from the topics, in pages that go on, jump ahead and go back.
    for (const auto &[after, limit] :
         {std::pair{0, 10}, std::pair{10, 10}, std::pair{60, 5}, std::pair{3, 2}, std::pair{100, 1},
          std::pair{99, 1}, std::pair{20, 1000000}}) {
        const Result<QList<EventEnvelope>> events = reader->read(after, limit);
        QVERIFY(events.ok());
        QCOMPARE(events.value().size(), std::min<qsizetype>(limit, expected.size() - after));
        QVERIFY2(sameAs(events.value(), after, *reader),
                 qPrintable(QStringLiteral("after %1").arg(after)));
    }
    QVERIFY(reader->eventsHeld() <= 25 + 7);
}

// Serve asks where a commit's records are right after it: an append of more events than the
// log keeps in memory still knows them all.
void TestKafkaLog::anAppendLongerThanMemoryKnowsItsRecords()
{
    KafkaSettings tiny = m_settings;
    tiny.eventsInMemory = 2;
    const std::unique_ptr<KafkaEventLog> writer = openLog(tiny, QStringLiteral("w-tiny"));
    RecordsOfEachAppend store(*writer);
    Scenario onKafka(store);
    onKafka.history();
    QCOMPARE(qint64(store.recorded), writer->lastPosition().value());
    QVERIFY(store.recorded > 10);
}

QTEST_GUILESS_MAIN(TestKafkaLog)
#include "tst_kafkalog.moc"
