// The desk driven as a person would: type into the forms, click through review and confirm,
// and check the ledger file and the live tables. Offscreen, on real SQLite files.
#include "AccountStatusDialog.h"
#include "AccountWindow.h"
#include "AmountEdit.h"
#include "Checked.h"
#include "CliProcess.h"
#include "CreateAccountDialog.h"
#include "EntityPicker.h"
#include "JobProgress.h"
#include "LedgerClient.h"
#include "LedgerTableView.h"
#include "MainWindow.h"
#include "MoveMoneyDialog.h"
#include "RefundDialog.h"
#include "StatementModel.h"
#include "TableExport.h"
#include "TestLedger.h"
#include "WindowedTableModel.h"
#include "domain/ReasonCode.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace billing;
using namespace billing::test;
using namespace billing::ui;

namespace {

constexpr int waitMs = 10000;

// A ledger with alice (USD 100.00), bob, a bank and a shop, and a desk open on it.
struct Desk
{
    TestLedger ledger;
    QString alice;
    QString bob;
    QString bank;
    QString shop;
    std::unique_ptr<LedgerClient> client;
    std::unique_ptr<MainWindow> window;

    explicit Desk(bool auditor = false)
    {
        alice =
            ledger.createAccount(AccountType::User, QStringLiteral("USD"), QStringLiteral("alice"));
        bob = ledger.createAccount(AccountType::User, QStringLiteral("USD"), QStringLiteral("bob"));
        bank = ledger.createAccount(AccountType::External, QStringLiteral("USD"),
                                    QStringLiteral("bank"));
        shop = ledger.createAccount(AccountType::System, QStringLiteral("USD"),
                                    QStringLiteral("shop"));
        ledger.topup(alice, bank, QStringLiteral("100.00"));
        client = std::make_unique<LedgerClient>(StoreLocation::sqlite(ledger.path()));
        client->setOperatorName(QStringLiteral("tester"));
        client->open(auditor);
        DeskSettings settings;
        settings.offerDemoData = false;
        settings.auditor = auditor;
        window = std::make_unique<MainWindow>(*client, settings);
        window->show();
    }

    // The ledger as the file holds it now, whoever wrote it.
    const LedgerState &state()
    {
        BILLING_ASSERT(ledger.service().catchUp().ok());
        return ledger.state();
    }
    Money balance(const QString &account) { return state().account(account)->balance; }
};

void choose(EntityPicker *picker, const QString &typed)
{
    QTest::keyClicks(picker->lineEdit(), typed);
    QTRY_VERIFY_WITH_TIMEOUT(picker->selected().has_value(), waitMs);
}

void reviewAndConfirm(CommandDialog *dialog)
{
    QTest::mouseClick(dialog->reviewButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), CommandDialog::Step::Confirm, waitMs);
    QTest::mouseClick(dialog->confirmButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->step(), CommandDialog::Step::Outcome, waitMs);
}

QString cell(QTableWidget *table, int row, int column)
{
    return table->item(row, column) ? table->item(row, column)->text() : QString();
}

} // namespace

class TestDesk : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void topupShowsBothLegsAndBooksOnce();
    void invalidInputShowsInlineErrorsAndWritesNothing();
    void coreRefusalOfInputLandsOnItsField();
    void doubleSubmitMakesOneTransaction();
    void rejectionIsShownInPlainWords();
    void refundFormOffersTheRemainder();
    void createAccountAndChangeStatus();
    void anotherProcessShowsUpInTheOpenTable();
    void accountViewShowsRunningBalanceAndHistory();
    void auditorDeskCannotWrite();
    void demoDataFillsAnEmptyLedger();
    void everyCommandHasAMenuEntryAndShortcut();
    void tabOrderFollowsTheForm();
    void rebuildGivesTheSameProjections();
    void importRunsAFileOnceWhateverTheRepeats();
    void liveUpdateKeepsTheSelectedRecord();
    void liveUpdateLeavesTheScrollWhereItIs();
    void closingTheDeskCancelsLongJobs();
    void progressStaysUntilTheJobEnds();
    void exportedCellsNeverRunAsFormulas();
};

