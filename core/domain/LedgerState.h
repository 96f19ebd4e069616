#pragma once

#include "Account.h"
#include "CurrencyCatalog.h"
#include "EventEnvelope.h"
#include "Transaction.h"

#include <QHash>
#include <QSet>
#include <QUuid>

#include <array>
#include <optional>

namespace billing {

// A command payload's SHA-256, kept as its 32 bytes: a fifth of the 64 hex characters' cost.
class PayloadHash
{
public:
    PayloadHash() = default;
    // Lower-case hex of 32 bytes, the only shape payloadHash() writes; anything else is nullopt.
    static std::optional<PayloadHash> fromHex(QStringView hex);
    QString toHex() const;

    friend bool operator==(const PayloadHash &, const PayloadHash &) = default;

private:
    friend class LedgerStateCodec;
    std::array<quint8, 32> m_bytes{};
};

// What an idempotency key was first used for; the outcome itself is read from the target.
struct IdempotencyRecord
{
    PayloadHash payloadHash;
    QString targetId;  // the transaction or account the first command made or changed
    QString rejection; // account commands: the reason code when the first one was refused

    // Whether `hexHash` is the payload hash of the command that first used the key.
    bool samePayload(QStringView hexHash) const;
};

// Idempotency records by key. Most keys are generated UUIDs, which are kept as their 16 bytes
// instead of 36 characters on the heap; any other key is kept as it is.
class IdempotencyIndex
{
public:
    const IdempotencyRecord *find(const QString &key) const;
    void insert(const QString &key, const IdempotencyRecord &record);
    void remove(const QString &key);
    qsizetype size() const { return m_byUuid.size() + m_byText.size(); }

private:
    friend class LedgerStateCodec;
    QHash<QUuid, IdempotencyRecord> m_byUuid;
    QHash<QString, IdempotencyRecord> m_byText;
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
    friend class LedgerStateCodec;
    void applyAccountEvent(const EventEnvelope &event);
    void applyTransactionEvent(const EventEnvelope &event);
    void applyBalanceChanged(Account &account, const EventEnvelope &event);
    Transaction requested(const EventEnvelope &event, TransactionType type);
    void completeRefund(const Transaction &refund);
    // The idempotency key and payload hash of the command that wrote `data`, if it has a key.
    void remember(const QJsonObject &data, const QString &targetId, const QString &rejection = {});
    void saveAccount(const QString &id);
    void saveTransaction(const QString &id);
    // The one copy of a string that many entries hold (currencies, reason codes, owner types).
    QString shared(const QString &text);
    // The id as the account or transaction holds it, so a reference to it costs no new string.
    QString accountId(const QString &id) const;
    QString transactionId(const QString &id) const;

    CurrencyCatalog m_currencies;
    QHash<QString, Account> m_accounts;
    QHash<QString, Transaction> m_transactions;
    IdempotencyIndex m_idempotency;
    QHash<QString, Money> m_totals;
    QSet<QString> m_shared;
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
