// The desk's three live tables over a real SQLite ledger: counts, exact sorting, filters in SQL,
// paging, live updates without a reset, and every model under QAbstractItemModelTester.
#include "AccountsTableModel.h"
#include "AuditLogTableModel.h"
#include "EventsTableModel.h"
#include "FilterChoices.h"
#include "LedgerClient.h"
#include "LedgerTableView.h"
#include "LedgerTerms.h"
#include "MainWindow.h"
#include "TestLedger.h"
#include "TransactionsTableModel.h"
#include "infrastructure/SqliteTableReader.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QMenuBar>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTest>
#include <QTranslator>

#include <algorithm>
#include <limits>
#include <memory>

using namespace billing;
using namespace billing::ui;
using billing::test::TestLedger;

namespace {

constexpr int waitMs = 10000;

QString cell(const WindowedTableModel &model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

// Asks for every row (which fetches the pages) and returns one column once all have arrived.
QStringList columnOf(const WindowedTableModel &model, int column)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values.append(cell(model, row, column));
    return values;
}

std::unique_ptr<QAbstractItemModelTester> testerFor(QAbstractItemModel *model)
{
    return std::make_unique<QAbstractItemModelTester>(
        model, QAbstractItemModelTester::FailureReportingMode::QtTest);
}

// Accounts with distinct balances, negative ones on the external side.
struct SortLedger
{
    TestLedger ledger;
    QString alice;
    QString bob;
    SortLedger()
    {
        alice =
            ledger.createAccount(AccountType::User, QStringLiteral("USD"), QStringLiteral("alice"));
        bob = ledger.createAccount(AccountType::User, QStringLiteral("EUR"), QStringLiteral("bob"));
        ledger.fund(alice, QStringLiteral("100.00"));
        ledger.fund(bob, QStringLiteral("5.00"));
        for (const char *amount : {"0.01", "9.99", "10.00", "2.50", "1000000.00", "99.99"}) {
            const QString account = ledger.userAccount(QStringLiteral("USD"));
            ledger.fund(account, QString::fromLatin1(amount));
        }
    }
};

} // namespace

class TestTableModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsAccounts();
    void showsCodesInTheUsersLanguage();
    void sortsBalancesExactly();
    void sortsAmountsExactlyInSql_data();
    void sortsAmountsExactlyInSql();
    void filtersByCurrencyAndText();
    void filtersTransactionsAndAudit();
    void pagesThroughThousandsOfAccounts();
    void countsEventsFurtherOnFetchMore();
    void readsFarPagesFromTheNearerEnd();
    void followsTheLedgerLive();
    void followsTheLedgerAfterAFailedRead();
    void mainWindowShowsThreeTables();
};

void TestTableModels::showsAccounts()
{
    SortLedger given;
    AccountsTableModel model(given.ledger.path());
    const auto tester = testerFor(&model);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

    QTRY_VERIFY_WITH_TIMEOUT(model.isReady(), waitMs);
    // Two users, eight accounts funded, two external banks.
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.columnCount(), int(AccountColumn::Count));
    QCOMPARE(resets.count(), 1);
    const QStringList ids = columnOf(model, int(AccountColumn::Id));
    const int aliceRow = int(ids.indexOf(given.alice));
    QVERIFY(aliceRow >= 0);
    QCOMPARE(cell(model, aliceRow, int(AccountColumn::Owner)), QStringLiteral("alice"));
    // Codes show in words; the stored code stays for filters and exports.
    QCOMPARE(cell(model, aliceRow, int(AccountColumn::Type)), QStringLiteral("User"));
    QCOMPARE(model.index(aliceRow, int(AccountColumn::Type))
                 .data(WindowedTableModel::StoredValueRole)
                 .toString(),
             QStringLiteral("USER"));
    QCOMPARE(cell(model, aliceRow, int(AccountColumn::CurrencyCode)), QStringLiteral("USD"));
    QCOMPARE(cell(model, aliceRow, int(AccountColumn::Balance)), QStringLiteral("100.00"));
    QCOMPARE(cell(model, aliceRow, int(AccountColumn::State)), QStringLiteral("Active"));
    QVERIFY(!cell(model, aliceRow, int(AccountColumn::Updated)).isEmpty());
    QCOMPARE(model.headerData(int(AccountColumn::Balance), Qt::Horizontal).toString(),
             QStringLiteral("Balance"));
    const int alignment =
        model.data(model.index(aliceRow, int(AccountColumn::Balance)), Qt::TextAlignmentRole)
            .toInt();
    QVERIFY(alignment & Qt::AlignRight);
}