void TestDesk::topupShowsBothLegsAndBooksOnce()
{
    Desk desk;
    WindowedTableModel *transactions =
        desk.window->tableView(MainWindow::Tab::Transactions)->model();
    QAbstractItemModelTester tester(transactions,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY_WITH_TIMEOUT(transactions->isReady(), waitMs);
    const int rowsBefore = transactions->rowCount();

    MoveMoneyDialog *form = desk.window->openMoveMoney(TransactionType::Topup);
    CHECKED(choose(form->firstPicker(), QStringLiteral("alic")));
    CHECKED(choose(form->secondPicker(), QStringLiteral("bank")));
    QCOMPARE(form->secondPicker()->selectedId(), desk.bank);
    QTest::keyClicks(form->amountEdit(), QStringLiteral("25.50"));
    QTest::mouseClick(form->reviewButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(form->step(), CommandDialog::Step::Confirm, waitMs);

    QTableWidget *legs = form->legsTable();
    QCOMPARE(legs->rowCount(), 2);
    QCOMPARE(cell(legs, 0, 1), QStringLiteral("bank"));
    QCOMPARE(cell(legs, 0, 3), QStringLiteral("-100.00"));
    QCOMPARE(cell(legs, 0, 4), QStringLiteral("-25.50"));
    QCOMPARE(cell(legs, 0, 5), QStringLiteral("-125.50"));
    QCOMPARE(cell(legs, 1, 1), QStringLiteral("alice"));
    QCOMPARE(cell(legs, 1, 3), QStringLiteral("100.00"));
    QCOMPARE(cell(legs, 1, 5), QStringLiteral("125.50"));
    QCOMPARE(legs->item(1, 2)->toolTip(), desk.alice);
    // Nothing is written before the confirm.
    QCOMPARE(desk.balance(desk.alice), TestLedger::money(QStringLiteral("100.00")));

    QTest::mouseClick(form->confirmButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(form->step(), CommandDialog::Step::Outcome, waitMs);
    QVERIFY(form->outcome() && form->outcome()->completed());
    QCOMPARE(form->outcomeLabel()->text(), QStringLiteral("Completed"));
    QCOMPARE(desk.balance(desk.alice), TestLedger::money(QStringLiteral("125.50")));
    QCOMPARE(desk.balance(desk.bank), TestLedger::money(QStringLiteral("-125.50")));
    QVERIFY(desk.state().balanced());
    // The live table shows both legs without a reload.
    QTRY_COMPARE_WITH_TIMEOUT(transactions->rowCount(), rowsBefore + 2, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(
        transactions->index(0, int(TransactionColumn::Amount)).data().toString().remove(u'-'),
        QStringLiteral("25.50"), waitMs);
}

void TestDesk::invalidInputShowsInlineErrorsAndWritesNothing()
{
    Desk desk;
    const qint64 eventsBefore = desk.ledger.eventCount();
    MoveMoneyDialog *form = desk.window->openMoveMoney(TransactionType::Transfer);
    // The amount field keeps every key typed and names what is wrong: a field that dropped
    // keys made "12,50" 1250.
    const QList<std::pair<QString, QString>> refused = {
        {QStringLiteral("1e5"),
         QStringLiteral("Write the amount out in full, without an exponent.")},
        {QStringLiteral("12.345"), QStringLiteral("This currency allows fewer decimals.")},
        {QStringLiteral("1,000.50"), QStringLiteral("Leave out thousands separators.")},
        {QStringLiteral("12,50"), QStringLiteral("Leave out thousands separators.")},
        {QStringLiteral("12x"),
         QStringLiteral("Use digits with an optional decimal point, like 12.50.")},
    };
    form->amountEdit()->setLocale(QLocale(QLocale::English, QLocale::UnitedStates));
    for (const auto &[typed, error] : refused) {
        QTest::keyClicks(form->amountEdit(), typed);
        QCOMPARE(form->amountEdit()->text(), typed);
        QTest::mouseClick(form->reviewButton(), Qt::LeftButton);
        QCOMPARE(form->step(), CommandDialog::Step::Edit);
        QCOMPARE(form->fieldError(QStringLiteral("amount")), error);
        form->amountEdit()->clear();
    }
    // Where the locale writes a decimal comma, "12,50" is twelve and a half; with a point as
    // well it is grouped, and refused.
    form->amountEdit()->setLocale(QLocale(QLocale::German, QLocale::Germany));
    QTest::keyClicks(form->amountEdit(), QStringLiteral("12,50"));
    QCOMPARE(form->amountEdit()->amount().value(), TestLedger::money(QStringLiteral("12.50")));
    form->amountEdit()->clear();
    QTest::keyClicks(form->amountEdit(), QStringLiteral("1.000,50"));
    QCOMPARE(form->amountEdit()->amount().error().code, reason::amountGrouping);
    form->amountEdit()->clear();
    // A point with three digits after it groups there: a thousand is not read as one.
    QTest::keyClicks(form->amountEdit(), QStringLiteral("1.000"));
    QCOMPARE(form->amountEdit()->amount().error().code, reason::amountGrouping);
    form->amountEdit()->clear();
    QTest::keyClicks(form->amountEdit(), QStringLiteral("12.50"));
    QCOMPARE(form->amountEdit()->amount().value(), TestLedger::money(QStringLiteral("12.50")));
    form->amountEdit()->clear();

    QTest::mouseClick(form->reviewButton(), Qt::LeftButton);
    QCOMPARE(form->step(), CommandDialog::Step::Edit);
    QCOMPARE(form->fieldError(QStringLiteral("from")), QStringLiteral("Choose one from the list."));
    QCOMPARE(form->fieldError(QStringLiteral("to")), QStringLiteral("Choose one from the list."));
    QCOMPARE(form->fieldError(QStringLiteral("amount")), QStringLiteral("Enter an amount."));

    QTest::keyClicks(form->amountEdit(), QStringLiteral("0.00"));
    QTest::mouseClick(form->reviewButton(), Qt::LeftButton);
    QCOMPARE(form->fieldError(QStringLiteral("amount")),
             QStringLiteral("The amount must be greater than zero."));
    QTest::qWait(200);
    QCOMPARE(desk.ledger.eventCount(), eventsBefore);
}

void TestDesk::coreRefusalOfInputLandsOnItsField()
{
    Desk desk;
    const qint64 eventsBefore = desk.ledger.eventCount();
    MoveMoneyDialog *form = desk.window->openMoveMoney(TransactionType::Transfer, desk.alice);
    QTRY_VERIFY_WITH_TIMEOUT(form->firstPicker()->selected().has_value(), waitMs);
    form->secondPicker()->select(desk.alice);
    QTRY_VERIFY_WITH_TIMEOUT(form->secondPicker()->selected().has_value(), waitMs);
    QTest::keyClicks(form->amountEdit(), QStringLiteral("5"));
    QTest::mouseClick(form->reviewButton(), Qt::LeftButton);
    // The core says the accounts must differ; the form shows it under "To" and stays.
    QTRY_COMPARE_WITH_TIMEOUT(form->fieldError(QStringLiteral("to")),
                              QStringLiteral("Choose two different accounts."), waitMs);
    QCOMPARE(form->step(), CommandDialog::Step::Edit);
    QCOMPARE(desk.ledger.eventCount(), eventsBefore);
}

void TestDesk::doubleSubmitMakesOneTransaction()
{
    Desk desk;
    MoveMoneyDialog *form = desk.window->openMoveMoney(TransactionType::Transfer, desk.alice);
    QTRY_VERIFY_WITH_TIMEOUT(form->firstPicker()->selected().has_value(), waitMs);
    CHECKED(choose(form->secondPicker(), QStringLiteral("bob")));
    QTest::keyClicks(form->amountEdit(), QStringLiteral("10"));
    const QString key = form->idempotencyKey();
    // Reviewing twice keeps the key: it is the form's, not the review's.
    QTest::mouseClick(form->reviewButton(), Qt::LeftButton);
    // Until the review is back the fields cannot change: Confirm books what was reviewed.
    QVERIFY(!form->amountEdit()->isEnabled());
    QTest::keyClicks(form->amountEdit(), QStringLiteral("0"));
    QTRY_COMPARE_WITH_TIMEOUT(form->step(), CommandDialog::Step::Confirm, waitMs);
    QVERIFY(form->amountEdit()->isEnabled());
    QTest::mouseClick(form->backButton(), Qt::LeftButton);
    QTest::mouseClick(form->reviewButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(form->step(), CommandDialog::Step::Confirm, waitMs);
    QCOMPARE(form->idempotencyKey(), key);

    const qsizetype transactionsBefore = desk.state().transactions().size();
    QTest::mouseDClick(form->confirmButton(), Qt::LeftButton);
    form->confirmButton()->click();
    // On its way, the command cannot be walked away from: it books anyway, and its outcome
    // is what the user has to see.
    const QPointer<MoveMoneyDialog> stays(form);
    QVERIFY(!form->closeButton()->isEnabled());
    QTest::keyClick(form, Qt::Key_Escape);
    form->reject();
    QTRY_COMPARE_WITH_TIMEOUT(form->step(), CommandDialog::Step::Outcome, waitMs);
    QVERIFY(stays && form->isVisible());
    QVERIFY(form->closeButton()->isEnabled());
    QTest::qWait(200);
    QCOMPARE(desk.state().transactions().size(), transactionsBefore + 1);
    QCOMPARE(desk.balance(desk.bob), TestLedger::money(QStringLiteral("10.00")));
    // A retry after a lost answer carries the same key and payload: the first outcome again.
    QVERIFY(desk.state().idempotency(key));
}

void TestDesk::rejectionIsShownInPlainWords()
{
    Desk desk;
    MoveMoneyDialog *form = desk.window->openMoveMoney(TransactionType::Payment, desk.alice);
    QTRY_VERIFY_WITH_TIMEOUT(form->firstPicker()->selected().has_value(), waitMs);
    CHECKED(choose(form->secondPicker(), QStringLiteral("shop")));
    QTest::keyClicks(form->amountEdit(), QStringLiteral("100.01"));
    CHECKED(reviewAndConfirm(form));
    QVERIFY(form->outcome());
    QCOMPARE(form->outcome()->kind, Outcome::Kind::Rejected);
    QCOMPARE(form->outcome()->code, QStringLiteral("INSUFFICIENT_FUNDS"));
    QCOMPARE(form->outcomeLabel()->text(), QStringLiteral("Rejected"));
    QCOMPARE(desk.balance(desk.alice), TestLedger::money(QStringLiteral("100.00")));
    const Transaction *payment = desk.state().transaction(form->outcome()->transactionId);
    QVERIFY(payment);
    QVERIFY(payment->status == TransactionStatus::Failed);
}

void TestDesk::refundFormOffersTheRemainder()
{
    Desk desk;
    const QString payment =
        desk.ledger.pay(desk.alice, desk.shop, QStringLiteral("30.00")).transactionId;
    desk.ledger.refund(payment, QStringLiteral("10.00"));
    RefundDialog *form = desk.window->openRefund(payment);
    QTRY_VERIFY_WITH_TIMEOUT(form->paymentPicker()->selected().has_value(), waitMs);
    QVERIFY(form->paymentPicker()->selected()->text.contains(QStringLiteral("20.00 refundable")));

    QTest::keyClicks(form->amountEdit(), QStringLiteral("20.01"));
    QTest::mouseClick(form->reviewButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(form->step(), CommandDialog::Step::Confirm, waitMs);
    QTest::mouseClick(form->backButton(), Qt::LeftButton);
    form->amountEdit()->clear();
    QTest::keyClicks(form->amountEdit(), QStringLiteral("20"));
    CHECKED(reviewAndConfirm(form));
    QVERIFY(form->outcome() && form->outcome()->completed());
    QCOMPARE(desk.balance(desk.alice), TestLedger::money(QStringLiteral("100.00")));
    QCOMPARE(desk.state().transaction(payment)->refunded,
             TestLedger::money(QStringLiteral("30.00")));

    // The transactions table offers a refund on a completed payment's rows only.
    LedgerTableView *transactions = desk.window->tableView(MainWindow::Tab::Transactions);
    const auto menuOf = [transactions](const QString &transaction) {
        const WindowedTableModel *model = transactions->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            if (index.data(WindowedTableModel::RecordIdRole).toString() != transaction)
                continue;
            QMenu menu;
            transactions->fillContextMenu(menu, index);
            QStringList texts;
            for (const QAction *action : menu.actions())
                texts.append(action->text());
            return texts;
        }
        return QStringList();
    };
    QTRY_VERIFY_WITH_TIMEOUT(!menuOf(payment).isEmpty(), waitMs);
    QVERIFY(menuOf(payment).contains(QStringLiteral("&Refund…")));
    const QString transfer =
        desk.ledger.transfer(desk.alice, desk.bob, QStringLiteral("1.00")).transactionId;
    QTRY_VERIFY_WITH_TIMEOUT(!menuOf(transfer).isEmpty(), waitMs);
    QVERIFY(!menuOf(transfer).contains(QStringLiteral("&Refund…")));
}

void TestDesk::createAccountAndChangeStatus()
{
    Desk desk;
    CreateAccountDialog *create = desk.window->openCreateAccount();
    create->currencyCombo()->setCurrentIndex(create->currencyCombo()->findData("EUR"));
    QTest::keyClicks(create->ownerEdit(), QStringLiteral("grace"));
    QTest::keyClicks(create->overdraftEdit(), QStringLiteral("50"));
    CHECKED(reviewAndConfirm(create));
    QVERIFY(create->outcome() && create->outcome()->completed());
    const Account *grace = desk.state().account(create->outcome()->accountId);
    QVERIFY(grace);
    QCOMPARE(grace->ownerId, QStringLiteral("grace"));
    QCOMPARE(grace->currency, QStringLiteral("EUR"));
    QCOMPARE(grace->minBalance, TestLedger::money(QStringLiteral("-50")));
    // No owner type given: the account type's own, as billing-cli gives.
    QCOMPARE(grace->ownerType, QStringLiteral("user"));
    CreateAccountDialog *bank = desk.window->openCreateAccount();
    bank->typeCombo()->setCurrentIndex(bank->typeCombo()->findData(QStringLiteral("EXTERNAL")));
    QCOMPARE(bank->ownerTypeEdit()->placeholderText(), QStringLiteral("external"));
    bank->close();

    AccountStatusDialog *status =
        desk.window->openStatusChange(desk.alice, AccountStatus::Suspended);
    QTRY_VERIFY_WITH_TIMEOUT(status->accountPicker()->selected().has_value(), waitMs);
    CHECKED(reviewAndConfirm(status));
    QVERIFY(status->outcome() && status->outcome()->completed());
    QVERIFY(desk.state().account(desk.alice)->status == AccountStatus::Suspended);

    // Closing needs a zero balance: the rule is the core's, the words are the desk's.
    AccountStatusDialog *close = desk.window->openStatusChange(desk.alice, AccountStatus::Closed);
    QTRY_VERIFY_WITH_TIMEOUT(close->accountPicker()->selected().has_value(), waitMs);
    CHECKED(reviewAndConfirm(close));
    QCOMPARE(close->outcome()->code, QStringLiteral("BALANCE_NOT_ZERO"));
    QVERIFY(desk.state().account(desk.alice)->status == AccountStatus::Suspended);
}

void TestDesk::anotherProcessShowsUpInTheOpenTable()
{
    Desk desk;
    WindowedTableModel *transactions =
        desk.window->tableView(MainWindow::Tab::Transactions)->model();
    QTRY_VERIFY_WITH_TIMEOUT(transactions->isReady(), waitMs);
    const int rowsBefore = transactions->rowCount();
    const CliRun run =
        runCli(desk.ledger.path(), {QStringLiteral("topup"), QStringLiteral("--account"), desk.bob,
                                    QStringLiteral("--from"), desk.bank, QStringLiteral("--amount"),
                                    QStringLiteral("7.77")});
    QCOMPARE(run.exitCode, 0);
    QTRY_COMPARE_WITH_TIMEOUT(transactions->rowCount(), rowsBefore + 2, waitMs);
    QTRY_VERIFY_WITH_TIMEOUT(transactions->index(0, int(TransactionColumn::Amount))
                                 .data()
                                 .toString()
                                 .endsWith(QStringLiteral("7.77")),
                             waitMs);
    // The pickers see it too: they read the log, not a copy.
    MoveMoneyDialog *form = desk.window->openMoveMoney(TransactionType::Transfer, desk.bob);
    QTRY_VERIFY_WITH_TIMEOUT(form->firstPicker()->selected().has_value(), waitMs);
    QVERIFY(form->firstPicker()->selected()->text.contains(QStringLiteral("USD 7.77")));
}

void TestDesk::accountViewShowsRunningBalanceAndHistory()
{
    Desk desk;
    desk.ledger.transfer(desk.alice, desk.bob, QStringLiteral("30.00"));
    desk.ledger.pay(desk.alice, desk.shop, QStringLiteral("500.00")); // refused
    desk.ledger.run(ChangeAccountStatus{desk.alice, AccountStatus::Suspended});
    AccountWindow *view = desk.window->openAccount(desk.alice);
    QSignalSpy loaded(view, &AccountWindow::loaded);
    QVERIFY(loaded.wait(waitMs));
    StatementModel *statement = view->statement();
    QAbstractItemModelTester tester(statement,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(statement->rowCount(), 3);
    const auto text = [statement](int row, StatementModel::Column column) {
        return statement->index(row, int(column)).data().toString();
    };
    // Newest first: the refused payment moved nothing; then the transfer, then the top-up.
    QCOMPARE(text(0, StatementModel::Column::Balance), QStringLiteral("—"));
    QCOMPARE(text(1, StatementModel::Column::Amount), QStringLiteral("-30.00"));
    QCOMPARE(text(1, StatementModel::Column::Balance), QStringLiteral("70.00"));
    QCOMPARE(text(2, StatementModel::Column::Balance), QStringLiteral("100.00"));
    QVERIFY(view->headerLabel()->text().contains(QStringLiteral("70.00")));
    QVERIFY(view->statementCsv().contains(QStringLiteral(",-30.00,70.00,")));
    // The screen has words, the export the ledger's codes, whatever the language.
    QCOMPARE(text(0, StatementModel::Column::Type), QStringLiteral("Payment"));
    QVERIFY(view->statementCsv().contains(QStringLiteral(",PAYMENT,")));
    QVERIFY(view->statementCsv().contains(QStringLiteral("failed (INSUFFICIENT_FUNDS)")));
    QTableWidget *history = view->historyTable();
    QCOMPARE(history->rowCount(), 2);
    QCOMPARE(cell(history, 0, 1), QStringLiteral("Account status changed"));
    QCOMPARE(cell(history, 0, 2), QStringLiteral("Active → Suspended"));
    QCOMPARE(cell(history, 1, 1), QStringLiteral("Account created"));

    // Another process's write shows without a word from this desk.
    const CliRun run =
        runCli(desk.ledger.path(), {QStringLiteral("topup"), QStringLiteral("--account"), desk.bob,
                                    QStringLiteral("--from"), desk.bank, QStringLiteral("--amount"),
                                    QStringLiteral("1.00")});
    QCOMPARE(run.exitCode, 0);
    AccountWindow *bobView = desk.window->openAccount(desk.bob);
    QSignalSpy bobLoaded(bobView, &AccountWindow::loaded);
    QVERIFY(bobLoaded.wait(waitMs));
    const int bobRows = bobView->statement()->rowCount();
    QCOMPARE(runCli(desk.ledger.path(), {QStringLiteral("transfer"), QStringLiteral("--from"),
                                         desk.bob, QStringLiteral("--to"), desk.alice,
                                         QStringLiteral("--amount"), QStringLiteral("0.25")})
                 .exitCode,
             2); // alice is suspended: refused, but written (TransferFailed) and shown
    QTRY_COMPARE_WITH_TIMEOUT(bobView->statement()->rowCount(), bobRows + 1, waitMs);

    // Writes announced while the view reads bring one more read, not one each.
    QTest::qWait(2 * AccountWindow::followIntervalMs); // a follow's read that was still due
    bobLoaded.clear();
    for (int write = 0; write < 3; ++write)
        desk.client->notifyWritten(desk.ledger.eventCount());
    QTRY_COMPARE_WITH_TIMEOUT(bobLoaded.size(), 2, waitMs);
    QTest::qWait(2 * AccountWindow::followIntervalMs);
    QCOMPARE(bobLoaded.size(), 2);

    // Writes to other accounts leave this one's statement as it is: its selection stays.
    QSignalSpy reset(bobView->statement(), &QAbstractItemModel::modelReset);
    bobView->statementView()->selectRow(1);
    bobLoaded.clear();
    desk.ledger.topup(desk.alice, desk.bank, QStringLiteral("1.00"));
    desk.client->notifyWritten(desk.ledger.eventCount());
    QTRY_VERIFY_WITH_TIMEOUT(!bobLoaded.isEmpty(), waitMs);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(bobView->statementView()->currentIndex().row(), 1);
    // A write to it shows.
    desk.ledger.topup(desk.bob, desk.bank, QStringLiteral("1.00"));
    QTRY_COMPARE_WITH_TIMEOUT(bobView->statement()->rowCount(), bobRows + 2, waitMs);
}

void TestDesk::auditorDeskCannotWrite()
{
    Desk desk(true);
    QTRY_VERIFY_WITH_TIMEOUT(desk.client->isReady(), waitMs);
    for (QAction *menu : desk.window->menuBar()->actions()) {
        for (QAction *action : menu->menu()->actions()) {
            if (action->text().contains(QStringLiteral("Top up")))
                QVERIFY(!action->isEnabled());
        }
    }
    // Even a form opened some other way is refused by the core, not only by the menus.
    const qint64 eventsBefore = desk.ledger.eventCount();
    MoveMoneyDialog *form = desk.window->openMoveMoney(TransactionType::Topup, desk.bob);
    QTRY_VERIFY_WITH_TIMEOUT(form->firstPicker()->selected().has_value(), waitMs);
    form->secondPicker()->select(desk.bank);
    QTRY_VERIFY_WITH_TIMEOUT(form->secondPicker()->selected().has_value(), waitMs);
    QTest::keyClicks(form->amountEdit(), QStringLiteral("1"));
    CHECKED(reviewAndConfirm(form));
    QVERIFY(!form->outcome());
    QVERIFY(form->retryButton()->isVisible());
    QCOMPARE(desk.ledger.eventCount(), eventsBefore);
}

void TestDesk::demoDataFillsAnEmptyLedger()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("demo.db"));
    LedgerClient client(StoreLocation::sqlite(path));
    client.open(false);
    DeskSettings settings;
    settings.offerDemoData = false;
    MainWindow window(client, settings);
    window.setDemoDataWhenEmpty(true);
    QSignalSpy added(&window, &MainWindow::demoDataAdded);
    QVERIFY(added.wait(waitMs * 3));
    TestLedger ledger(path);
    const LedgerState &state = ledger.state();
    QVERIFY(state.balanced());
    QVERIFY(state.accounts().size() >= 12);
    QSet<QString> currencies;
    QSet<TransactionType> types;
    int failed = 0;
    for (const Account &account : state.accounts())
        currencies.insert(account.currency);
    for (const Transaction &transaction : state.transactions()) {
        types.insert(transaction.type);
        failed += transaction.status == TransactionStatus::Failed;
    }
    QCOMPARE(currencies.size(), 3);
    QCOMPARE(types.size(), 5);
    QVERIFY(failed > 0);
    QVERIFY(state.transactions().size() >= 300);
}

void TestDesk::everyCommandHasAMenuEntryAndShortcut()
{
    Desk desk;
    QTRY_VERIFY_WITH_TIMEOUT(desk.client->isReady(), waitMs);
    QStringList missing;
    QSet<QKeySequence> shortcuts;
    for (QAction *menu : desk.window->menuBar()->actions()) {
        for (QAction *action : menu->menu()->actions()) {
            if (action->isSeparator() || action->text().contains(QStringLiteral("About")))
                continue;
            if (action->shortcut().isEmpty())
                missing.append(action->text());
            QVERIFY2(!shortcuts.contains(action->shortcut()), qPrintable(action->text()));
            shortcuts.insert(action->shortcut());
        }
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u',')));
    QVERIFY(shortcuts.contains(QKeySequence(Qt::CTRL | Qt::Key_T)));
}

void TestDesk::tabOrderFollowsTheForm()
{
    Desk desk;
    MoveMoneyDialog *form = desk.window->openMoveMoney(TransactionType::Transfer);
    QVERIFY(QTest::qWaitForWindowActive(form));
    form->firstPicker()->lineEdit()->setFocus();
    QTRY_VERIFY(form->firstPicker()->lineEdit()->hasFocus());
    QWidget *expected[] = {form->secondPicker()->lineEdit(), form->amountEdit(),
                           form->referenceEdit(), form->reviewButton()};
    for (QWidget *next : expected) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), next);
    }
}

