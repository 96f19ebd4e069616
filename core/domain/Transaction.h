#pragma once

#include "Money.h"

#include <QString>

#include <optional>

namespace billing {

// One byte each: they sit in every transaction the ledger holds.
enum class TransactionType : quint8 { Topup, Withdrawal, Transfer, Payment, Refund };
enum class TransactionStatus : quint8 { Pending, Completed, Failed };

QString toString(TransactionType type);
QString toString(TransactionStatus status);
std::optional<TransactionType> transactionTypeFromString(const QString &text);
// The event-name stem: "Topup", "Withdrawal", ... ("TopupRequested").
QString eventStem(TransactionType type);

// The transaction aggregate's state, changed only by LedgerState::apply. LedgerState keeps the
// strings shared: the account ids with the accounts' own, the payment id with the payment's,
// the currency and failure reason with every other transaction that names the same one.
struct Transaction
{
    QString id;
    QString currency;
    QString sourceAccountId;
    QString destinationAccountId;
    QString paymentId; // refunds: the payment they give back
    QString failureReason;
    Money amount;
    Money refunded; // payments: the sum of completed refunds
    qint64 version = 0;
    TransactionType type = TransactionType::Topup;
    TransactionStatus status = TransactionStatus::Pending;
};

} // namespace billing
