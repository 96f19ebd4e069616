#include "ReasonText.h"

#include "domain/ReasonCode.h"

#include <QHash>

namespace billing::ui {

QString ReasonText::describe(const QString &code, const QString &detail)
{
    namespace r = billing::reason;
    const QHash<QString, QString> texts{
        {r::amountEmpty, tr("Enter an amount.")},
        {r::amountFormat, tr("Use digits with an optional decimal point, like 12.50.")},
        {r::amountExponent, tr("Write the amount out in full, without an exponent.")},
        {r::amountGrouping, tr("Leave out thousands separators.")},
        {r::amountNotFinite, tr("The amount must be a number.")},
        {r::amountNegative, tr("The amount must not be negative.")},
        {r::amountNotPositive, tr("The amount must be greater than zero.")},
        {r::amountTooPrecise, tr("This currency allows fewer decimals.")},
        {r::amountOutOfRange, tr("The amount is too large.")},
        {r::currencyUnknown, tr("This currency is not known.")},
        {r::currencyInactive, tr("This currency is not in use.")},
        {r::invalidArgument, tr("This value is not valid.")},
        {r::idempotencyConflict, tr("This request was already used for a different command.")},
        {r::accountNotFound, tr("There is no such account.")},
        {r::accountExists, tr("This account already exists.")},
        {r::accountNotActive, tr("The account is not active.")},
        {r::accountClosed, tr("The account is closed.")},
        {r::accountTypeMismatch, tr("This account is of the wrong type for this operation.")},
        {r::accountsMustDiffer, tr("Choose two different accounts.")},
        {r::currencyMismatch, tr("The accounts are in different currencies.")},
        {r::insufficientFunds, tr("The account does not hold enough money.")},
        {r::balanceAboveMaximum, tr("The balance would exceed the account's maximum.")},
        {r::balanceOverflow, tr("The balance would grow beyond what the ledger can hold.")},
        {r::balanceNotZero, tr("Only an account with a zero balance can be closed.")},
        {r::invalidStatusTransition, tr("The account cannot change to that status.")},
        {r::limitsInvalid, tr("These limits are not valid.")},
        {r::limitsExcludeBalance, tr("The current balance lies outside these limits.")},
        {r::transactionNotFound, tr("There is no such transaction.")},
        {r::notAPayment, tr("Only payments can be refunded.")},
        {r::paymentNotCompleted, tr("The payment did not complete.")},
        {r::refundExceedsPayment, tr("The refund is more than what is left of the payment.")},
        {r::concurrencyConflict, tr("The ledger was too busy; try again.")},
        {r::storageFailure, tr("The ledger could not be written.")},
        {r::readOnly, tr("This desk is read-only.")},
        {r::ledgerTampered,
         tr("The ledger's log is not what was written; Verify ledger names the event.")},
    };
    const auto found = texts.constFind(code);
    if (found != texts.cend())
        return found.value();
    return detail.isEmpty() ? code : tr("%1 (%2)").arg(detail, code);
}

} // namespace billing::ui
