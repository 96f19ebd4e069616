#pragma once

#include "application/AccountTimeline.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

namespace billing::ui {

// The accounts at the time-travel point, read-only. Accounts that the next event changes are
// highlighted, so that a step forward shows exactly what moves.
class AsOfAccountsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AsOfAccountsModel)

public:
    enum class Column { Id, Owner, Type, CurrencyCode, Balance, State, Count };
    static constexpr int ChangesNextRole = Qt::UserRole;
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit AsOfAccountsModel(QObject *parent = nullptr);

    // Rows are accounts in the order they were opened, so a new point only appends, removes
    // at the end or changes cells: a sorting proxy then moves only the rows that changed.
    void setAccounts(const AccountsAsOf &accounts, const QSet<QString> &changedNext,
                     const QHash<QString, int> &decimalsByCurrency);
    const AccountsAsOf &accounts() const { return m_accounts; }
    int rowOf(const QString &accountId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    AccountsAsOf m_accounts;
    QSet<QString> m_changedNext;
    QHash<QString, int> m_decimals;
};

} // namespace billing::ui
