#pragma once

#include "application/TableQuery.h"

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace billing::ui {

class WindowedTableModel;

// One of the desk's tables with its filters: free text, type, status, currency and a date
// range. It only reads: filters and sorting go to the model, which asks SQL.
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

private:
    QComboBox *addChoices(const QString &allText, const QStringList &choices);
    void applyFilter();
    void showRowCount();

    WindowedTableModel *m_model = nullptr;
    QLineEdit *m_textEdit = nullptr;
    QComboBox *m_typeCombo = nullptr;
    QComboBox *m_statusCombo = nullptr;
    QComboBox *m_currencyCombo = nullptr;
    QLineEdit *m_fromEdit = nullptr;
    QLineEdit *m_toEdit = nullptr;
    QTableView *m_tableView = nullptr;
    QLabel *m_rowCountLabel = nullptr;
    QTimer m_filterTimer;
    bool m_columnsSized = false;
};

} // namespace billing::ui
