#pragma once

#include "Account.h"
#include "CurrencyCatalog.h"
#include "EventEnvelope.h"
#include "Transaction.h"

#include <QHash>

#include <optional>

namespace billing {

// What an idempotency key was first used for; the outcome itself is read from the target.
struct IdempotencyRecord
{
    QString payloadHash;
    QString targetId;  // the transaction or account the first command made or changed
    QString rejection; // account commands: the reason code when the first one was refused
};

// The whole ledger as a fold over its events. apply() is the only way state changes, and it
// asserts every invariant it can see: versions without gaps, positions in order, each
// BalanceChanged agreeing with the balance it changes, and the books balanced at every
// completed transaction.
class LedgerState
{
public:
    explicit LedgerState(CurrencyCatalog currencies = CurrencyCatalog::standard());

    void apply(const EventEnvelope &event);

    // Tentative events (position 0) can be applied and then either confirmed, once the store
    // has given them positions, or undone when the append lost a race. Undo is O(events).
    void beginTentative();
    void confirmTentative(qint64 lastPosition);
    void undoTentative();

    const Account *account(const QString &id) const;
    const Transaction *transaction(const QString &id) const;
    const IdempotencyRecord *idempotency(const QString &key) const;
    qint64 aggregateVersion(const QString &aggregateId) const;

    const QHash<QString, Account> &accounts() const { return m_accounts; }
    const QHash<QString, Transaction> &transactions() const { return m_transactions; }
    const CurrencyCatalog &currencies() const { return m_currencies; }
    qint64 position() const { return m_position; }
    qint64 eventCount() const { return m_position; }
    // Σ balances per currency; zero for every currency between transactions.
    const QHash<QString, Money> &totals() const { return m_totals; }
    bool balanced() const;

private:
    void applyAccountEvent(const EventEnvelope &event);
    void applyTransactionEvent(const EventEnvelope &event);
    void applyBalanceChanged(Account &account, const EventEnvelope &event);
    void remember(const QString &key, const QString &payloadHash, const QString &targetId,
                  const QString &rejection = {});
    void saveAccount(const QString &id);
    void saveTransaction(const QString &id);

    CurrencyCatalog m_currencies;
    QHash<QString, Account> m_accounts;
    QHash<QString, Transaction> m_transactions;
    QHash<QString, IdempotencyRecord> m_idempotency;
    QHash<QString, Money> m_totals;
    qint64 m_position = 0;

    struct Undo
    {
        bool active = false;
        QHash<QString, std::optional<Account>> accounts;
        QHash<QString, std::optional<Transaction>> transactions;
        QList<QString> keys;
        QHash<QString, Money> totals;
    } m_undo;
};

// Reads an amount the ledger itself wrote; a malformed one is corruption, so it asserts.
Money moneyField(const QJsonObject &data, QStringView name);

} // namespace billing
