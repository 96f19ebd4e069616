#include "StatementModel.h"

#include "AmountText.h"
#include "LedgerTerms.h"
#include "ReasonText.h"

namespace billing::ui {

StatementModel::StatementModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void StatementModel::setLines(const QList<StatementLine> &lines, int decimals)
{
    beginResetModel();
    m_lines = lines;
    m_decimals = decimals;
    endResetModel();
}

int StatementModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int StatementModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant StatementModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StatementLine &line = m_lines.at(index.row());
    const auto column = Column(index.column());
    if (role == TransactionIdRole)
        return line.leg.transactionId;
    if (role == Qt::TextAlignmentRole && (column == Column::Amount || column == Column::Balance))
        return (Qt::AlignRight | Qt::AlignVCenter).toInt();
    if (role == storedValueRole) {
        // Exports keep the codes: the type, and the status with the reason of a refusal.
        if (column == Column::Type)
            return line.leg.type;
        if (column == Column::State)
            return line.leg.failureReason.isEmpty()
                       ? line.leg.status
                       : QStringLiteral("%1 (%2)").arg(line.leg.status, line.leg.failureReason);
        if (column == Column::Amount)
            return line.leg.amount.toString(m_decimals);
        if (column == Column::Balance && line.booked)
            return line.balanceAfter.toString(m_decimals);
        return data(index, Qt::DisplayRole);
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Column::Time:
        return line.leg.createdAt;
    case Column::Type:
        return LedgerTerms::label(line.leg.type);
    case Column::Counterparty:
        return line.leg.counterpartyId;
    case Column::Amount:
        return AmountText::shown(line.leg.amount.toString(m_decimals));
    case Column::Balance:
        // A refused transaction moved nothing: its line shows no balance of its own.
        return line.booked ? AmountText::shown(line.balanceAfter.toString(m_decimals))
                           : QStringLiteral("—");
    case Column::State:
        // The reason in the user's words; the audit log keeps its code.
        return line.leg.failureReason.isEmpty()
                   ? LedgerTerms::label(line.leg.status)
                   : tr("%1 (%2)").arg(LedgerTerms::label(line.leg.status),
                                       ReasonText::describe(line.leg.failureReason));
    case Column::Reference:
        return line.leg.reference;
    case Column::Count:
        break;
    }
    return {};
}

QVariant StatementModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Column::Time:
        return tr("Time (UTC)");
    case Column::Type:
        return tr("Type");
    case Column::Counterparty:
        return tr("Counterparty");
    case Column::Amount:
        return tr("Amount");
    case Column::Balance:
        return tr("Balance");
    case Column::State:
        return tr("Status");
    case Column::Reference:
        return tr("Reference");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace billing::ui