void TestTableModels::showsCodesInTheUsersLanguage()
{
    // Every code a filter offers has words of its own, and the German desk has them too.
#ifndef BILLING_DESK_TRANSLATIONS
    QSKIP("built without the desk's translations");
#else
    QTranslator german;
    QVERIFY(
        german.load(QStringLiteral("billing-desk_de"), QStringLiteral(BILLING_DESK_TRANSLATIONS)));
    for (LedgerTable table : {LedgerTable::Accounts, LedgerTable::Transactions,
                              LedgerTable::AuditLog, LedgerTable::Events}) {
        const FilterChoices choices = FilterChoices::of(table);
        for (const QString &code : choices.types + choices.statuses) {
            const QString english = LedgerTerms::label(code);
            QVERIFY2(english != code, qPrintable(code));
            QVERIFY2(!german.translate("LedgerTerms", english.toUtf8().constData()).isEmpty(),
                     qPrintable(english));
        }
    }
    QCOMPARE(LedgerTerms::label(QStringLiteral("SomeNewerEvent")),
             QStringLiteral("SomeNewerEvent"));

    QVERIFY(QCoreApplication::installTranslator(&german));
    const QLocale before;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    const auto english = qScopeGuard([&german, &before] {
        QCoreApplication::removeTranslator(&german);
        QLocale::setDefault(before);
    });
    SortLedger given;
    AccountsTableModel accounts(given.ledger.path());
    QTRY_VERIFY_WITH_TIMEOUT(accounts.isReady(), waitMs);
    const int aliceRow = int(columnOf(accounts, int(AccountColumn::Id)).indexOf(given.alice));
    QVERIFY(aliceRow >= 0);
    QCOMPARE(cell(accounts, aliceRow, int(AccountColumn::Type)), QStringLiteral("Nutzer"));
    QCOMPARE(cell(accounts, aliceRow, int(AccountColumn::State)), QStringLiteral("Aktiv"));
    // Amounts with the German decimal comma for the eye; as the ledger writes them for exports.
    QCOMPARE(cell(accounts, aliceRow, int(AccountColumn::Balance)), QStringLiteral("100,00"));
    QCOMPARE(accounts.index(aliceRow, int(AccountColumn::Balance))
                 .data(WindowedTableModel::StoredValueRole)
                 .toString(),
             QStringLiteral("100.00"));
    AuditLogTableModel audit(given.ledger.path());
    QTRY_VERIFY_WITH_TIMEOUT(audit.isReady(), waitMs);
    QVERIFY(columnOf(audit, int(AuditColumn::Action)).contains(QStringLiteral("Konto eröffnet")));
    // The history's one-line summaries are the desk's words too; the model keeps the data.
    EventsTableModel events(given.ledger.path());
    QTRY_VERIFY_WITH_TIMEOUT(events.isReady(), waitMs);
    const QStringList summaries = columnOf(events, int(EventColumn::Summary));
    QVERIFY2(summaries.contains(QStringLiteral("Konto von alice (Nutzer, USD)")),
             qPrintable(summaries.join(u'\n')));
    const int first = int(summaries.indexOf(QStringLiteral("Konto von alice (Nutzer, USD)")));
    QVERIFY(events.index(first, int(EventColumn::Summary))
                .data(WindowedTableModel::StoredValueRole)
                .toString()
                .contains(QStringLiteral("\"ownerId\":\"alice\"")));
#endif
}

