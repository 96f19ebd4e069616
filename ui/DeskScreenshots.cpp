#include "DeskScreenshots.h"

#include "AccountStatusDialog.h"
#include "AccountWindow.h"
#include "AmountEdit.h"
#include "AmountText.h"
#include "BalanceChart.h"
#include "CreateAccountDialog.h"
#include "EntityPicker.h"
#include "EventHistoryView.h"
#include "LedgerClient.h"
#include "LedgerTableView.h"
#include "MainWindow.h"
#include "MoveMoneyDialog.h"
#include "RefundDialog.h"
#include "TimeTravelView.h"
#include "WindowedTableModel.h"
#include "application/LedgerLookup.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>

#include <cstdio>
#include <functional>

namespace billing::ui {
namespace {

bool waitUntil(const std::function<bool()> &done)
{
    QDeadlineTimer deadline(DeskScreenshots::waitMsMax);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(5);
    }
    return true;
}

bool save(QWidget *widget, const QString &directory, const QString &name)
{
    // A few rounds of events let pages arrive and layouts settle before the picture.
    for (int i = 0; i < 20; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    const QString path = QDir(directory).filePath(name + QStringLiteral(".png"));
    const bool saved = widget->grab().save(path);
    std::printf("%s %s\n", saved ? "wrote" : "FAILED", qPrintable(path));
    return saved;
}

struct DemoIds
{
    QString alice;
    QString bank;
    QString payment;
};

} // namespace

bool DeskScreenshots::write(const QString &directory)
{
    QDir().mkpath(directory);
    QTemporaryDir storeDir;
    LedgerClient client(StoreLocation::sqlite(storeDir.filePath(QStringLiteral("ledger.db"))));
    client.setOperatorName(QStringLiteral("clerk"));
    client.open(false);
    DeskSettings settings;
    settings.offerDemoData = false;
    MainWindow window(client, settings);
    window.resize(1280, 720);
    window.show();
    bool seeded = false;
    QObject::connect(&window, &MainWindow::demoDataAdded, &window, [&] { seeded = true; });
    if (!waitUntil([&] { return client.isReady(); }))
        return false;
    window.addDemoData();
    if (!waitUntil([&] { return seeded; }))
        return false;

    std::optional<DemoIds> ids;
    client.run(&window, [&ids](LedgerWork &work) -> LedgerClient::Continuation {
        const LedgerState &state = work.freshState();
        DemoIds found;
        found.alice =
            findAccounts(
                state,
                {QStringLiteral("alice"), {AccountType::User}, QStringLiteral("USD"), false, 1})
                .value(0)
                .id;
        found.bank =
            findAccounts(
                state,
                {QStringLiteral("bank"), {AccountType::External}, QStringLiteral("USD"), false, 1})
                .value(0)
                .id;
        found.payment = findRefundablePayments(state, QString(), 1).value(0).id;
        return [&ids, found] {
            ids = found;
        };
    });
    if (!waitUntil([&] { return ids.has_value(); }))
        return false;

    bool ok = true;
    const char *tabNames[] = {"main-accounts", "main-transactions", "main-audit-log"};
    for (int tab = 0; tab <= int(MainWindow::Tab::AuditLog); ++tab) {
        window.tabs()->setCurrentIndex(tab);
        LedgerTableView *view = window.tableView(MainWindow::Tab(tab));
        ok &= waitUntil([view] { return view->model()->isReady(); });
        ok &= save(&window, directory, QString::fromLatin1(tabNames[tab]));
    }

    MoveMoneyDialog *topup = window.openMoveMoney(TransactionType::Topup, ids->alice);
    topup->secondPicker()->select(ids->bank);
    topup->amountEdit()->setText(AmountText::shown(QStringLiteral("250.00")));
    topup->referenceEdit()->setText(QStringLiteral("INV-2025-0042"));
    ok &= waitUntil([topup] { return topup->secondPicker()->selected().has_value(); });
    ok &= save(topup, directory, QStringLiteral("form-topup"));
    topup->reviewButton()->click();
    ok &= waitUntil([topup] { return topup->step() == CommandDialog::Step::Confirm; });
    ok &= save(topup, directory, QStringLiteral("form-topup-confirm"));
    topup->confirmButton()->click();
    ok &= waitUntil([topup] { return topup->step() == CommandDialog::Step::Outcome; });
    ok &= save(topup, directory, QStringLiteral("form-topup-outcome"));
    topup->close();

    MoveMoneyDialog *transfer = window.openMoveMoney(TransactionType::Transfer, ids->alice);
    ok &= waitUntil([transfer] { return transfer->firstPicker()->selected().has_value(); });
    transfer->amountEdit()->setText(QStringLiteral("0"));
    transfer->reviewButton()->click();
    ok &= save(transfer, directory, QStringLiteral("form-transfer-error"));
    transfer->close();

    RefundDialog *refund = window.openRefund(ids->payment);
    refund->amountEdit()->setText(AmountText::shown(QStringLiteral("1.00")));
    ok &= waitUntil([refund] { return refund->paymentPicker()->selected().has_value(); });
    ok &= save(refund, directory, QStringLiteral("form-refund"));
    refund->close();

    CreateAccountDialog *create = window.openCreateAccount();
    create->ownerEdit()->setText(QStringLiteral("grace"));
    create->overdraftEdit()->setText(AmountText::shown(QStringLiteral("100.00")));
    ok &= save(create, directory, QStringLiteral("form-create-account"));
    create->close();

    AccountStatusDialog *status = window.openStatusChange(ids->alice, AccountStatus::Suspended);
    ok &= waitUntil([status] { return status->accountPicker()->selected().has_value(); });
    ok &= save(status, directory, QStringLiteral("form-account-status"));
    status->close();

    AccountWindow *account = window.openAccount(ids->alice);
    bool loaded = false;
    QObject::connect(account, &AccountWindow::loaded, account, [&loaded] { loaded = true; });
    ok &= waitUntil([&loaded] { return loaded; });
    ok &= save(account, directory, QStringLiteral("account-view"));
    if (auto *tabs = account->findChild<QTabWidget *>())
        tabs->setCurrentWidget(account->chart());
    ok &= save(account, directory, QStringLiteral("account-chart"));
    account->close();

    EventHistoryView *history = window.eventHistory();
    window.tabs()->setCurrentWidget(history);
    ok &= waitUntil([history] { return history->table()->model()->isReady(); });
    bool shown = false;
    QObject::connect(history, &EventHistoryView::jsonShown, history, [&shown] { shown = true; });
    history->table()->tableView()->selectRow(3);
    ok &= waitUntil([&shown] { return shown; });
    ok &= save(&window, directory, QStringLiteral("auditor-history"));

    TimeTravelView *travel = window.timeTravel();
    window.tabs()->setCurrentWidget(travel);
    qint64 arrivedAt = -1;
    QObject::connect(travel, &TimeTravelView::arrived, travel,
                     [&arrivedAt](qint64 position) { arrivedAt = position; });
    travel->returnToNow();
    ok &= waitUntil([&arrivedAt, travel] { return arrivedAt > 0 && travel->isNow(); });
    const qint64 middle = travel->lastPosition() / 2;
    travel->travelTo(middle);
    ok &= waitUntil([&arrivedAt, middle] { return arrivedAt == middle; });
    ok &= save(&window, directory, QStringLiteral("auditor-time-travel"));
    return ok;
}

} // namespace billing::ui
