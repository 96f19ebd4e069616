#pragma once

#include "WindowedTableModel.h"

namespace billing::ui {

// Every event of the log in global order, windowed like the other tables.
class EventsTableModel final : public WindowedTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventsTableModel)

public:
    using Column = EventColumn;

    // The ledger file at `databasePath` (the embedded store).
    explicit EventsTableModel(const QString &databasePath, QObject *parent = nullptr);
    explicit EventsTableModel(const StoreLocation &location, QObject *parent = nullptr);

protected:
    QString columnTitle(int column) const override;
};

} // namespace billing::ui
