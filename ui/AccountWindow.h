#pragma once

#include "application/AccountStatement.h"

#include <QDate>
#include <QDialog>

class QLabel;
class QTableView;
class QTableWidget;

namespace billing::ui {

class LedgerClient;
class BalanceChart;
class StatementModel;

// One account: who owns it, its balance and limits, its statement with a running balance and
// its status history. It follows the ledger: every write this desk makes reloads it.
class AccountWindow final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountWindow)

public:
    static constexpr int statementLinesMax = 1000;
    // How often the view looks whether the projections moved (another desk, billing-cli).
    static constexpr int followIntervalMs = 500;

    AccountWindow(LedgerClient &client, const QString &accountId, QWidget *parent = nullptr);

    StatementModel *statement() const { return m_statement; }
    QTableView *statementView() const { return m_statementView; }
    QTableWidget *historyTable() const { return m_historyTable; }
    QLabel *headerLabel() const { return m_headerLabel; }
    BalanceChart *chart() const { return m_chart; }
    void reload();
    // The statement as CSV, exactly as shown.
    QString statementCsv() const;
    // A PDF statement of the days [from, to] (UTC), from the log, written to `path`.
    void writePeriodPdf(const QDate &from, const QDate &to, const QString &path);

Q_SIGNALS:
    // A read of the account finished (shown again only when something of it changed).
    void loaded();
    // A point of the balance chart was clicked: the time-travel view should go there.
    void travelRequested(qint64 position);
    void periodPdfWritten(const QString &path, const QString &opening, const QString &closing);
    void periodPdfFailed(const QString &message);

private:
    // What the view shows of a statement, to tell a change from a move of other accounts.
    static QString contentKey(const AccountStatement &statement);
    void display(const Result<AccountStatement> &statement,
                 const Result<QList<AuditEntryView>> &history);
    // Reloads when the projections stand elsewhere than when the view was last loaded.
    void follow();
    void exportStatement();
    void askPeriodPdf();

    LedgerClient &m_client;
    QString m_accountId;
    QLabel *m_headerLabel = nullptr;
    StatementModel *m_statement = nullptr;
    QTableView *m_statementView = nullptr;
    QTableWidget *m_historyTable = nullptr;
    BalanceChart *m_chart = nullptr;
    QLabel *m_truncatedLabel = nullptr;
    qint64 m_shownCheckpoint = -1; // the projections' position the view shows
    QString m_shownContent;        // contentKey() of what the view shows
    bool m_following = false;      // a look is queued or running
    bool m_reloading = false;      // a read is queued or running
    bool m_reloadAgain = false;    // asked for while one was: read once more after it
};

} // namespace billing::ui
