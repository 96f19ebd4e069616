#pragma once

#include "application/AccountStatement.h"

#include <QAbstractTableModel>

namespace billing::ui {

// An account's statement lines, newest first, with the running balance.
class StatementModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatementModel)

public:
    enum class Column { Time, Type, Counterparty, Amount, Balance, State, Reference, Count };
    static constexpr int TransactionIdRole = Qt::UserRole;

    explicit StatementModel(QObject *parent = nullptr);

    void setLines(const QList<StatementLine> &lines, int decimals);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<StatementLine> m_lines;
    int m_decimals = 2;
};

} // namespace billing::ui
