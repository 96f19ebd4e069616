#include "AsOfAccountsModel.h"

#include <QBrush>
#include <QColor>
#include <QFont>

namespace billing::ui {

AsOfAccountsModel::AsOfAccountsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void AsOfAccountsModel::setAccounts(const QList<AsOfAccount> &accounts,
                                    const QSet<QString> &changedNext)
{
    // Same accounts in the same order (a step that moved balances): only the cells change.
    const bool sameRows =
        accounts.size() == m_accounts.size() &&
        std::equal(accounts.cbegin(), accounts.cend(), m_accounts.cbegin(),
                   [](const AsOfAccount &a, const AsOfAccount &b) { return a.id == b.id; });
    if (!sameRows)
        beginResetModel();
    m_accounts = accounts;
    m_changedNext = changedNext;
    if (!sameRows)
        endResetModel();
    else if (!m_accounts.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int AsOfAccountsModel::rowOf(const QString &accountId) const
{
    for (qsizetype row = 0; row < m_accounts.size(); ++row) {
        if (m_accounts.at(row).id == accountId)
            return int(row);
    }
    return -1;
}

int AsOfAccountsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_accounts.size());
}

int AsOfAccountsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant AsOfAccountsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AsOfAccount &account = m_accounts.at(index.row());
    const bool changes = m_changedNext.contains(account.id);
    const auto column = Column(index.column());
    switch (role) {
    case ChangesNextRole:
        return changes;
    case Qt::BackgroundRole:
        return changes ? QBrush(QColor(255, 236, 179)) : QVariant();
    case Qt::FontRole: {
        if (!changes)
            return {};
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    case Qt::TextAlignmentRole:
        return column == Column::Balance ? QVariant((Qt::AlignRight | Qt::AlignVCenter).toInt())
                                         : QVariant();
    case SortRole:
        // Balances sort by value: units as a fixed-width, order-preserving key.
        if (column == Column::Balance) {
            const Units offset = Money::maxUnits() + 1;
            return QString::fromStdString((account.balance.units() + offset).str())
                .rightJustified(40, u'0');
        }
        return data(index, Qt::DisplayRole);
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (column) {
    case Column::Id:
        return account.id;
    case Column::Owner:
        return account.ownerId;
    case Column::Type:
        return account.type;
    case Column::CurrencyCode:
        return account.currency;
    case Column::Balance:
        return account.balance.toString(account.decimals);
    case Column::State:
        return account.status;
    case Column::Count:
        break;
    }
    return {};
}

QVariant AsOfAccountsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Column::Id:
        return tr("Account");
    case Column::Owner:
        return tr("Owner");
    case Column::Type:
        return tr("Type");
    case Column::CurrencyCode:
        return tr("Currency");
    case Column::Balance:
        return tr("Balance as of");
    case Column::State:
        return tr("Status");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace billing::ui
