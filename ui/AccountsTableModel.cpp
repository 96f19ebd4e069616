#include "AccountsTableModel.h"

namespace billing::ui {

AccountsTableModel::AccountsTableModel(const StoreLocation &location, QObject *parent)
    : WindowedTableModel(LedgerTable::Accounts, location, int(Column::Id), Qt::AscendingOrder,
                         parent)
{}

AccountsTableModel::AccountsTableModel(const QString &databasePath, QObject *parent)
    : AccountsTableModel(StoreLocation::sqlite(databasePath), parent)
{}

QString AccountsTableModel::columnTitle(int column) const
{
    switch (Column(column)) {
    case Column::Id:
        return tr("Account");
    case Column::Owner:
        return tr("Owner");
    case Column::Type:
        return tr("Type");
    case Column::CurrencyCode:
        return tr("Currency");
    case Column::Balance:
        return tr("Balance");
    case Column::State:
        return tr("Status");
    case Column::Updated:
        return tr("Updated (UTC)");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace billing::ui
