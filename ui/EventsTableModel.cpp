#include "EventsTableModel.h"

namespace billing::ui {

EventsTableModel::EventsTableModel(const StoreLocation &location, QObject *parent)
    : WindowedTableModel(LedgerTable::Events, location, int(Column::Position), Qt::DescendingOrder,
                         parent)
{}

EventsTableModel::EventsTableModel(const QString &databasePath, QObject *parent)
    : EventsTableModel(StoreLocation::sqlite(databasePath), parent)
{}

QString EventsTableModel::columnTitle(int column) const
{
    switch (Column(column)) {
    case Column::Position:
        return tr("Position");
    case Column::Time:
        return tr("Time (UTC)");
    case Column::Type:
        return tr("Event");
    case Column::Aggregate:
        return tr("Aggregate");
    case Column::Version:
        return tr("Version");
    case Column::CorrelationId:
        return tr("Correlation ID");
    case Column::CausationId:
        return tr("Causation ID");
    case Column::Operator:
        return tr("Operator");
    case Column::Summary:
        return tr("Summary");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace billing::ui
