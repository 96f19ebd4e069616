#pragma once

#include "DeskSettings.h"
#include "domain/Account.h"
#include "domain/Transaction.h"

#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace billing {
struct StoreLocation;
}

namespace billing::ui {

class AccountWindow;
class DeskServeRole;
class EventHistoryView;
class LedgerVerification;
class TimeTravelView;
class AccountStatusDialog;
class CreateAccountDialog;
class LedgerClient;
class LedgerTableView;
class MoveMoneyDialog;
class RefundDialog;

// The desk's main window: the live Accounts, Transactions and Audit log tables over the
// projections, the command forms behind menus, shortcuts and context menus, and a status bar
// that says where the ledger is and how it is doing. Every read and write goes through the
// LedgerClient, off this thread.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    static constexpr int healthIntervalMs = 1000;
    enum class Tab { Accounts, Transactions, AuditLog, Events, TimeTravel, Count };

    MainWindow(LedgerClient &client, const DeskSettings &settings, QWidget *parent = nullptr);

    QTabWidget *tabs() const { return m_tabs; }
    LedgerTableView *tableView(Tab tab) const;
    EventHistoryView *eventHistory() const;
    TimeTravelView *timeTravel() const;
    // Runs "Verify ledger" with its progress and report.
    LedgerVerification *verifyLedger(bool showReport = true);
    QLabel *healthLabel() const { return m_healthLabel; }
    // With the serve role (DeskSettings::serveRole, --serve) on a distributed ledger: this desk's
    // decision maker; null otherwise, also when the role was refused (an auditor's desk).
    DeskServeRole *serveRole() const { return m_serveRole; }

    // The forms open without blocking; they delete themselves when closed.
    MoveMoneyDialog *openMoveMoney(TransactionType type, const QString &firstAccount = {});
    RefundDialog *openRefund(const QString &paymentId = {});
    CreateAccountDialog *openCreateAccount();
    AccountStatusDialog *openStatusChange(const QString &accountId = {},
                                          AccountStatus target = AccountStatus::Suspended);
    AccountWindow *openAccount(const QString &accountId);
    // Fills an empty ledger with demo data behind a progress dialog with a cancel button.
    void addDemoData();
    // Runs the money commands of a CSV file (the billing-cli import format) in durable batches,
    // with progress and cancel, and reports what became of them.
    void importFile(const QString &path);
    // Empties the projections and rebuilds them from the log, with progress and cancel.
    void rebuildProjections();
    // Fill an empty ledger with demo data as soon as it is open, without asking.
    void setDemoDataWhenEmpty(bool enabled) { m_demoDataWhenEmpty = enabled; }

Q_SIGNALS:
    void demoDataAdded(int commands);
    // `position` is where the projections stand; `complete` is false when cancelled or failed.
    void projectionsRebuilt(qint64 position, bool complete);
    void imported(int completed, int rejected, int invalid);

private:
    void addTables(const StoreLocation &location);
    void addAuditMenu();
    void addMenus();
    void addCommandAction(QMenu *menu, const QString &text, const QKeySequence &shortcut,
                          const std::function<void()> &slot);
    void addContextMenus();
    void addServeRole();
    void onOpened();
    void checkHealth();
    void showSettings();
    void reloadCurrentTable();
    template<typename Dialog>
    Dialog *present(Dialog *dialog);

    LedgerClient &m_client;
    DeskSettings m_settings;
    // The role the desk was opened with: a role changed in the settings applies from the next
    // start, as the settings say (the ledger was opened read-only or not).
    const bool m_auditor;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_storeLabel = nullptr;
    QLabel *m_healthLabel = nullptr;
    QLabel *m_lagLabel = nullptr;
    QLabel *m_operatorLabel = nullptr;
    DeskServeRole *m_serveRole = nullptr;
    QList<QAction *> m_commandActions;
    bool m_demoDataWhenEmpty = false;
};

} // namespace billing::ui
