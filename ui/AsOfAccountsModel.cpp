#include "AsOfAccountsModel.h"

#include "AmountText.h"
#include "LedgerTerms.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <algorithm>
#include <numeric>
#include <utility>

namespace billing::ui {

AsOfAccountsModel::AsOfAccountsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void AsOfAccountsModel::setAccounts(const AccountsAsOf &accounts, const QSet<QString> &changedNext,
                                    const QHash<QString, int> &decimalsByCurrency)
{
    m_decimals = decimalsByCurrency;
    // Other accounts, or an order that depends on balances or statuses: shown anew.
    if (accounts.size() != m_accounts.size() || !isFixed(m_sortColumn)) {
        beginResetModel();
        m_accounts = accounts;
        m_changedNext = changedNext;
        order();
        endResetModel();
        return;
    }
    // The same rows in the same order: only the cells that moved, and the highlights that came
    // or went, are announced.
    std::vector<qint32> moved;
    for (qsizetype row = 0; row < accounts.size(); ++row) {
        if (accounts.balance(row) != m_accounts.balance(row) ||
            accounts.status(row) != m_accounts.status(row))
            moved.push_back(m_shownRow[size_t(row)]);
    }
    std::vector<qint32> highlighted;
    for (const QSet<QString> *ids : {&std::as_const(m_changedNext), &changedNext}) {
        for (const QString &id : *ids) {
            const qsizetype row = accounts.rowOf(id);
            if (row >= 0 && changedNext.contains(id) != m_changedNext.contains(id))
                highlighted.push_back(m_shownRow[size_t(row)]);
        }
    }
    m_accounts = accounts;
    m_changedNext = changedNext;
    const int firstMoving = int(Column::Balance);
    const int lastMoving = int(Column::State);
    // A far jump moves most rows: one signal then, rather than thousands.
    constexpr size_t manyRows = 64;
    if (moved.size() > manyRows) {
        const auto [first, last] = std::minmax_element(moved.cbegin(), moved.cend());
        Q_EMIT dataChanged(index(*first, firstMoving), index(*last, lastMoving));
    } else {
        for (const qint32 row : moved)
            Q_EMIT dataChanged(index(row, firstMoving), index(row, lastMoving));
    }
    for (const qint32 row : highlighted)
        Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
}

void AsOfAccountsModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= int(Column::Count))
        return;
    beginResetModel();
    m_sortColumn = Column(column);
    m_sortOrder = order;
    this->order();
    endResetModel();
}

bool AsOfAccountsModel::less(qint32 a, qint32 b) const
{
    const AccountFacts &x = m_accounts.facts(a);
    const AccountFacts &y = m_accounts.facts(b);
    // Ties fall back to owner, currency and id, so that every order is total and stable.
    const auto rest = [&] {
        return std::tie(x.ownerId, x.currency, x.id) < std::tie(y.ownerId, y.currency, y.id);
    };
    switch (m_sortColumn) {
    case Column::Id:
        return x.id < y.id;
    case Column::Type:
        return x.type != y.type ? x.type < y.type : rest();
    case Column::CurrencyCode:
        return x.currency != y.currency ? x.currency < y.currency : rest();
    case Column::Balance: {
        const Money &p = m_accounts.balance(a);
        const Money &q = m_accounts.balance(b);
        return p != q ? p < q : rest();
    }
    case Column::State: {
        const AccountStatus p = m_accounts.status(a);
        const AccountStatus q = m_accounts.status(b);
        return p != q ? p < q : rest();
    }
    case Column::Owner:
    case Column::Count:
        break;
    }
    return rest();
}

const std::vector<qint32> &AsOfAccountsModel::fixedOrder()
{
    if (m_fixedOrderColumn != m_sortColumn ||
        qsizetype(m_fixedOrder.size()) != m_accounts.knownCount()) {
        m_fixedOrder.resize(size_t(m_accounts.knownCount()));
        std::iota(m_fixedOrder.begin(), m_fixedOrder.end(), 0);
        std::sort(m_fixedOrder.begin(), m_fixedOrder.end(),
                  [this](qint32 a, qint32 b) { return less(a, b); });
        m_fixedOrderColumn = m_sortColumn;
    }
    return m_fixedOrder;
}

void AsOfAccountsModel::order()
{
    const auto shown = size_t(m_accounts.size());
    m_order.clear();
    m_order.reserve(shown);
    if (isFixed(m_sortColumn)) {
        for (const qint32 row : fixedOrder()) {
            if (size_t(row) < shown)
                m_order.push_back(row);
        }
    } else {
        m_order.resize(shown);
        std::iota(m_order.begin(), m_order.end(), 0);
        std::sort(m_order.begin(), m_order.end(),
                  [this](qint32 a, qint32 b) { return less(a, b); });
    }
    if (m_sortOrder == Qt::DescendingOrder)
        std::reverse(m_order.begin(), m_order.end());
    m_shownRow.assign(shown, -1);
    for (size_t at = 0; at < shown; ++at)
        m_shownRow[size_t(m_order[at])] = qint32(at);
}

int AsOfAccountsModel::rowOf(const QString &accountId) const
{
    const qsizetype row = m_accounts.rowOf(accountId);
    return row < 0 ? -1 : m_shownRow[size_t(row)];
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
    const qsizetype row = m_order[size_t(index.row())];
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
    case Qt::DisplayRole:
    case storedValueRole:
        break;
    default:
        return {};
    }
    // Codes in words for the eye, as stored for exports.
    const auto shown = [role](const QString &code) {
        return role == storedValueRole ? code : LedgerTerms::label(code);
    };
    switch (column) {
    case Column::Id:
        return account.id;
    case Column::Owner:
        return account.ownerId;
    case Column::Type:
        return shown(toString(account.type));
    case Column::CurrencyCode:
        return account.currency;
    case Column::Balance: {
        const QString text = balance.toString(m_decimals.value(account.currency, Money::scale));
        return role == storedValueRole ? text : AmountText::shown(text);
    }
    case Column::State:
        return shown(toString(m_accounts.status(row)));
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