void TestDesk::liveUpdateKeepsTheSelectedRecord()
{
    Desk desk;
    LedgerTableView *view = desk.window->tableView(MainWindow::Tab::Transactions);
    WindowedTableModel *transactions = view->model();
    QTRY_VERIFY_WITH_TIMEOUT(transactions->isReady() && transactions->rowCount() == 2, waitMs);
    // Newest first: new rows push the chosen one down, and the selection goes with it.
    view->tableView()->selectRow(1);
    const QString key = view->currentRowKey();
    QVERIFY(!key.isEmpty());
    desk.ledger.transfer(desk.alice, desk.bob, QStringLiteral("1.00"));
    QTRY_COMPARE_WITH_TIMEOUT(transactions->rowCount(), 4, waitMs);
    QTRY_COMPARE_WITH_TIMEOUT(view->tableView()->currentIndex().row(), 3, waitMs);
    QCOMPARE(view->tableView()->currentIndex().data(WindowedTableModel::RowKeyRole).toString(),
             key);
    QCOMPARE(view->currentRowKey(), key);
}

void TestDesk::liveUpdateLeavesTheScrollWhereItIs()
{
    // Chosen near the top, read at the bottom: a new row keeps the choice without scrolling back.
    Desk desk;
    for (int i = 0; i < 60; ++i)
        desk.ledger.transfer(desk.alice, desk.bob, QStringLiteral("0.01"));
    desk.window->resize(900, 500);
    desk.window->show();
    QVERIFY(QTest::qWaitForWindowExposed(desk.window.get()));
    LedgerTableView *view = desk.window->tableView(MainWindow::Tab::Transactions);
    desk.window->tabs()->setCurrentIndex(int(MainWindow::Tab::Transactions));
    WindowedTableModel *transactions = view->model();
    QTRY_VERIFY_WITH_TIMEOUT(transactions->isReady() && transactions->rowCount() == 122, waitMs);
    view->tableView()->selectRow(1);
    QScrollBar *bar = view->tableView()->verticalScrollBar();
    QTRY_VERIFY_WITH_TIMEOUT(bar->maximum() > 0, waitMs);
    bar->setValue(bar->maximum());
    const int reading = bar->value();
    desk.ledger.transfer(desk.alice, desk.bob, QStringLiteral("0.01"));
    QTRY_COMPARE_WITH_TIMEOUT(view->tableView()->currentIndex().row(), 3, waitMs);
    QVERIFY2(bar->value() >= reading,
             qPrintable(QStringLiteral("scrolled from %1 to %2").arg(reading).arg(bar->value())));
}

