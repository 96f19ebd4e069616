#pragma once

#include "application/AccountStatement.h"

#include <QDialog>

class QLabel;
class QTableView;
class QTableWidget;

namespace billing::ui {

class LedgerClient;
class StatementModel;

// One account: who owns it, its balance and limits, its statement with a running balance and
// its status history. It follows the ledger: every write this desk makes reloads it.
class AccountWindow final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountWindow)

public:
    static constexpr int statementLinesMax = 1000;

    AccountWindow(LedgerClient &client, const QString &accountId, QWidget *parent = nullptr);

    StatementModel *statement() const { return m_statement; }
    QTableWidget *historyTable() const { return m_historyTable; }
    QLabel *headerLabel() const { return m_headerLabel; }
    void reload();
    // The statement as CSV, exactly as shown.
    QString statementCsv() const;

Q_SIGNALS:
    void loaded();

private:
    void display(const Result<AccountStatement> &statement,
                 const Result<QList<AuditEntryView>> &history);
    void exportStatement();

    LedgerClient &m_client;
    QString m_accountId;
    QLabel *m_headerLabel = nullptr;
    StatementModel *m_statement = nullptr;
    QTableView *m_statementView = nullptr;
    QTableWidget *m_historyTable = nullptr;
    QLabel *m_truncatedLabel = nullptr;
};

} // namespace billing::ui
