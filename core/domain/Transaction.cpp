#include "Transaction.h"

#include <array>

namespace billing {
namespace {

constexpr std::array allTypes = {TransactionType::Topup, TransactionType::Withdrawal,
                                 TransactionType::Transfer, TransactionType::Payment,
                                 TransactionType::Refund};

} // namespace

QString toString(TransactionType type)
{
    return eventStem(type).toUpper();
}

QString eventStem(TransactionType type)
{
    switch (type) {
    case TransactionType::Topup:
        return QStringLiteral("Topup");
    case TransactionType::Withdrawal:
        return QStringLiteral("Withdrawal");
    case TransactionType::Transfer:
        return QStringLiteral("Transfer");
    case TransactionType::Payment:
        return QStringLiteral("Payment");
    case TransactionType::Refund:
        return QStringLiteral("Refund");
    }
    return {};
}

QString toString(TransactionStatus status)
{
    switch (status) {
    case TransactionStatus::Pending:
        return QStringLiteral("pending");
    case TransactionStatus::Completed:
        return QStringLiteral("completed");
    case TransactionStatus::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

std::optional<TransactionType> transactionTypeFromString(const QString &text)
{
    for (TransactionType type : allTypes) {
        if (text.compare(toString(type), Qt::CaseInsensitive) == 0)
            return type;
    }
    return std::nullopt;
}

} // namespace billing
