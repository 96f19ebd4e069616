#include "AuditLogTableModel.h"

namespace billing::ui {

// Newest first: the audit trail is read from the latest event back.
AuditLogTableModel::AuditLogTableModel(const StoreLocation &location, QObject *parent)
    : WindowedTableModel(LedgerTable::AuditLog, location, int(Column::Position),
                         Qt::DescendingOrder, parent)
{}

AuditLogTableModel::AuditLogTableModel(const QString &databasePath, QObject *parent)
    : AuditLogTableModel(StoreLocation::sqlite(databasePath), parent)
{}

QString AuditLogTableModel::columnTitle(int column) const
{
    switch (Column(column)) {
    case Column::Position:
        return tr("Position");
    case Column::Time:
        return tr("Time (UTC)");
    case Column::Action:
        return tr("Action");
    case Column::Entity:
        return tr("Entity");
    case Column::Operator:
        return tr("Operator");
    case Column::CorrelationId:
        return tr("Correlation ID");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace billing::ui