void TestTableModels::sortsBalancesExactly()
{
    SortLedger given;
    AccountsTableModel model(given.ledger.path());
    const auto tester = testerFor(&model);
    QTRY_VERIFY_WITH_TIMEOUT(model.isReady(), waitMs);

    QList<AccountView> expected = given.ledger.storage().projections().accounts({}).value();
    std::sort(expected.begin(), expected.end(),
              [](const AccountView &a, const AccountView &b) { return a.balance < b.balance; });
    QStringList ascending;
    for (const AccountView &account : std::as_const(expected))
        ascending.append(account.id);

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.sort(int(AccountColumn::Balance), Qt::AscendingOrder);
    QTRY_COMPARE_WITH_TIMEOUT(resets.count(), 1, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(columnOf(model, int(AccountColumn::Id)), ascending, waitMs);
    QCOMPARE(cell(model, 0, int(AccountColumn::Balance)), QStringLiteral("-1000222.49"));
    QCOMPARE(cell(model, 9, int(AccountColumn::Balance)), QStringLiteral("1000000.00"));

    model.sort(int(AccountColumn::Balance), Qt::DescendingOrder);
    QTRY_COMPARE_WITH_TIMEOUT(resets.count(), 2, waitMs);
    QStringList descending = ascending;
    std::reverse(descending.begin(), descending.end());
    QTRY_COMPARE_WITH_TIMEOUT(columnOf(model, int(AccountColumn::Id)), descending, waitMs);
    QCOMPARE(model.sortColumn(), int(AccountColumn::Balance));
    QCOMPARE(model.sortOrder(), Qt::DescendingOrder);
}

void TestTableModels::sortsAmountsExactlyInSql_data()
{
    QTest::addColumn<QStringList>("amounts");
    QTest::addColumn<QStringList>("ascending");
    QTest::newRow("signs and lengths")
        << QStringList{QStringLiteral("10"), QStringLiteral("-2.5"),   QStringLiteral("9.99"),
                       QStringLiteral("0"),  QStringLiteral("-10.01"), QStringLiteral("100.1")}
        << QStringList{QStringLiteral("-10.01"), QStringLiteral("-2.5"), QStringLiteral("0"),
                       QStringLiteral("9.99"),   QStringLiteral("10"),   QStringLiteral("100.1")};
    // Beyond a double's 15-16 significant digits: REAL would call these equal.
    QTest::newRow("past double precision")
        << QStringList{QStringLiteral("12345678901234567890.00000002"),
                       QStringLiteral("12345678901234567890.00000001"),
                       QStringLiteral("-12345678901234567890.00000001"),
                       QStringLiteral("-12345678901234567890.00000002")}
        << QStringList{QStringLiteral("-12345678901234567890.00000002"),
                       QStringLiteral("-12345678901234567890.00000001"),
                       QStringLiteral("12345678901234567890.00000001"),
                       QStringLiteral("12345678901234567890.00000002")};
}

// The ORDER BY key itself, on values no small ledger produces.
void TestTableModels::sortsAmountsExactlyInSql()
{
    QFETCH(QStringList, amounts);
    QFETCH(QStringList, ascending);
    TestLedger ledger;
    SqliteDatabase &database = ledger.storage().database();
    QVERIFY(database.exec(QStringLiteral("CREATE TEMP TABLE amounts (amount TEXT)")).ok());
    for (const QString &amount : std::as_const(amounts)) {
        QSqlQuery insert(database.connection());
        QVERIFY(insert.prepare(QStringLiteral("INSERT INTO amounts VALUES (?)")));
        insert.addBindValue(amount);
        QVERIFY(insert.exec());
    }
    for (const bool descending : {false, true}) {
        QSqlQuery query(database.connection());
        QVERIFY(query.exec(QStringLiteral("SELECT amount FROM amounts ORDER BY ") +
                           SqliteTableReader::amountOrder(QStringLiteral("amount"), descending)));
        QStringList sorted;
        while (query.next())
            sorted.append(query.value(0).toString());
        QStringList expected = ascending;
        if (descending)
            std::reverse(expected.begin(), expected.end());
        QCOMPARE(sorted, expected);
    }
}

void TestTableModels::filtersByCurrencyAndText()
{
    SortLedger given;
    AccountsTableModel model(given.ledger.path());
    const auto tester = testerFor(&model);
    QTRY_VERIFY_WITH_TIMEOUT(model.isReady(), waitMs);

    TableFilter euros;
    euros.currency = QStringLiteral("EUR");
    model.setFilter(euros);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(columnOf(model, int(AccountColumn::CurrencyCode)),
                              QStringList(2, QStringLiteral("EUR")), waitMs);

    TableFilter owner;
    owner.text = QStringLiteral("lic");
    model.setFilter(owner);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(cell(model, 0, int(AccountColumn::Id)), given.alice, waitMs);

    // LIKE wildcards and quotes are text to look for, never SQL.
    for (const char *text : {"%", "_", "'; DROP TABLE account_projections; --"}) {
        TableFilter hostile;
        hostile.text = QString::fromLatin1(text);
        model.setFilter(hostile);
        QTRY_VERIFY_WITH_TIMEOUT(model.isReady(), waitMs);
        QCOMPARE(model.rowCount(), 0);
    }

    TableFilter banks;
    banks.type = QStringLiteral("EXTERNAL");
    banks.status = QStringLiteral("active");
    model.setFilter(banks);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(columnOf(model, int(AccountColumn::Owner)),
                              QStringList(2, QStringLiteral("bank")), waitMs);

    TableFilter dates;
    dates.fromDate = QStringLiteral("2025-12-09");
    dates.toDate = QStringLiteral("2025-12-09");
    model.setFilter(dates);
    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 10, waitMs);
    dates.fromDate = QStringLiteral("2025-12-10");
    model.setFilter(dates);
    QTRY_VERIFY_WITH_TIMEOUT(model.isReady() && model.rowCount() == 0, waitMs);
}