void TestDesk::closingTheDeskCancelsLongJobs()
{
    // Quitting while a verification or an export runs must not wait for it to end: the job's
    // cancel flag goes up before the ledger's thread is waited for.
    TestLedger ledger;
    auto client = std::make_unique<LedgerClient>(StoreLocation::sqlite(ledger.path()));
    client->open(false);
    QTRY_VERIFY_WITH_TIMEOUT(client->isReady(), waitMs);
    const JobProgress progress(*client, QStringLiteral("Working"), nullptr);
    std::atomic<bool> started = false;
    std::atomic<bool> sawCancel = false;
    client->run(client.get(), [&](LedgerWork &) -> LedgerClient::Continuation {
        started = true;
        const QDeadlineTimer deadline(60000);
        while (!deadline.hasExpired()) {
            if (!progress.report(0, 1)) {
                sawCancel = true;
                break;
            }
            QThread::msleep(5);
        }
        return {};
    });
    QTRY_VERIFY_WITH_TIMEOUT(started.load(), waitMs);
    client.reset();
    QVERIFY(sawCancel.load());
    progress.close();
}

void TestDesk::progressStaysUntilTheJobEnds()
{
    // A job of several phases reaches its maximum before it ends: its Cancel button stays.
    TestLedger ledger;
    LedgerClient client(StoreLocation::sqlite(ledger.path()));
    QWidget parent;
    parent.show();
    const JobProgress progress(client, QStringLiteral("Working"), &parent);
    auto *dialog = parent.findChild<QProgressDialog *>();
    QVERIFY(dialog);
    progress.report(1, 10);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->isVisible(), waitMs);
    progress.report(10, 10);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->value(), 10, waitMs);
    QTest::qWait(50);
    QVERIFY(dialog->isVisible());
    QVERIFY(!progress.cancelled());
    const QPointer<QProgressDialog> closing(dialog);
    progress.close();
    QTRY_VERIFY_WITH_TIMEOUT(!closing, waitMs);
}

