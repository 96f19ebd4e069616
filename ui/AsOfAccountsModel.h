#pragma once

#include "domain/Money.h"

#include <QAbstractTableModel>
#include <QSet>

namespace billing::ui {

// One account as it stood at the time-travel point.
struct AsOfAccount
{
    QString id;
    QString ownerId;
    QString type;
    QString currency;
    QString status;
    Money balance;
    int decimals = 2;
};

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

    void setAccounts(const QList<AsOfAccount> &accounts, const QSet<QString> &changedNext);
    const QList<AsOfAccount> &accounts() const { return m_accounts; }
    int rowOf(const QString &accountId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<AsOfAccount> m_accounts;
    QSet<QString> m_changedNext;
};

} // namespace billing::ui
