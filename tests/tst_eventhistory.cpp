// The auditor's event history read through SqliteTableReader: every filter gives exactly the
// events a brute-force pass over the log keeps, paged in both directions; counts stop at their
// limit; the whole log pages by position; free text through the search index finds words and
// their starts, and the index follows the log; and a store from before the history indexes
// upgrades.
#include "TestLedger.h"
#include "infrastructure/EventSearchIndex.h"
#include "infrastructure/SqliteSchema.h"
#include "infrastructure/SqliteTableReader.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace billing;
using billing::test::TestLedger;

namespace {

// One row of the log as the brute force sees it: straight from the table and the domain.
struct LoggedEvent
{
    qint64 position = 0;
    EventEnvelope envelope;
    QString timestamp;
    QString body;
};

using Keep = std::function<bool(const LoggedEvent &)>;

// A ledger with three operators, time moving on, transfers among a few accounts.
struct HistoryLedger
{
    TestLedger ledger;
    QStringList accounts;
    QList<LoggedEvent> events;

    HistoryLedger()
    {
        for (int i = 0; i < 4; ++i)
            accounts.append(ledger.userAccount());
        const QString external = ledger.externalAccount(QStringLiteral("USD"));
        for (int round = 0; round < 12; ++round) {
            ledger.clock().advance(60000);
            CommandOptions options;
            options.operatorName = QStringLiteral("operator-%1").arg(round % 3);
            MoveMoney move;
            move.type = round % 4 == 0 ? TransactionType::Topup : TransactionType::Transfer;
            move.sourceAccountId = round % 4 == 0 ? external : accounts.at(round % 4);
            move.destinationAccountId = accounts.at((round + 1) % 4);
            move.amount = TestLedger::money(round % 4 == 0 ? QStringLiteral("100.00")
                                                           : QStringLiteral("1.25"));
            const Result<Outcome> outcome =
                ledger.service().execute(ledger.service().issue(move, options));
            BILLING_ASSERT(outcome.ok());
        }
        const Result<QList<EventEnvelope>> all = ledger.storage().events().read(0, 100000);
        BILLING_ASSERT(all.ok());
        QSqlQuery rows(ledger.storage().database().connection());
        BILLING_ASSERT(rows.exec(QStringLiteral(
            "SELECT position, timestamp, CAST(body AS TEXT) FROM events ORDER BY position")));
        for (const EventEnvelope &envelope : all.value()) {
            BILLING_ASSERT(rows.next() && rows.value(0).toLongLong() == envelope.position);
            events.append(
                {envelope.position, envelope, rows.value(1).toString(), rows.value(2).toString()});
        }
    }

    bool involves(const QString &account, const EventEnvelope &event) const
    {
        if (event.aggregateId == account)
            return true;
        for (const Transaction &transaction : ledger.state().transactions()) {
            if (transaction.id == event.aggregateId &&
                (transaction.sourceAccountId == account ||
                 transaction.destinationAccountId == account))
                return true;
        }
        return false;
    }

    QStringList expected(const Keep &keep, bool descending) const
    {
        QStringList positions;
        for (const LoggedEvent &event : events) {
            if (keep(event))
                positions.append(QString::number(event.position));
        }
        if (descending)
            std::reverse(positions.begin(), positions.end());
        return positions;
    }
};

// Every row of the filter, read a few at a time from each offset, as the desk's table does.
QStringList readAll(SqliteTableReader &reader, const TableFilter &filter, bool descending,
                    qint64 &total, qint64 countLimit = 0)
{
    QStringList positions;
    TableQuery query;
    query.table = LedgerTable::Events;
    query.sortColumn = int(EventColumn::Position);
    query.descending = descending;
    query.filter = filter;
    query.limit = 7;
    query.countRows = true;
    query.countLimit = countLimit;
    for (int page = 0; page < 100; ++page) {
        query.offset = qint64(page) * query.limit;
        const Result<TablePage> read = reader.read(query);
        BILLING_ASSERT(read.ok());
        if (page == 0)
            total = read.value().totalRows;
        for (const QStringList &row : read.value().rows)
            positions.append(row.at(int(EventColumn::Position)));
        if (read.value().rows.size() < query.limit)
            break;
    }
    return positions;
}

} // namespace

class TestEventHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void filtersKeepWhatABruteForceKeeps_data();
    void filtersKeepWhatABruteForceKeeps();
    void searchIndexFindsWordsAndTheirStarts();
    void searchIndexOfAnotherLogStartsAgain();
    void countStopsAtItsLimit();
    void cancelledReadStops();
    void oldStoreGetsTheHistoryIndexes();
};

void TestEventHistory::filtersKeepWhatABruteForceKeeps_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("reverseOffsetMin");
    const char *kinds[] = {"none",
                           "up to",
                           "account",
                           "type",
                           "correlation",
                           "operator",
                           "time",
                           "from only",
                           "text",
                           "text and time",
                           "account, counted to a limit"};
    for (int kind = 0; kind < int(std::size(kinds)); ++kind) {
        QTest::addRow("%s", kinds[kind]) << kind << 10000;
        QTest::addRow("%s, read from the nearer end", kinds[kind]) << kind << 0;
    }
}

void TestEventHistory::filtersKeepWhatABruteForceKeeps()
{
    QFETCH(int, kind);
    QFETCH(int, reverseOffsetMin);
    HistoryLedger history;
    const QList<LoggedEvent> &events = history.events;
    QVERIFY(events.size() > 40);
    const LoggedEvent &middle = events.at(events.size() / 2);
    const QString account = history.accounts.at(1);
    TableFilter filter;
    Keep keep = [](const LoggedEvent &) {
        return true;
    };
    switch (kind) {
    case 1:
        filter.upToPosition = middle.position;
        keep = [&](const LoggedEvent &e) {
            return e.position <= middle.position;
        };
        break;
    case 2:
    case 10:
        filter.account = account;
        keep = [&](const LoggedEvent &e) {
            return history.involves(account, e.envelope);
        };
        break;
    case 3:
        filter.type = middle.envelope.eventType;
        keep = [&](const LoggedEvent &e) {
            return e.envelope.eventType == filter.type;
        };
        break;
    case 4:
        filter.correlationId = middle.envelope.correlationId;
        keep = [&](const LoggedEvent &e) {
            return e.envelope.correlationId == filter.correlationId;
        };
        break;
    case 5:
        filter.operatorName = QStringLiteral("operator-1");
        keep = [&](const LoggedEvent &e) {
            return e.envelope.operatorName == filter.operatorName;
        };
        break;
    case 6:
    case 7:
        filter.fromDate = events.at(events.size() / 4).timestamp;
        filter.toDate = kind == 6 ? middle.timestamp : QString();
        keep = [&](const LoggedEvent &e) {
            return e.timestamp >= filter.fromDate &&
                   (filter.toDate.isEmpty() || e.timestamp <= filter.toDate + u'~');
        };
        break;
    case 8:
    case 9:
        filter.text = QStringLiteral("1.25");
        filter.toDate = kind == 9 ? middle.timestamp : QString();
        keep = [&](const LoggedEvent &e) {
            return e.body.contains(filter.text) &&
                   (filter.toDate.isEmpty() || e.timestamp <= filter.toDate + u'~');
        };
        break;
    default:
        break;
    }
    SqliteDatabase database;
    QVERIFY(database.open(history.ledger.path()).ok());
    SqliteTableReader reader(database, reverseOffsetMin);
    for (const bool descending : {true, false}) {
        const QStringList expected = history.expected(keep, descending);
        QVERIFY(!expected.isEmpty());
        QVERIFY(kind == 0 || expected.size() < events.size());
        qint64 total = -1;
        // Counted to a limit, an account's rows come from its newest (or oldest) few alone.
        const qint64 countLimit = kind == 10 ? 3 : 0;
        QCOMPARE(readAll(reader, filter, descending, total, countLimit), expected);
        QCOMPARE(total, countLimit > 0 ? std::min(qint64(expected.size()), countLimit + 1)
                                       : qint64(expected.size()));
    }
}

