#pragma once

#include "WindowedTableModel.h"

namespace billing::ui {

// The audit log projection as a live, windowed table.
class AuditLogTableModel final : public WindowedTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuditLogTableModel)

public:
    using Column = AuditColumn;

    // The ledger file at `databasePath` (the embedded store).
    explicit AuditLogTableModel(const QString &databasePath, QObject *parent = nullptr);
    explicit AuditLogTableModel(const StoreLocation &location, QObject *parent = nullptr);

protected:
    QString columnTitle(int column) const override;
};

} // namespace billing::ui
