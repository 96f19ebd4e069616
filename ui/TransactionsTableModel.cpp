#include "TransactionsTableModel.h"

namespace billing::ui {

// Newest first, as a desk reads a ledger.
TransactionsTableModel::TransactionsTableModel(const StoreLocation &location, QObject *parent)
    : WindowedTableModel(LedgerTable::Transactions, location, int(Column::Time),
                         Qt::DescendingOrder, parent)
{}

TransactionsTableModel::TransactionsTableModel(const QString &databasePath, QObject *parent)
    : TransactionsTableModel(StoreLocation::sqlite(databasePath), parent)
{}

QString TransactionsTableModel::columnTitle(int column) const
{
    switch (Column(column)) {
    case Column::Time:
        return tr("Time (UTC)");
    case Column::Type:
        return tr("Type");
    case Column::Account:
        return tr("Account");
    case Column::Counterparty:
        return tr("Counterparty");
    case Column::Amount:
        return tr("Amount");
    case Column::CurrencyCode:
        return tr("Currency");
    case Column::State:
        return tr("Status");
    case Column::Reference:
        return tr("Reference");
    case Column::CorrelationId:
        return tr("Correlation ID");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace billing::ui