void TestDesk::rebuildGivesTheSameProjections()
{
    Desk desk;
    desk.ledger.transfer(desk.alice, desk.bob, QStringLiteral("12.34"));
    QTRY_VERIFY_WITH_TIMEOUT(desk.client->isReady(), waitMs);
    const auto snapshot = [&desk] {
        const Result<QList<AccountView>> accounts =
            desk.ledger.storage().projections().accounts(QString());
        BILLING_ASSERT(accounts.ok());
        QStringList rows;
        for (const AccountView &account : accounts.value())
            rows.append(account.id + u' ' + account.balance.toString() + u' ' + account.status);
        return rows;
    };
    const QStringList before = snapshot();
    QSignalSpy rebuilt(desk.window.get(), &MainWindow::projectionsRebuilt);
    desk.window->rebuildProjections();
    QVERIFY(rebuilt.wait(waitMs));
    QCOMPARE(rebuilt.first().at(0).toLongLong(), desk.ledger.eventCount());
    QVERIFY(rebuilt.first().at(1).toBool());
    QCOMPARE(snapshot(), before);
    WindowedTableModel *transactions =
        desk.window->tableView(MainWindow::Tab::Transactions)->model();
    QTRY_COMPARE_WITH_TIMEOUT(transactions->rowCount(), 4, waitMs);
}