void TestEventHistory::searchIndexFindsWordsAndTheirStarts()
{
    HistoryLedger history;
    QTemporaryDir cache;
    QVERIFY(cache.isValid());
    const QString indexPath = cache.filePath(QStringLiteral("search.db"));
    SqliteDatabase database;
    QVERIFY(database.open(history.ledger.path()).ok());
    SqliteTableReader reader(database);
    // Never more than the index holds: until it is built, free text reads the log.
    reader.setSearchIndex(indexPath, 0);
    const QString account = history.accounts.at(2);
    const auto found = [&](const QString &text) {
        TableFilter filter;
        filter.text = text;
        qint64 total = -1;
        const QStringList positions = readAll(reader, filter, true, total);
        BILLING_ASSERT(total == positions.size());
        return positions;
    };
    const auto containing = [&](const QString &text) {
        return history.expected(
            [&](const LoggedEvent &e) { return e.body.contains(text, Qt::CaseInsensitive); }, true);
    };
    const QString inside = account.mid(1); // "d-12" of "id-12": starts inside a word
    QVERIFY(!containing(inside).isEmpty());
    QCOMPARE(found(inside), containing(inside));

    SqliteDatabase builder;
    QVERIFY(builder.open(history.ledger.path()).ok());
    QVERIFY(EventSearchIndex::attach(builder.connection(), indexPath).ok());
    const Result<EventSearchIndex::Progress> built =
        EventSearchIndex::catchUp(builder.connection());
    QVERIFY(built.ok());
    QCOMPARE(built.value().indexed, history.events.last().position);
    QCOMPARE(built.value().logged, history.events.last().position);

    // Now words and the starts of words, checked against the events themselves.
    // Whole words, and a last word of three letters or more as the start of words.
    for (const QString &text :
         {account, QStringLiteral("operator-1"), QStringLiteral("TRANSFERREQUESTED"),
          QStringLiteral("transferreq")}) {
        QVERIFY2(!containing(text).isEmpty(), qPrintable(text));
        QCOMPARE(found(text), containing(text));
    }
    QVERIFY(found(inside).isEmpty()); // the index only knows where words start
    // Shorter, the last word is whole: "operator-1" but not "operator-10".
    QCOMPARE(EventSearchIndex::matchOf(QStringLiteral("operator-1"), true),
             QStringLiteral("\"operator\" AND \"1\""));
    QVERIFY(found(account + QStringLiteral("zz")).isEmpty());

    // Events after the index: a reader allowed to add them does so in its own snapshot.
    const QString newcomer = history.ledger.userAccount();
    // This reader may add nothing to the index, so it reads the log and finds it there.
    QCOMPARE(found(newcomer.left(8)).size(), 1);
    SqliteTableReader following(database);
    following.setSearchIndex(indexPath, 1000);
    TableQuery query;
    query.table = LedgerTable::Events;
    query.descending = true;
    query.filter.text = newcomer.left(8);
    query.countRows = true;
    const Result<TablePage> page = following.read(query);
    QVERIFY(page.ok());
    QCOMPARE(page.value().totalRows, 1);
    QCOMPARE(page.value().rows.first().at(int(EventColumn::Aggregate)), newcomer);
    const Result<EventSearchIndex::Progress> after =
        EventSearchIndex::progress(builder.connection());
    QVERIFY(after.ok());
    QCOMPARE(after.value().indexed, after.value().logged);
}

void TestEventHistory::searchIndexOfAnotherLogStartsAgain()
{
    QTemporaryDir cache;
    QVERIFY(cache.isValid());
    const QString indexPath = cache.filePath(QStringLiteral("search.db"));
    const auto indexAll = [&](const QString &storePath) {
        SqliteDatabase builder;
        BILLING_ASSERT(builder.open(storePath).ok());
        BILLING_ASSERT(EventSearchIndex::attach(builder.connection(), indexPath).ok());
        BILLING_ASSERT(EventSearchIndex::catchUp(builder.connection()).ok());
    };
    // Two logs of the same length that differ in their last event.
    HistoryLedger first;
    first.ledger.externalAccount(QStringLiteral("EUR"));
    indexAll(first.ledger.path());
    HistoryLedger second;
    second.ledger.externalAccount(QStringLiteral("GBP"));
    // The second read with the first one's index file (a restored backup, say).
    SqliteDatabase database;
    QVERIFY(database.open(second.ledger.path()).ok());
    QSqlQuery last(database.connection());
    QVERIFY(last.exec(QStringLiteral("SELECT MAX(position) FROM events")) && last.next());
    QCOMPARE(last.value(0).toLongLong(), first.ledger.storage().events().lastPosition().value());
    SqliteTableReader reader(database);
    reader.setSearchIndex(indexPath, 100000);
    TableQuery query;
    query.table = LedgerTable::Events;
    query.descending = true;
    query.filter.text = QStringLiteral("GBP");
    query.countRows = true;
    const Result<TablePage> page = reader.read(query);
    QVERIFY(page.ok());
    QCOMPARE(page.value().totalRows, 1);
    query.filter.text = QStringLiteral("EUR");
    QCOMPARE(reader.read(query).value().totalRows, 0);
}

