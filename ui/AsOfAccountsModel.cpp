#include "AsOfAccountsModel.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <algorithm>

namespace billing::ui {

AsOfAccountsModel::AsOfAccountsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void AsOfAccountsModel::setAccounts(const AccountsAsOf &accounts,
                                    const QSet<QString> &changedNext,
                                    const QHash<QString, int> &decimalsByCurrency)
{
    const qsizetype before = m_accounts.size();
    const qsizetype after = accounts.size();
    const qsizetype common = std::min(before, after);
    // Rows whose balance or status differ, and rows whose highlight (what the next event moves)
    // comes or goes. Only those cells are announced: a proxy sorted by another column then has
    // nothing to re-sort, which at 100,000 accounts is the difference between instant and not.
    QList<qsizetype> moved;
    QList<qsizetype> highlighted;
    for (qsizetype row = 0; row < common; ++row) {
        if (accounts.balance(row) != m_accounts.balance(row) ||
            accounts.status(row) != m_accounts.status(row))
            moved.append(row);
    }
    for (const QSet<QString> *ids : {static_cast<const QSet<QString> *>(&m_changedNext), &changedNext}) {
        for (const QString &id : *ids) {
            const qsizetype row = accounts.rowOf(id);
            if (row >= 0 && row < common && changedNext.contains(id) != m_changedNext.contains(id))
                highlighted.append(row);
        }
    }
    m_decimals = decimalsByCurrency;
    if (after < before) {
        beginRemoveRows({}, int(after), int(before - 1));
        m_accounts = accounts;
        m_changedNext = changedNext;
        endRemoveRows();
    } else if (after > before) {
        beginInsertRows({}, int(before), int(after - 1));
        m_accounts = accounts;
        m_changedNext = changedNext;
        endInsertRows();
    } else {
        m_accounts = accounts;
        m_changedNext = changedNext;
    }
    const int firstMoving = int(Column::Balance);
    const int lastMoving = int(Column::State);
    // A far jump changes most rows: one signal then, rather than thousands.
    constexpr qsizetype manyRows = 64;
    if (moved.size() > manyRows) {
        Q_EMIT dataChanged(index(int(moved.first()), firstMoving),
                           index(int(moved.last()), lastMoving));
    } else {
        for (const qsizetype row : moved)
            Q_EMIT dataChanged(index(int(row), firstMoving), index(int(row), lastMoving));
    }
    for (const qsizetype row : highlighted)
        Q_EMIT dataChanged(index(int(row), 0), index(int(row), columnCount() - 1));
}

int AsOfAccountsModel::rowOf(const QString &accountId) const
{
    return int(m_accounts.rowOf(accountId));
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
    const qsizetype row = index.row();
    const AccountFacts &account = m_accounts.facts(row);
    const Money &balance = m_accounts.balance(row);
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
            return QString::fromStdString((balance.units() + offset).str())
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
        return toString(account.type);
    case Column::CurrencyCode:
        return account.currency;
    case Column::Balance:
        return balance.toString(m_decimals.value(account.currency, Money::scale));
    case Column::State:
        return toString(m_accounts.status(row));
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
