#pragma once

#include "WindowedTableModel.h"

namespace billing::ui {

// The accounts projection as a live, windowed table.
class AccountsTableModel final : public WindowedTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountsTableModel)

public:
    using Column = AccountColumn;

    // The ledger file at `databasePath` (the embedded store).
    explicit AccountsTableModel(const QString &databasePath, QObject *parent = nullptr);
    explicit AccountsTableModel(const StoreLocation &location, QObject *parent = nullptr);

protected:
    QString columnTitle(int column) const override;
};

} // namespace billing::ui