void TestDesk::importRunsAFileOnceWhateverTheRepeats()
{
    Desk desk;
    QTRY_VERIFY_WITH_TIMEOUT(desk.client->isReady(), waitMs);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("rows.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral("operation,account,counterparty,amount,currency,key,reference\n"
                              "topup,%1,%2,10.00,,,INV-1\n"
                              "transfer,%1,%3,500.00,,,too much\n"
                              "transfer,%1,%3,1.234,,,too precise\n")
                   .arg(desk.alice, desk.bank, desk.bob)
                   .toUtf8());
    file.close();
    for (int round = 0; round < 2; ++round) {
        QSignalSpy imported(desk.window.get(), &MainWindow::imported);
        desk.window->importFile(path);
        QVERIFY(imported.wait(waitMs));
        QCOMPARE(imported.first().at(0).toInt(), 1);
        QCOMPARE(imported.first().at(1).toInt(), 1);
        QCOMPARE(imported.first().at(2).toInt(), 1);
        // The second import answers from the first: nothing is booked twice.
        QCOMPARE(desk.balance(desk.alice), TestLedger::money(QStringLiteral("110.00")));
    }
}

void TestDesk::exportedCellsNeverRunAsFormulas()
{
    // A reference is typed by whoever books; opened in a spreadsheet, a cell that starts like a
    // formula would run. Signed amounts stay numbers.
    QCOMPARE(TableExport::csvLine({QStringLiteral("=HYPERLINK(\"x\")"), QStringLiteral("+1+1"),
                                   QStringLiteral("-2+3"), QStringLiteral("@SUM(A1)"),
                                   QStringLiteral("-62.88"), QStringLiteral("+250.00"),
                                   QStringLiteral("12.50"), QStringLiteral("plain")}),
             QStringLiteral("\"'=HYPERLINK(\"\"x\"\")\",'+1+1,'-2+3,'@SUM(A1),-62.88,+250.00,"
                            "12.50,plain\n"));
}

QTEST_MAIN(TestDesk)
#include "tst_desk.moc"