void TestEventHistory::countStopsAtItsLimit()
{
    HistoryLedger history;
    SqliteDatabase database;
    QVERIFY(database.open(history.ledger.path()).ok());
    SqliteTableReader reader(database);
    TableQuery query;
    query.table = LedgerTable::Events;
    query.descending = true;
    query.filter.operatorName = QStringLiteral("operator-2");
    query.countRows = true;
    query.limit = 2;
    const qint64 all = history
                           .expected(
                               [](const LoggedEvent &e) {
                                   return e.envelope.operatorName == QStringLiteral("operator-2");
                               },
                               true)
                           .size();
    QVERIFY(all > 4);
    query.countLimit = 3;
    Result<TablePage> page = reader.read(query);
    QVERIFY(page.ok());
    QCOMPARE(page.value().totalRows, 4);
    QVERIFY(!page.value().totalExact);
    QCOMPARE(page.value().rows.size(), 2);
    query.countLimit = all;
    page = reader.read(query);
    QVERIFY(page.ok());
    QCOMPARE(page.value().totalRows, all);
    QVERIFY(page.value().totalExact);
}

void TestEventHistory::cancelledReadStops()
{
    HistoryLedger history;
    SqliteDatabase database;
    QVERIFY(database.open(history.ledger.path()).ok());
    SqliteTableReader reader(database);
    TableQuery query;
    query.table = LedgerTable::Events;
    query.filter.text = QStringLiteral("no such text");
    query.countRows = true;
    reader.setCancelCheck([] { return true; }, 1);
    QVERIFY(!reader.read(query).ok());
    reader.setCancelCheck({});
    const Result<TablePage> page = reader.read(query);
    QVERIFY(page.ok());
    QCOMPARE(page.value().totalRows, 0);
}

void TestEventHistory::oldStoreGetsTheHistoryIndexes()
{
    HistoryLedger history;
    const QString path = history.ledger.path();
    SqliteDatabase database;
    QVERIFY(database.open(path).ok());
    const auto indexes = [&database] {
        QSqlQuery query(database.connection());
        BILLING_ASSERT(query.exec(QStringLiteral(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name IN "
            "('idx_events_type', 'idx_events_timestamp', 'idx_events_operator') ORDER BY name")));
        QStringList names;
        while (query.next())
            names.append(query.value(0).toString());
        return names;
    };
    const QStringList all = {QStringLiteral("idx_events_operator"),
                             QStringLiteral("idx_events_timestamp"),
                             QStringLiteral("idx_events_type")};
    QCOMPARE(indexes(), all);
    // Schema 2 as it shipped: the same tables without the history's indexes.
    for (const QString &name : all)
        QVERIFY(database.exec(QStringLiteral("DROP INDEX ") + name).ok());
    QVERIFY(database.exec(QStringLiteral("PRAGMA user_version=2")).ok());
    database.close();
    QVERIFY(database.open(path).ok());
    QCOMPARE(indexes(), all);
    QSqlQuery version(database.connection());
    QVERIFY(version.exec(QStringLiteral("PRAGMA user_version")) && version.next());
    QCOMPARE(version.value(0).toInt(), int(sqlite::migrations().size()));
    // The operator filter reads that index.
    QSqlQuery plan(database.connection());
    QVERIFY(plan.exec(QStringLiteral("EXPLAIN QUERY PLAN SELECT position FROM events WHERE "
                                     "iif(json_valid(CAST(body AS TEXT)), json_extract(CAST(body "
                                     "AS TEXT), '$.operator'), NULL) = 'x'")) &&
            plan.next());
    QVERIFY2(plan.value(3).toString().contains(QStringLiteral("idx_events_operator")),
             qPrintable(plan.value(3).toString()));
}

QTEST_GUILESS_MAIN(TestEventHistory)
#include "tst_eventhistory.moc"
