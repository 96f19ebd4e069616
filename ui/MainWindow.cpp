#include "MainWindow.h"

#include "AccountsTableModel.h"
#include "AuditLogTableModel.h"
#include "LedgerTableView.h"
#include "TransactionsTableModel.h"
#include "infrastructure/StoreLocation.h"

#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>

namespace billing::ui {

MainWindow::MainWindow(LedgerStorage &storage, const QString &location, QWidget *parent)
    : QMainWindow(parent)
    , m_storage(storage)
{
    setWindowTitle(tr("Billing Desk"));
    resize(1100, 650);
    m_tabs = new QTabWidget(this);
    setCentralWidget(m_tabs);

    const Result<StoreLocation> parsed = StoreLocation::parse(location);
    if (parsed.ok() && parsed.value().kind == StoreLocation::Kind::Sqlite) {
        addTables(parsed.value().target);
    } else {
        auto *notice = new QLabel(tr("The live tables read the embedded store only."), m_tabs);
        notice->setAlignment(Qt::AlignCenter);
        m_tabs->addTab(notice, tr("Ledger"));
    }

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(tr("&Refresh"), QKeySequence::Refresh, this,
                        &MainWindow::reloadCurrentTable);
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    addViewMenu();

    statusBar()->addPermanentWidget(new QLabel(tr("Store: %1").arg(location), this));
}

void MainWindow::addTables(const QString &databasePath)
{
    m_tabs->addTab(new LedgerTableView(new AccountsTableModel(databasePath), m_tabs),
                   tr("&Accounts"));
    m_tabs->addTab(new LedgerTableView(new TransactionsTableModel(databasePath), m_tabs),
                   tr("&Transactions"));
    m_tabs->addTab(new LedgerTableView(new AuditLogTableModel(databasePath), m_tabs),
                   tr("Audit &log"));
}

void MainWindow::addViewMenu()
{
    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    const std::pair<QString, QKeySequence> tabs[] = {
        {tr("&Accounts"), QKeySequence(Qt::CTRL | Qt::Key_1)},
        {tr("&Transactions"), QKeySequence(Qt::CTRL | Qt::Key_2)},
        {tr("Audit &log"), QKeySequence(Qt::CTRL | Qt::Key_3)}};
    for (int tab = 0; tab < int(Tab::Count); ++tab) {
        QAction *action = viewMenu->addAction(tabs[tab].first, tabs[tab].second, this,
                                              [this, tab] { m_tabs->setCurrentIndex(tab); });
        action->setEnabled(tableView(Tab(tab)) != nullptr);
    }
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
