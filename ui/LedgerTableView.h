#pragma once

#include "application/TableQuery.h"

#include <QTimer>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QTableView;

namespace billing::ui {

class WindowedTableModel;

// One of the desk's tables with its filters: free text, type, status, currency and a date
// range, and for the event history an account, a correlation id and an operator. It only reads:
// filters and sorting go to the model, which asks SQL.
class LedgerTableView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LedgerTableView)

public:
    // Takes the model as a child.
    explicit LedgerTableView(WindowedTableModel *model, QWidget *parent = nullptr);

    WindowedTableModel *model() const { return m_model; }
    QTableView *tableView() const { return m_tableView; }
    void reload();
    // The record (account, transaction, entity) of the current row; empty when none.
    QString currentRecordId() const;
    QString currentRowKey() const { return m_selectedKey; }
    // Fills the context menu of a row; the view adds copy and export entries itself.
    using MenuFiller =
        std::function<void(QMenu &, const QString &recordId, const QModelIndex &index)>;
    void setMenuFiller(MenuFiller filler) { m_menuFiller = std::move(filler); }
    // The context menu of the row at `index` (none: the table's own entries only).
    void fillContextMenu(QMenu &menu, const QModelIndex &index);
    // The rows of the current sort and filter as CSV, off the UI thread with progress.
    void exportRows();
    // Puts `text` into the free-text filter, as if typed.
    void setFilterText(const QString &text);
    // The event history's exact filters: one saga, one account with its transactions. Other
    // tables have no such fields and ignore these.
    void setCorrelationFilter(const QString &correlationId);
    void setAccountFilter(const QString &accountId);

Q_SIGNALS:
    void recordActivated(const QString &recordId);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void sizeColumnsOnce();
    QComboBox *addChoices(const QString &allText, const QStringList &choices);
    QLineEdit *addExactFilter(const QString &placeholder);
    void setExactFilter(QLineEdit *edit, const QString &text);
    void applyFilter();
    void showRowCount();
    void keepSelection();
    void showContextMenu(const QPoint &position);

    WindowedTableModel *m_model = nullptr;
    QLineEdit *m_textEdit = nullptr;
    QComboBox *m_typeCombo = nullptr;
    QComboBox *m_statusCombo = nullptr;
    QComboBox *m_currencyCombo = nullptr;
    QLineEdit *m_fromEdit = nullptr;
    QLineEdit *m_toEdit = nullptr;
    QLineEdit *m_accountEdit = nullptr; // the event history's exact filters, null elsewhere
    QLineEdit *m_correlationEdit = nullptr;
    QLineEdit *m_operatorEdit = nullptr;
    QTableView *m_tableView = nullptr;
    QLabel *m_rowCountLabel = nullptr;
    QTimer m_filterTimer;
    bool m_columnsSized = false;
    QString m_selectedKey;
    MenuFiller m_menuFiller;
};

} // namespace billing::ui
