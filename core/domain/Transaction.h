#pragma once

#include "Money.h"

#include <QString>

#include <optional>

namespace billing {

enum class TransactionType { Topup, Withdrawal, Transfer, Payment, Refund };
enum class TransactionStatus { Pending, Completed, Failed };

QString toString(TransactionType type);
QString toString(TransactionStatus status);
std::optional<TransactionType> transactionTypeFromString(const QString &text);
// The event-name stem: "Topup", "Withdrawal", ... ("TopupRequested").
QString eventStem(TransactionType type);

// The transaction aggregate's state, changed only by LedgerState::apply.
struct Transaction
{
    QString id;
    TransactionType type = TransactionType::Topup;
    TransactionStatus status = TransactionStatus::Pending;
    Money amount;
    QString currency;
    QString sourceAccountId;
    QString destinationAccountId;
    QString paymentId; // refunds: the payment they give back
    Money refunded;    // payments: the sum of completed refunds
    QString failureReason;
    qint64 version = 0;
};

} // namespace billing
