#pragma once

#include <QString>

// Stable codes for every business and input outcome. Programs (the CLI's JSON, tests, the
// distributed mode) compare these strings; the UI translates them.
namespace billing::reason {
// Amount input.
inline const QString amountEmpty = QStringLiteral("AMOUNT_EMPTY");
inline const QString amountFormat = QStringLiteral("AMOUNT_FORMAT");
inline const QString amountExponent = QStringLiteral("AMOUNT_EXPONENT");
inline const QString amountGrouping = QStringLiteral("AMOUNT_GROUPING");
inline const QString amountNotFinite = QStringLiteral("AMOUNT_NOT_FINITE");
inline const QString amountNegative = QStringLiteral("AMOUNT_NEGATIVE");
inline const QString amountNotPositive = QStringLiteral("AMOUNT_NOT_POSITIVE");
inline const QString amountTooPrecise = QStringLiteral("AMOUNT_TOO_PRECISE");
inline const QString amountOutOfRange = QStringLiteral("AMOUNT_OUT_OF_RANGE");
// Other input.
inline const QString currencyUnknown = QStringLiteral("CURRENCY_UNKNOWN");
inline const QString currencyInactive = QStringLiteral("CURRENCY_INACTIVE");
inline const QString invalidArgument = QStringLiteral("INVALID_ARGUMENT");
inline const QString idempotencyConflict = QStringLiteral("IDEMPOTENCY_CONFLICT");
// Business rules.
inline const QString accountNotFound = QStringLiteral("ACCOUNT_NOT_FOUND");
inline const QString accountExists = QStringLiteral("ACCOUNT_ALREADY_EXISTS");
inline const QString accountNotActive = QStringLiteral("ACCOUNT_NOT_ACTIVE");
inline const QString accountClosed = QStringLiteral("ACCOUNT_CLOSED");
inline const QString accountTypeMismatch = QStringLiteral("ACCOUNT_TYPE_MISMATCH");
inline const QString accountsMustDiffer = QStringLiteral("ACCOUNTS_MUST_BE_DIFFERENT");
inline const QString currencyMismatch = QStringLiteral("CURRENCY_MISMATCH");
inline const QString insufficientFunds = QStringLiteral("INSUFFICIENT_FUNDS");
inline const QString balanceAboveMaximum = QStringLiteral("BALANCE_ABOVE_MAXIMUM");
inline const QString balanceOverflow = QStringLiteral("BALANCE_OVERFLOW");
inline const QString balanceNotZero = QStringLiteral("BALANCE_NOT_ZERO");
inline const QString invalidStatusTransition = QStringLiteral("INVALID_STATUS_TRANSITION");
inline const QString limitsInvalid = QStringLiteral("LIMITS_INVALID");
inline const QString limitsExcludeBalance = QStringLiteral("LIMITS_EXCLUDE_BALANCE");
inline const QString transactionNotFound = QStringLiteral("TRANSACTION_NOT_FOUND");
inline const QString notAPayment = QStringLiteral("NOT_A_PAYMENT");
inline const QString paymentNotCompleted = QStringLiteral("PAYMENT_NOT_COMPLETED");
inline const QString refundExceedsPayment = QStringLiteral("REFUND_EXCEEDS_PAYMENT");
// A command that only reads was pointed at a ledger file that does not exist (bad input).
inline const QString storeNotFound = QStringLiteral("STORE_NOT_FOUND");
// Infrastructure (exit code 1 in the CLI).
inline const QString concurrencyConflict = QStringLiteral("CONCURRENCY_CONFLICT");
inline const QString storageFailure = QStringLiteral("STORAGE_FAILURE");
inline const QString readOnly = QStringLiteral("READ_ONLY");
// The log itself is not what was written: a broken hash chain, or two different events at one
// position (exit code 3 in the CLI, as `verify` finding it). Error::position names the event.
inline const QString ledgerTampered = QStringLiteral("LEDGER_TAMPERED");
} // namespace billing::reason
