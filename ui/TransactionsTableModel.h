#pragma once

#include "WindowedTableModel.h"

namespace billing::ui {

// The transaction legs projection as a live, windowed table.
class TransactionsTableModel final : public WindowedTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransactionsTableModel)

public:
    using Column = TransactionColumn;

    // The ledger file at `databasePath` (the embedded store).
    explicit TransactionsTableModel(const QString &databasePath, QObject *parent = nullptr);
    explicit TransactionsTableModel(const StoreLocation &location, QObject *parent = nullptr);

protected:
    QString columnTitle(int column) const override;
};

} // namespace billing::ui
