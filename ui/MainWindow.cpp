#include "MainWindow.h"

#include "AccountStatusDialog.h"
#include "AccountWindow.h"
#include "AccountsTableModel.h"
#include "AuditLogTableModel.h"
#include "CreateAccountDialog.h"
#include "DeskServeRole.h"
#include "EventHistoryView.h"
#include "JobProgress.h"
#include "LedgerClient.h"
#include "LedgerTableView.h"
#include "LedgerVerification.h"
#include "MoveMoneyDialog.h"
#include "ReasonText.h"
#include "RefundDialog.h"
#include "SettingsDialog.h"
#include "TimeTravelView.h"
#include "TransactionsTableModel.h"
#include "application/CsvImport.h"
#include "application/DemoLedger.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

#include <atomic>

namespace billing::ui {

MainWindow::MainWindow(LedgerClient &client, const DeskSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_settings(settings)
    , m_auditor(settings.auditor)
{
    setWindowTitle(settings.auditor ? tr("Billing Desk — auditor (read-only)")
                                    : tr("Billing Desk"));
    resize(1200, 700);
    m_tabs = new QTabWidget(this);
    setCentralWidget(m_tabs);
    addTables(client.location());
    addMenus();
    addContextMenus();

    m_storeLabel = new QLabel(tr("Store: %1").arg(client.location().toString()), this);
    m_healthLabel = new QLabel(tr("Opening the ledger…"), this);
    m_lagLabel = new QLabel(this);
    m_operatorLabel = new QLabel(tr("Operator: %1").arg(client.operatorName()), this);
    for (QLabel *label : {m_storeLabel, m_healthLabel, m_lagLabel, m_operatorLabel})
        statusBar()->addPermanentWidget(label);
    if (settings.serveRole)
        addServeRole();

    connect(&client, &LedgerClient::opened, this, &MainWindow::onOpened);
    connect(&client, &LedgerClient::openFailed, this, [this](const QString &message) {
        m_healthLabel->setText(tr("Cannot open the ledger: %1").arg(message));
        QMessageBox::critical(this, tr("Billing Desk"),
                              tr("The ledger could not be opened:\n%1").arg(message));
    });
    if (client.isReady())
        onOpened();
    auto *healthTimer = new QTimer(this);
    connect(healthTimer, &QTimer::timeout, this, &MainWindow::checkHealth);
    healthTimer->start(healthIntervalMs);
}

void MainWindow::addServeRole()
{
    auto *label = new QLabel(this);
    label->setObjectName(QStringLiteral("serveRoleLabel"));
    statusBar()->addPermanentWidget(label);
    if (const QString refused = DeskServeRole::refusal(m_client.location(), m_auditor);
        !refused.isEmpty()) {
        label->setText(refused);
        return;
    }
    // A child of the window: it stops, and leaves the deciders' group, when the desk closes.
    m_serveRole = new DeskServeRole(m_client.location(), this);
    connect(m_serveRole, &DeskServeRole::roleChanged, label,
            [this, label] { label->setText(m_serveRole->text()); });
    label->setText(m_serveRole->text());
    m_serveRole->start();
}

void MainWindow::addTables(const StoreLocation &location)
{
    m_tabs->addTab(new LedgerTableView(new AccountsTableModel(location), m_tabs), tr("&Accounts"));
    m_tabs->addTab(new LedgerTableView(new TransactionsTableModel(location), m_tabs),
                   tr("&Transactions"));
    m_tabs->addTab(new LedgerTableView(new AuditLogTableModel(location), m_tabs), tr("Audit &log"));
    auto *history = new EventHistoryView(m_client, location, m_tabs);
    m_tabs->addTab(history, tr("&Event history"));
    auto *travel = new TimeTravelView(m_client, location, m_tabs);
    m_tabs->addTab(travel, tr("Time t&ravel"));
    connect(history, &EventHistoryView::travelRequested, this, [this, travel](qint64 position) {
        m_tabs->setCurrentWidget(travel);
        travel->travelTo(position);
    });
}

void MainWindow::addAuditMenu()
{
    QMenu *auditMenu = menuBar()->addMenu(tr("A&udit"));
    auditMenu->addAction(tr("&Verify ledger…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V),
                         this, [this] { verifyLedger(); });
    if (EventHistoryView *history = eventHistory()) {
        auditMenu->addAction(tr("Show the whole &saga"),
                             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G), this, [this, history] {
                                 m_tabs->setCurrentWidget(history);
                                 history->showSelectedSaga();
                             });
        auditMenu->addAction(tr("&Travel to the selected event"),
                             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), history,
                             &EventHistoryView::travelToSelected);
    }
    TimeTravelView *travel = timeTravel();
    if (!travel)
        return;
    auditMenu->addAction(tr("Step &back"), QKeySequence(Qt::ALT | Qt::Key_Left), this,
                         [this, travel] {
                             m_tabs->setCurrentWidget(travel);
                             travel->stepBack();
                         });
    auditMenu->addAction(tr("Step &forward"), QKeySequence(Qt::ALT | Qt::Key_Right), this,
                         [this, travel] {
                             m_tabs->setCurrentWidget(travel);
                             travel->stepForward();
                         });
    auditMenu->addAction(tr("Return to &now"), QKeySequence(Qt::ALT | Qt::Key_End), this,
                         [this, travel] {
                             m_tabs->setCurrentWidget(travel);
                             travel->returnToNow();
                         });
}

EventHistoryView *MainWindow::eventHistory() const
{
    return qobject_cast<EventHistoryView *>(m_tabs->widget(int(Tab::Events)));
}

TimeTravelView *MainWindow::timeTravel() const
{
    return qobject_cast<TimeTravelView *>(m_tabs->widget(int(Tab::TimeTravel)));
}

LedgerVerification *MainWindow::verifyLedger(bool showReport)
{
    auto *verification = new LedgerVerification(m_client, this, showReport);
    verification->start();
    return verification;
}

void MainWindow::addCommandAction(QMenu *menu, const QString &text, const QKeySequence &shortcut,
                                  const std::function<void()> &slot)
{
    QAction *action = menu->addAction(text, shortcut, this, slot);
    action->setEnabled(false);
    m_commandActions.append(action);
}

void MainWindow::addMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    addCommandAction(fileMenu, tr("Add &demo data…"),
                     QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D), [this] { addDemoData(); });
    addCommandAction(fileMenu, tr("&Import CSV…"), QKeySequence(Qt::CTRL | Qt::Key_I), [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import CSV"), QString(),
                                                          tr("CSV files (*.csv)"));
        if (!path.isEmpty())
            importFile(path);
    });
    addCommandAction(fileMenu, tr("&Rebuild projections…"),
                     QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B),
                     [this] { rebuildProjections(); });
    fileMenu->addAction(tr("&Export rows to CSV…"), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                        [this] {
                            QWidget *tab = m_tabs->currentWidget();
                            if (auto *travel = qobject_cast<TimeTravelView *>(tab))
                                travel->exportBalances();
                            else if (auto *view = qobject_cast<LedgerTableView *>(tab))
                                view->exportRows();
                            else if (auto *inner = tab->findChild<LedgerTableView *>())
                                inner->exportRows();
                        });
    fileMenu->addAction(tr("&Settings…"), QKeySequence(Qt::CTRL | Qt::Key_Comma), this,
                        &MainWindow::showSettings);
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), qApp, &QApplication::quit);

    QMenu *editMenu = menuBar()->addMenu(tr("&Edit"));
    editMenu->addAction(tr("&Copy selected id"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
                        this, [this] {
                            QWidget *tab = m_tabs->currentWidget();
                            auto *view = qobject_cast<LedgerTableView *>(tab);
                            if (!view && tab)
                                view = tab->findChild<LedgerTableView *>();
                            if (view && !view->currentRecordId().isEmpty())
                                QApplication::clipboard()->setText(view->currentRecordId());
                        });

    QMenu *accountMenu = menuBar()->addMenu(tr("A&ccount"));
    addCommandAction(accountMenu, tr("&New account…"), QKeySequence::New,
                     [this] { openCreateAccount(); });
    addCommandAction(accountMenu, tr("Change &status…"), QKeySequence(Qt::CTRL | Qt::Key_K),
                     [this] { openStatusChange(); });
    accountMenu->addAction(tr("&Open selected account"), QKeySequence(Qt::CTRL | Qt::Key_O), this,
                           [this] {
                               if (LedgerTableView *view = tableView(Tab::Accounts))
                                   openAccount(view->currentRecordId());
                           });

    QMenu *moneyMenu = menuBar()->addMenu(tr("&Money"));
    const std::tuple<QString, QKeySequence, TransactionType> moves[] = {
        {tr("&Top up…"), QKeySequence(Qt::CTRL | Qt::Key_U), TransactionType::Topup},
        {tr("&Withdraw…"), QKeySequence(Qt::CTRL | Qt::Key_D), TransactionType::Withdrawal},
        {tr("T&ransfer…"), QKeySequence(Qt::CTRL | Qt::Key_T), TransactionType::Transfer},
        {tr("&Payment…"), QKeySequence(Qt::CTRL | Qt::Key_P), TransactionType::Payment}};
    for (const auto &[text, shortcut, type] : moves)
        addCommandAction(moneyMenu, text, shortcut, [this, type = type] { openMoveMoney(type); });
    addCommandAction(moneyMenu, tr("Re&fund…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                     [this] { openRefund(); });

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    const std::pair<QString, QKeySequence> tabs[] = {
        {tr("&Accounts"), QKeySequence(Qt::CTRL | Qt::Key_1)},
        {tr("&Transactions"), QKeySequence(Qt::CTRL | Qt::Key_2)},
        {tr("Audit &log"), QKeySequence(Qt::CTRL | Qt::Key_3)},
        {tr("&Event history"), QKeySequence(Qt::CTRL | Qt::Key_4)},
        {tr("Time t&ravel"), QKeySequence(Qt::CTRL | Qt::Key_5)}};
    static_assert(std::size(tabs) == std::size_t(Tab::Count));
    for (int tab = 0; tab < int(Tab::Count); ++tab) {
        QAction *action = viewMenu->addAction(tabs[tab].first, tabs[tab].second, this,
                                              [this, tab] { m_tabs->setCurrentIndex(tab); });
        action->setEnabled(tab < m_tabs->count() && m_tabs->tabText(tab) != tr("Ledger"));
    }
    viewMenu->addSeparator();
    viewMenu->addAction(tr("&Refresh"), QKeySequence(Qt::Key_F5), this,
                        &MainWindow::reloadCurrentTable);

    addAuditMenu();
    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Billing Desk"), this, [this] {
        QMessageBox::about(this, tr("About Billing Desk"),
                           tr("Billing Desk %1\nA double-entry billing ledger on event sourcing.")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::addContextMenus()
{
    if (LedgerTableView *accounts = tableView(Tab::Accounts)) {
        accounts->setMenuFiller([this](QMenu &menu, const QString &id, const QModelIndex &) {
            menu.addAction(tr("&Open account"), this, [this, id] { openAccount(id); });
            if (m_auditor)
                return;
            menu.addSeparator();
            menu.addAction(tr("&Top up…"), this,
                           [this, id] { openMoveMoney(TransactionType::Topup, id); });
            menu.addAction(tr("&Withdraw…"), this,
                           [this, id] { openMoveMoney(TransactionType::Withdrawal, id); });
            menu.addAction(tr("T&ransfer from…"), this,
                           [this, id] { openMoveMoney(TransactionType::Transfer, id); });
            menu.addAction(tr("&Pay…"), this,
                           [this, id] { openMoveMoney(TransactionType::Payment, id); });
            menu.addSeparator();
            menu.addAction(tr("&Suspend…"), this,
                           [this, id] { openStatusChange(id, AccountStatus::Suspended); });
            menu.addAction(tr("&Activate…"), this,
                           [this, id] { openStatusChange(id, AccountStatus::Active); });
            menu.addAction(tr("C&lose…"), this,
                           [this, id] { openStatusChange(id, AccountStatus::Closed); });
        });
        connect(accounts, &LedgerTableView::recordActivated, this, &MainWindow::openAccount);
    }
    if (LedgerTableView *transactions = tableView(Tab::Transactions)) {
        transactions->setMenuFiller(
            [this](QMenu &menu, const QString &id, const QModelIndex &index) {
                const auto stored = [&index](TransactionColumn column) {
                    return index.siblingAtColumn(int(column))
                        .data(WindowedTableModel::StoredValueRole)
                        .toString();
                };
                // Only a completed payment can be refunded; the dialog checks what is left of it.
                if (!m_auditor &&
                    stored(TransactionColumn::Type) == toString(TransactionType::Payment) &&
                    stored(TransactionColumn::State) == toString(TransactionStatus::Completed))
                    menu.addAction(tr("&Refund…"), this, [this, id] { openRefund(id); });
            });
    }
}

void MainWindow::onOpened()
{
    m_healthLabel->setText(tr("Connected"));
    for (QAction *action : std::as_const(m_commandActions))
        action->setEnabled(!m_auditor);
    checkHealth();
    if (m_auditor || (!m_settings.offerDemoData && !m_demoDataWhenEmpty))
        return;
    m_client.run(this, [this](LedgerWork &work) -> LedgerClient::Continuation {
        const bool empty = work.freshState().position() == 0;
        return [this, empty] {
            if (!empty)
                return;
            const bool wanted =
                m_demoDataWhenEmpty ||
                QMessageBox::question(
                    this, tr("An empty ledger"),
                    tr("This ledger holds nothing yet. Add demo data (a few owners, accounts in "
                       "three currencies and a few hundred transactions) to see how the desk "
                       "works?")) == QMessageBox::Yes;
            if (wanted)
                addDemoData();
        };
    });
}

void MainWindow::addDemoData()
{
    const JobProgress progress(m_client, tr("Adding demo data…"), this);
    const QString operatorName = m_client.operatorName();
    m_client.run(this,
                 [this, progress, operatorName](LedgerWork &work) -> LedgerClient::Continuation {
                     const Result<int> seeded = DemoLedger::seed(
                         work.service(), operatorName,
                         [progress](int done, int total) { return progress.report(done, total); });
                     const qint64 position = work.service().state().position();
                     return [this, seeded, progress, position] {
                         progress.close();
                         if (!seeded.ok()) {
                             QMessageBox::warning(
                                 this, tr("Demo data"),
                                 tr("No demo data was added: %1").arg(seeded.error().message));
                             return;
                         }
                         m_client.notifyWritten(position);
                         Q_EMIT demoDataAdded(seeded.value());
                     };
                 });
}

void MainWindow::importFile(const QString &path)
{
    const JobProgress progress(m_client, tr("Importing %1…").arg(QFileInfo(path).fileName()), this);
    const CommandOptions options{{}, {}, m_client.operatorName()};
    m_client.run(
        this, [this, progress, path, options](LedgerWork &work) -> LedgerClient::Continuation {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                const QString message = file.errorString();
                return [this, progress, message] {
                    progress.close();
                    QMessageBox::warning(this, tr("Import CSV"),
                                         tr("The file could not be read: %1").arg(message));
                };
            }
            work.freshState();
            StateCurrencies currencies(work.service().state());
            Result<QList<ImportRow>> rows =
                CsvImport::prepare(work.service(), currencies, file.readAll(), options);
            Status ran = rows.ok() ? CsvImport::run(work.service(), rows.value(),
                                                    [progress](int done, int total) {
                                                        return progress.report(done, total);
                                                    })
                                   : Status(rows.error());
            std::array<int, 3> counts{}; // completed, rejected, invalid
            int notRun = 0;
            QStringList problems;
            if (rows.ok()) {
                for (const ImportRow &row : rows.value()) {
                    // Rows a cancel left unrun have no outcome of their own yet.
                    if (row.command && row.outcome.command.isEmpty()) {
                        ++notRun;
                        continue;
                    }
                    counts[std::size_t(row.outcome.kind)] += 1;
                    if (!row.outcome.completed() && problems.size() < 10)
                        problems.append(
                            tr("row %1: %2")
                                .arg(row.number)
                                .arg(ReasonText::describe(row.outcome.code, row.outcome.message)));
                }
            }
            const qint64 position = work.service().state().position();
            return [this, progress, ran, counts, notRun, problems, position] {
                progress.close();
                m_client.notifyWritten(position);
                if (!ran.ok()) {
                    QMessageBox::warning(this, tr("Import CSV"),
                                         tr("The import stopped: %1").arg(ran.error().message));
                    return;
                }
                Q_EMIT imported(counts[0], counts[1], counts[2]);
                // Not modal: the report waits for the user without stopping the desk.
                // A cancelled import says so, and how many rows it did not run: importing the
                // file again runs those and repeats nothing.
                const QString counted =
                    notRun > 0 ? tr("Import cancelled: %1 completed, %2 rejected, %3 not "
                                    "accepted, %4 not run (importing the file again runs them).")
                                     .arg(counts[0])
                                     .arg(counts[1])
                                     .arg(counts[2])
                                     .arg(notRun)
                               : tr("%1 completed, %2 rejected, %3 not accepted.")
                                     .arg(counts[0])
                                     .arg(counts[1])
                                     .arg(counts[2]);
                auto *box = new QMessageBox(
                    QMessageBox::Information, tr("Import CSV"),
                    counted + (problems.isEmpty() ? QString() : u'\n' + problems.join(u'\n')),
                    QMessageBox::Close, this);
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->show();
            };
        });
}

void MainWindow::rebuildProjections()
{
    const JobProgress progress(m_client, tr("Rebuilding the projections from the log…"), this);
    m_client.run(this, [this, progress](LedgerWork &work) -> LedgerClient::Continuation {
        const Result<qint64> last = work.storage().events().lastPosition();
        const qint64 total = last.ok() ? last.value() : 0;
        Result<qint64> rebuilt = Error{};
        if (Status reset = work.storage().resetProjections(); !reset.ok()) {
            rebuilt = reset.error();
        } else {
            // What was rebuilt stays rebuilt: a cancelled rebuild resumes from its checkpoint.
            rebuilt = work.storage().catchUpProjections(
                [progress, total](qint64 position) { return progress.report(position, total); });
        }
        return [this, progress, rebuilt, total] {
            progress.close();
            if (!rebuilt.ok()) {
                QMessageBox::warning(
                    this, tr("Rebuild projections"),
                    tr("The projections were not rebuilt: %1").arg(rebuilt.error().message));
                Q_EMIT projectionsRebuilt(0, false);
                return;
            }
            for (int tab = 0; tab <= int(Tab::AuditLog); ++tab) {
                if (LedgerTableView *view = tableView(Tab(tab)))
                    view->reload();
            }
            if (rebuilt.value() < total) {
                auto *box = new QMessageBox(
                    QMessageBox::Information, tr("Rebuild projections"),
                    tr("The rebuild was cancelled at position %1 of %2: the tables show the "
                       "ledger up to there. Run the rebuild again to finish it.")
                        .arg(rebuilt.value())
                        .arg(total),
                    QMessageBox::Close, this);
                box->setAttribute(Qt::WA_DeleteOnClose);
                box->show();
            }
            Q_EMIT projectionsRebuilt(rebuilt.value(), rebuilt.value() == total);
        };
    });
}

void MainWindow::checkHealth()
{
    if (!m_client.isReady())
        return;
    m_client.run(this, [this](LedgerWork &work) -> LedgerClient::Continuation {
        const Result<qint64> logged = work.storage().events().lastPosition();
        const Result<qint64> projected = work.storage().projections().checkpoint();
        return [this, logged, projected] {
            if (!logged.ok() || !projected.ok()) {
                const Error &error = !logged.ok() ? logged.error() : projected.error();
                m_healthLabel->setText(tr("Not reachable: %1").arg(error.message));
                m_lagLabel->clear();
                return;
            }
            m_healthLabel->setText(tr("Connected"));
            m_lagLabel->setText(tr("Projection lag: %n event(s)", nullptr,
                                   int(logged.value() - projected.value())));
        };
    });
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(m_settings, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_settings = dialog.settings();
    m_settings.save();
    m_client.setOperatorName(m_settings.effectiveOperator());
    m_operatorLabel->setText(tr("Operator: %1").arg(m_client.operatorName()));
}

template<typename Dialog>
Dialog *MainWindow::present(Dialog *dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

MoveMoneyDialog *MainWindow::openMoveMoney(TransactionType type, const QString &firstAccount)
{
    auto *dialog = present(new MoveMoneyDialog(type, m_client, this));
    if (!firstAccount.isEmpty())
        dialog->setFirstAccount(firstAccount);
    return dialog;
}

RefundDialog *MainWindow::openRefund(const QString &paymentId)
{
    auto *dialog = present(new RefundDialog(m_client, this));
    if (!paymentId.isEmpty())
        dialog->setPayment(paymentId);
    return dialog;
}

CreateAccountDialog *MainWindow::openCreateAccount()
{
    return present(new CreateAccountDialog(m_client, this));
}

AccountStatusDialog *MainWindow::openStatusChange(const QString &accountId, AccountStatus target)
{
    auto *dialog = present(new AccountStatusDialog(m_client, this));
    dialog->setTarget(target);
    if (!accountId.isEmpty())
        dialog->setAccount(accountId);
    return dialog;
}

AccountWindow *MainWindow::openAccount(const QString &accountId)
{
    if (accountId.isEmpty())
        return nullptr;
    auto *window = present(new AccountWindow(m_client, accountId, this));
    if (TimeTravelView *travel = timeTravel()) {
        connect(window, &AccountWindow::travelRequested, travel, [this, travel](qint64 position) {
            m_tabs->setCurrentWidget(travel);
            travel->travelTo(position);
        });
    }
    return window;
}

LedgerTableView *MainWindow::tableView(Tab tab) const
{
    return qobject_cast<LedgerTableView *>(m_tabs->widget(int(tab)));
}

void MainWindow::reloadCurrentTable()
{
    if (auto *view = qobject_cast<LedgerTableView *>(m_tabs->currentWidget()))
        view->reload();
}

} // namespace billing::ui
