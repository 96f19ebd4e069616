#include "MainWindow.h"

#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QVBoxLayout>

namespace billing::ui {

MainWindow::MainWindow(LedgerStorage &storage, const QString &location, QWidget *parent)
    : QMainWindow(parent)
    , m_storage(storage)
{
    setWindowTitle(tr("Billing Desk"));
    resize(960, 600);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    m_summaryLabel = new QLabel(central);
    m_summaryLabel->setAlignment(Qt::AlignCenter);
    m_summaryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summaryLabel);
    setCentralWidget(central);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(tr("&Refresh"), QKeySequence::Refresh, this, &MainWindow::refreshSummary);
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);

    statusBar()->addPermanentWidget(new QLabel(tr("Store: %1").arg(location), this));
    refreshSummary();
}

void MainWindow::refreshSummary()
{
    const Result<qint64> events = m_storage.events().lastPosition();
    const Result<QList<AccountView>> accounts = m_storage.projections().accounts({});
    if (!events.ok() || !accounts.ok()) {
        m_summaryLabel->setText(tr("The ledger could not be read."));
        return;
    }
    m_summaryLabel->setText(tr("Ledger open: %n event(s)", nullptr, int(events.value())) +
                            QLatin1Char('\n') +
                            tr("%n account(s)", nullptr, int(accounts.value().size())));
}

} // namespace billing::ui
