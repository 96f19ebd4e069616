#include "LedgerTerms.h"

#include "domain/Account.h"
#include "domain/EventEnvelope.h"
#include "domain/Transaction.h"

#include <QHash>

namespace billing::ui {
namespace {

// Code → English source text; translated per call, so a translator installed later applies.
const QHash<QString, const char *> &sources()
{
    static const QHash<QString, const char *> all = [] {
        QHash<QString, const char *> texts{
            {toString(AccountType::User), QT_TRANSLATE_NOOP("LedgerTerms", "User")},
            {toString(AccountType::External), QT_TRANSLATE_NOOP("LedgerTerms", "External")},
            {toString(AccountType::System), QT_TRANSLATE_NOOP("LedgerTerms", "System")},
            {toString(AccountStatus::Active), QT_TRANSLATE_NOOP("LedgerTerms", "Active")},
            {toString(AccountStatus::Suspended), QT_TRANSLATE_NOOP("LedgerTerms", "Suspended")},
            {toString(AccountStatus::Closed), QT_TRANSLATE_NOOP("LedgerTerms", "Closed")},
            {toString(TransactionStatus::Pending), QT_TRANSLATE_NOOP("LedgerTerms", "Pending")},
            {toString(TransactionStatus::Completed), QT_TRANSLATE_NOOP("LedgerTerms", "Completed")},
            {toString(TransactionStatus::Failed), QT_TRANSLATE_NOOP("LedgerTerms", "Failed")},
            {toString(TransactionType::Topup), QT_TRANSLATE_NOOP("LedgerTerms", "Top-up")},
            {toString(TransactionType::Withdrawal), QT_TRANSLATE_NOOP("LedgerTerms", "Withdrawal")},
            {toString(TransactionType::Transfer), QT_TRANSLATE_NOOP("LedgerTerms", "Transfer")},
            {toString(TransactionType::Payment), QT_TRANSLATE_NOOP("LedgerTerms", "Payment")},
            {toString(TransactionType::Refund), QT_TRANSLATE_NOOP("LedgerTerms", "Refund")},
            {event::accountCreated, QT_TRANSLATE_NOOP("LedgerTerms", "Account created")},
            {event::accountStatusChanged,
             QT_TRANSLATE_NOOP("LedgerTerms", "Account status changed")},
            {event::accountLimitsChanged,
             QT_TRANSLATE_NOOP("LedgerTerms", "Account limits changed")},
            {event::accountCommandRejected,
             QT_TRANSLATE_NOOP("LedgerTerms", "Account command rejected")},
            {event::balanceChanged, QT_TRANSLATE_NOOP("LedgerTerms", "Balance changed")},
            // The audit log's kinds of entity.
            {QStringLiteral("account"), QT_TRANSLATE_NOOP("LedgerTerms", "Account")},
            {QStringLiteral("transaction"), QT_TRANSLATE_NOOP("LedgerTerms", "Transaction")},
        };
        // The currencies' names as the catalog holds them (CurrencyCatalog::standard()).
        for (const char *name : {QT_TRANSLATE_NOOP("LedgerTerms", "US Dollar"),
                                 QT_TRANSLATE_NOOP("LedgerTerms", "Euro"),
                                 QT_TRANSLATE_NOOP("LedgerTerms", "British Pound"),
                                 QT_TRANSLATE_NOOP("LedgerTerms", "Japanese Yen"),
                                 QT_TRANSLATE_NOOP("LedgerTerms", "Bitcoin"),
                                 QT_TRANSLATE_NOOP("LedgerTerms", "Ethereum"),
                                 QT_TRANSLATE_NOOP("LedgerTerms", "Loyalty Points")})
            texts.insert(QString::fromLatin1(name), name);
        // Whole phrases, not a type and a verb glued together: languages order them differently.
        const auto phases = [&texts](TransactionType type, const char *requested,
                                     const char *completed, const char *failed) {
            texts.insert(eventStem(type) + event::requestedSuffix, requested);
            texts.insert(eventStem(type) + event::completedSuffix, completed);
            texts.insert(eventStem(type) + event::failedSuffix, failed);
        };
        phases(TransactionType::Topup, QT_TRANSLATE_NOOP("LedgerTerms", "Top-up requested"),
               QT_TRANSLATE_NOOP("LedgerTerms", "Top-up completed"),
               QT_TRANSLATE_NOOP("LedgerTerms", "Top-up failed"));
        phases(TransactionType::Withdrawal,
               QT_TRANSLATE_NOOP("LedgerTerms", "Withdrawal requested"),
               QT_TRANSLATE_NOOP("LedgerTerms", "Withdrawal completed"),
               QT_TRANSLATE_NOOP("LedgerTerms", "Withdrawal failed"));
        phases(TransactionType::Transfer, QT_TRANSLATE_NOOP("LedgerTerms", "Transfer requested"),
               QT_TRANSLATE_NOOP("LedgerTerms", "Transfer completed"),
               QT_TRANSLATE_NOOP("LedgerTerms", "Transfer failed"));
        phases(TransactionType::Payment, QT_TRANSLATE_NOOP("LedgerTerms", "Payment requested"),
               QT_TRANSLATE_NOOP("LedgerTerms", "Payment completed"),
               QT_TRANSLATE_NOOP("LedgerTerms", "Payment failed"));
        phases(TransactionType::Refund, QT_TRANSLATE_NOOP("LedgerTerms", "Refund requested"),
               QT_TRANSLATE_NOOP("LedgerTerms", "Refund completed"),
               QT_TRANSLATE_NOOP("LedgerTerms", "Refund failed"));
        return texts;
    }();
    return all;
}

} // namespace

QString LedgerTerms::label(const QString &code)
{
    const char *source = sources().value(code, nullptr);
    return source ? tr(source) : code;
}

} // namespace billing::ui