void TestTableModels::filtersTransactionsAndAudit()
{
    SortLedger given;
    QVERIFY(given.ledger.transfer(given.alice, given.ledger.userAccount(), QStringLiteral("25.50"))
                .completed());
    TransactionsTableModel transactions(given.ledger.path());
    AuditLogTableModel audit(given.ledger.path());
    const auto transactionsTester = testerFor(&transactions);
    const auto auditTester = testerFor(&audit);
    QTRY_VERIFY_WITH_TIMEOUT(transactions.isReady() && audit.isReady(), waitMs);
    // Eight top-ups and one transfer, two legs each.
    QCOMPARE(transactions.rowCount(), 18);
    QCOMPARE(audit.rowCount(), int(given.ledger.eventCount()));
    QTRY_COMPARE_WITH_TIMEOUT(cell(audit, 0, int(AuditColumn::Position)),
                              QString::number(given.ledger.eventCount()), waitMs);

    TableFilter transfers;
    transfers.type = QStringLiteral("TRANSFER");
    transactions.setFilter(transfers);
    QTRY_COMPARE_WITH_TIMEOUT(transactions.rowCount(), 2, waitMs);
    QStringList amounts;
    QTRY_VERIFY_WITH_TIMEOUT((amounts = columnOf(transactions, int(TransactionColumn::Amount)),
                              !amounts.contains(QString())),
                             waitMs);
    std::sort(amounts.begin(), amounts.end());
    QCOMPARE(amounts, (QStringList{QStringLiteral("-25.50"), QStringLiteral("25.50")}));
    QVERIFY(transactions.isAmountColumn(int(TransactionColumn::Amount)));

    TableFilter completedTransfers;
    completedTransfers.type = QStringLiteral("TransferCompleted");
    audit.setFilter(completedTransfers);
    QTRY_COMPARE_WITH_TIMEOUT(audit.rowCount(), 1, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(cell(audit, 0, int(AuditColumn::Action)),
                              QStringLiteral("Transfer completed"), waitMs);
    QCOMPARE(cell(audit, 0, int(AuditColumn::Operator)), QStringLiteral("test"));
}

void TestTableModels::pagesThroughThousandsOfAccounts()
{
    constexpr int accounts = 3000;
    TestLedger ledger;
    QList<Command> commands;
    for (int i = 0; i < accounts; ++i) {
        CreateAccount create;
        create.currency = QStringLiteral("USD");
        create.ownerId = QStringLiteral("owner-%1").arg(i, 4, 10, QLatin1Char('0'));
        commands.append(ledger.service().issue(create, {}));
    }
    QVERIFY(ledger.service().executeBatch(commands).ok());

    AccountsTableModel model(ledger.path());
    const auto tester = testerFor(&model);
    QTRY_VERIFY_WITH_TIMEOUT(model.isReady(), waitMs);
    QCOMPARE(model.rowCount(), accounts);
    // Only the first page came with the count.
    QCOMPARE(model.cachedRows(), qint64(WindowedTableModel::pageRows));

    model.sort(int(AccountColumn::Owner), Qt::DescendingOrder);
    QTRY_COMPARE_WITH_TIMEOUT(cell(model, 0, int(AccountColumn::Owner)),
                              QStringLiteral("owner-2999"), waitMs);
    for (const int row : {199, 200, 1500, 2999}) {
        const QString expected =
            QStringLiteral("owner-%1").arg(accounts - 1 - row, 4, 10, QLatin1Char('0'));
        QTRY_COMPARE_WITH_TIMEOUT(cell(model, row, int(AccountColumn::Owner)), expected, waitMs);
    }
    QVERIFY(model.cachedRows() <= 5 * qint64(WindowedTableModel::pageRows));
    QVERIFY(model.cachedRows() < accounts);
}

// The event log counts a filter's rows up to a limit; scrolling to the end counts further.
void TestTableModels::countsEventsFurtherOnFetchMore()
{
    TestLedger ledger;
    const QString account = ledger.userAccount();
    QList<Command> commands;
    constexpr qint64 topups = 300;
    for (qint64 i = 0; i < topups; ++i) {
        MoveMoney move;
        move.type = TransactionType::Topup;
        move.sourceAccountId = ledger.externalAccount(QStringLiteral("USD"));
        move.destinationAccountId = account;
        move.amount = TestLedger::money(QStringLiteral("1.00"));
        CommandOptions options;
        options.operatorName = QStringLiteral("clerk");
        commands.append(ledger.service().issue(move, options));
    }
    QVERIFY(ledger.service().executeBatch(commands).ok());
    const qint64 clerkEvents = 4 * topups; // requested, two balances, completed
    QVERIFY(clerkEvents > countedRowsFirst);

    // The tester is attached at the end: it calls fetchMore() itself after every reset.
    EventsTableModel model(ledger.path());
    TableFilter clerk;
    clerk.operatorName = QStringLiteral("clerk");
    model.setFilter(clerk);
    QTRY_VERIFY_WITH_TIMEOUT(model.isReady(), waitMs);
    QCOMPARE(model.rowCount(), int(countedRowsFirst + 1));
    QVERIFY(!model.isRowCountExact());
    QVERIFY(model.canFetchMore({}));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.fetchMore({});
    QTRY_VERIFY_WITH_TIMEOUT(model.isRowCountExact(), waitMs);
    QCOMPARE(qint64(model.rowCount()), clerkEvents);
    QCOMPARE(inserted.size(), 1);
    QVERIFY(!model.canFetchMore({}));
    const auto tester = testerFor(&model);
    QCOMPARE(qint64(model.rowCount()), clerkEvents);
}

// Past the middle a page is read in the reverse order and turned around: the same rows.
void TestTableModels::readsFarPagesFromTheNearerEnd()
{
    SortLedger given;
    SqliteDatabase &database = given.ledger.storage().database();
    SqliteTableReader forward(database, std::numeric_limits<qint64>::max());
    SqliteTableReader nearer(database, 0);
    for (const int column : {int(AccountColumn::Balance), int(AccountColumn::Owner)}) {
        for (const bool descending : {false, true}) {
            for (const qint64 offset : {0, 3, 6, 8, 9, 10}) {
                TableQuery query;
                query.table = LedgerTable::Accounts;
                query.sortColumn = column;
                query.descending = descending;
                query.offset = offset;
                query.limit = 3;
                const Result<TablePage> expected = forward.read(query);
                const Result<TablePage> actual = nearer.read(query);
                QVERIFY(expected.ok() && actual.ok());
                QCOMPARE(actual.value().rows, expected.value().rows);
                QCOMPARE(actual.value().rows.size(), std::clamp<qint64>(10 - offset, 0, 3));
            }
        }
    }
}

void TestTableModels::followsTheLedgerAfterAFailedRead()
{
    SortLedger given;
    TransactionsTableModel transactions(given.ledger.path());
    const auto tester = testerFor(&transactions);
    QTRY_VERIFY_WITH_TIMEOUT(transactions.isReady(), waitMs);
    QCOMPARE(transactions.rowCount(), 16);
    QSignalSpy failed(&transactions, &WindowedTableModel::loadFailed);
    const auto exec = [&given](const QString &sql) {
        QSqlQuery query(given.ledger.storage().database().connection());
        return query.exec(sql);
    };
    // The legs' table gone for a moment (a read fails as it would on a server that went
    // away) while the ledger moves, so that the refresh it starts cannot read.
    QVERIFY(exec(QStringLiteral("ALTER TABLE transaction_projections RENAME TO legs_away")));
    QVERIFY(exec(QStringLiteral("UPDATE projection_checkpoints SET position = position - 1")));
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), waitMs);
    QVERIFY(exec(QStringLiteral("ALTER TABLE legs_away RENAME TO transaction_projections")));
    QVERIFY(exec(QStringLiteral("UPDATE projection_checkpoints SET position = position + 1")));
    // Back, the table follows the ledger again.
    given.ledger.fund(given.alice, QStringLiteral("20.00"));
    QTRY_COMPARE_WITH_TIMEOUT(transactions.rowCount(), 18, waitMs);
}

