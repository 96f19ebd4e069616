#pragma once

#include "application/AccountTimeline.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

#include <vector>

namespace billing::ui {

// The accounts at the time-travel point, read-only. Accounts that the next event changes are
// highlighted, so that a step forward shows exactly what moves.
//
// The model sorts itself rather than sitting behind a QSortFilterProxyModel: at 100,000 accounts
// a proxy's re-sort through QVariant takes seconds, while here the order of the columns that never
// change (id, owner, type, currency) is sorted once and only filtered for each point, and a point
// that only moves balances announces just those cells.
class AsOfAccountsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AsOfAccountsModel)

public:
    enum class Column { Id, Owner, Type, CurrencyCode, Balance, State, Count };
    static constexpr int ChangesNextRole = Qt::UserRole;

    explicit AsOfAccountsModel(QObject *parent = nullptr);

    void setAccounts(const AccountsAsOf &accounts, const QSet<QString> &changedNext,
                     const QHash<QString, int> &decimalsByCurrency);
    const AccountsAsOf &accounts() const { return m_accounts; }
    // The shown row of an account, or -1.
    int rowOf(const QString &accountId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    static bool isFixed(Column column)
    {
        return column != Column::Balance && column != Column::State;
    }
    // Fills m_order (shown row → account row) and m_shownRow for the current point and sort.
    void order();
    // For a column that never changes: every known account, sorted once.
    const std::vector<qint32> &fixedOrder();
    bool less(qint32 a, qint32 b) const;

    AccountsAsOf m_accounts;
    QSet<QString> m_changedNext;
    QHash<QString, int> m_decimals;
    Column m_sortColumn = Column::Owner;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    std::vector<qint32> m_order;
    std::vector<qint32> m_shownRow;
    std::vector<qint32> m_fixedOrder;
    Column m_fixedOrderColumn = Column::Count;
};

} // namespace billing::ui
