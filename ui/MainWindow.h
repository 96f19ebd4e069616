#pragma once

#include "application/LedgerStorage.h"

#include <QMainWindow>

class QTabWidget;

namespace billing::ui {

class LedgerTableView;

// The desk's main window: the live Accounts, Transactions and Audit log tables over the
// projections. The tables read through their own connections on worker threads; `storage` is
// the command side the forms will use.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum class Tab { Accounts, Transactions, AuditLog, Count };

    MainWindow(LedgerStorage &storage, const QString &location, QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }
    LedgerTableView *tableView(Tab tab) const;

private:
    void addTables(const QString &databasePath);
    void addViewMenu();
    void reloadCurrentTable();

    LedgerStorage &m_storage;
    QTabWidget *m_tabs = nullptr;
};

} // namespace billing::ui