void TestTableModels::followsTheLedgerLive()
{
    SortLedger given;
    AccountsTableModel accounts(given.ledger.path());
    TransactionsTableModel transactions(given.ledger.path());
    AuditLogTableModel audit(given.ledger.path());
    const auto accountsTester = testerFor(&accounts);
    const auto transactionsTester = testerFor(&transactions);
    const auto auditTester = testerFor(&audit);
    QTRY_VERIFY_WITH_TIMEOUT(accounts.isReady() && transactions.isReady() && audit.isReady(),
                             waitMs);
    const int aliceRow = int(columnOf(accounts, int(AccountColumn::Id)).indexOf(given.alice));
    QVERIFY(aliceRow >= 0);
    // Eight top-ups, two legs each.
    QCOMPARE(transactions.rowCount(), 16);
    QTRY_VERIFY_WITH_TIMEOUT(!cell(transactions, 15, int(TransactionColumn::Amount)).isEmpty(),
                             waitMs);
    const int legsBefore = transactions.rowCount();

    QSignalSpy accountsChanged(&accounts, &QAbstractItemModel::dataChanged);
    QSignalSpy accountsReset(&accounts, &QAbstractItemModel::modelReset);
    QSignalSpy legsInserted(&transactions, &QAbstractItemModel::rowsInserted);
    QSignalSpy transactionsReset(&transactions, &QAbstractItemModel::modelReset);
    QSignalSpy auditInserted(&audit, &QAbstractItemModel::rowsInserted);

    // When another writer (here, the test's service) tops up alice...
    given.ledger.fund(given.alice, QStringLiteral("20.00"));

    // ...her row changes in place and the new legs and events arrive, without a reset.
    QTRY_COMPARE_WITH_TIMEOUT(cell(accounts, aliceRow, int(AccountColumn::Id)), given.alice,
                              waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(cell(accounts, aliceRow, int(AccountColumn::Balance)),
                              QStringLiteral("120.00"), waitMs);
    QVERIFY(accountsChanged.count() >= 1);
    const auto changed = accountsChanged.last();
    QVERIFY(changed.at(0).toModelIndex().row() <= aliceRow);
    QVERIFY(changed.at(1).toModelIndex().row() >= aliceRow);
    QCOMPARE(accountsReset.count(), 0);

    QTRY_COMPARE_WITH_TIMEOUT(transactions.rowCount(), legsBefore + 2, waitMs);
    QCOMPARE(legsInserted.count(), 1);
    QCOMPARE(legsInserted.first().at(1).toInt(), legsBefore);
    QCOMPARE(transactionsReset.count(), 0);
    // Newest first: the top-up's two legs now lead the table.
    QTRY_VERIFY_WITH_TIMEOUT((QStringList{cell(transactions, 0, int(TransactionColumn::Amount)),
                                          cell(transactions, 1, int(TransactionColumn::Amount))}
                                  .contains(QStringLiteral("20.00"))),
                             waitMs);
    QCOMPARE(cell(transactions, 0, int(TransactionColumn::Type)), QStringLiteral("Top-up"));

    QTRY_COMPARE_WITH_TIMEOUT(audit.rowCount(), int(given.ledger.eventCount()), waitMs);
    QVERIFY(auditInserted.count() >= 1);
    QTRY_COMPARE_WITH_TIMEOUT(cell(audit, 0, int(AuditColumn::Position)),
                              QString::number(given.ledger.eventCount()), waitMs);
}

void TestTableModels::mainWindowShowsThreeTables()
{
    SortLedger given;
    LedgerClient client(StoreLocation::sqlite(given.ledger.path()));
    client.open(false);
    DeskSettings settings;
    settings.offerDemoData = false;
    MainWindow window(client, settings);
    window.show();
    QCOMPARE(window.tabs()->count(), int(MainWindow::Tab::Count));
    for (int tab = 0; tab <= int(MainWindow::Tab::AuditLog); ++tab) {
        LedgerTableView *view = window.tableView(MainWindow::Tab(tab));
        QVERIFY(view);
        const auto tester = testerFor(view->model());
        QTRY_VERIFY_WITH_TIMEOUT(view->model()->isReady(), waitMs);
    }
    QAction *auditAction = nullptr;
    for (QAction *menu : window.menuBar()->actions()) {
        for (QAction *action : menu->menu()->actions()) {
            if (action->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_3))
                auditAction = action;
        }
    }
    QVERIFY(auditAction);
    auditAction->trigger();
    QCOMPARE(window.tabs()->currentIndex(), int(MainWindow::Tab::AuditLog));

    // BILLING_SCREENSHOT=/tmp/desk.png saves what the accounts tab looks like.
    const QString screenshot = qEnvironmentVariable("BILLING_SCREENSHOT");
    if (!screenshot.isEmpty()) {
        window.tabs()->setCurrentIndex(int(MainWindow::Tab::Accounts));
        WindowedTableModel *model = window.tableView(MainWindow::Tab::Accounts)->model();
        QTRY_VERIFY_WITH_TIMEOUT(!cell(*model, model->rowCount() - 1, 0).isEmpty(), waitMs);
        QTest::qWait(300);
        QVERIFY(window.grab().save(screenshot));
    }
}

QTEST_MAIN(TestTableModels)
#include "tst_tablemodels.moc"
