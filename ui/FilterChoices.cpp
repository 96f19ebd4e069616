#include "FilterChoices.h"

#include "domain/Account.h"
#include "domain/CurrencyCatalog.h"
#include "domain/EventEnvelope.h"
#include "domain/Transaction.h"

namespace billing::ui {
namespace {

QStringList currencyCodes()
{
    QStringList codes;
    for (const Currency &currency : CurrencyCatalog::standard().all())
        codes.append(currency.code);
    return codes;
}

const QList<TransactionType> transactionTypes = {
    TransactionType::Topup, TransactionType::Withdrawal, TransactionType::Transfer,
    TransactionType::Payment, TransactionType::Refund};

QStringList eventTypes()
{
    QStringList types = {event::accountCreated, event::accountStatusChanged,
                         event::accountLimitsChanged, event::accountCommandRejected,
                         event::balanceChanged};
    for (TransactionType type : transactionTypes) {
        for (const QString &suffix :
             {event::requestedSuffix, event::completedSuffix, event::failedSuffix})
            types.append(eventStem(type) + suffix);
    }
    return types;
}

} // namespace

FilterChoices FilterChoices::of(LedgerTable table)
{
    FilterChoices choices;
    switch (table) {
    case LedgerTable::Accounts:
        for (AccountType type : {AccountType::User, AccountType::External, AccountType::System})
            choices.types.append(toString(type));
        for (AccountStatus status :
             {AccountStatus::Active, AccountStatus::Suspended, AccountStatus::Closed})
            choices.statuses.append(toString(status));
        choices.currencies = currencyCodes();
        break;
    case LedgerTable::Transactions:
        for (TransactionType type : transactionTypes)
            choices.types.append(toString(type));
        for (TransactionStatus status :
             {TransactionStatus::Pending, TransactionStatus::Completed, TransactionStatus::Failed})
            choices.statuses.append(toString(status));
        choices.currencies = currencyCodes();
        break;
    case LedgerTable::AuditLog:
    case LedgerTable::Events:
        choices.types = eventTypes();
        break;
    }
    return choices;
}

} // namespace billing::ui
