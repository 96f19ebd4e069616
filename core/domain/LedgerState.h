#pragma once

#include "Account.h"
#include "AggregateIndex.h"
#include "ChunkedList.h"
#include "CurrencyCatalog.h"
#include "EventEnvelope.h"
#include "FoldEvent.h"
#include "Transaction.h"
#include "UuidRecords.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QUuid>

#include <array>
#include <functional>
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
    // A refused first command's message and field, as it was answered (see Refusal).
    QString message;
    QString field;

    // Whether `hexHash` is the payload hash of the command that first used the key.
    bool samePayload(QStringView hexHash) const;
};

// An idempotency record as the ledger keeps it: the target as its place in the account or
// transaction list and the refusal as its place in a short table, 40 bytes in all.
struct StoredIdempotency
{
    PayloadHash payloadHash;
    quint32 target = 0;
    quint16 rejection = 0; // 0: none; else 1 + its index in the ledger's table of reasons
    bool targetIsTransaction = false;
};

// The words a refusal was given in. Few commands are refused, so they are kept apart from
// the records instead of in every one; a repeat of a refused command answers with them.
struct Refusal
{
    QString message;
    QString field;
};

// Idempotency records by key. Most keys are generated UUIDs, which are kept as their 16 bytes
// instead of 36 characters on the heap; any other key is kept as it is.
class IdempotencyIndex
{
public:
    const StoredIdempotency *find(QStringView key) const;
    // False, and nothing changed, when the key is there already.
    [[nodiscard]] bool insert(QStringView key, const StoredIdempotency &record);
    void remove(QStringView key);
    qsizetype size() const { return m_byUuid.size() + m_byText.size(); }
    // Every key: one in the canonical UUID form as its UUID, any other as its text.
    void forEachKey(const std::function<void(const QUuid &)> &uuid,
                    const std::function<void(const QString &)> &text) const;

private:
    friend class LedgerStateCodec;
    UuidRecords<StoredIdempotency> m_byUuid;
    QHash<QString, StoredIdempotency> m_byText;
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
    // The same fold over an event in the current schema read without an envelope (see
    // FoldEvent); the caller upcasts older ones through the envelope path.
    void apply(const FoldEvent &event);

    // Tentative events (position 0) can be applied and then either confirmed, once the store
    // has given them positions, or undone when the append lost a race. Undo is O(events).
    void beginTentative();
    void confirmTentative(qint64 lastPosition);
    void undoTentative();

    // Pointers stay valid until the next apply() or undo.
    const Account *account(QStringView id) const;
    const Transaction *transaction(QStringView id) const;
    std::optional<IdempotencyRecord> idempotency(QStringView key) const;
    const IdempotencyIndex &idempotencyKeys() const { return m_idempotency; }
    qint64 aggregateVersion(QStringView aggregateId) const;

    // In the order they were created.
    const ChunkedList<Account> &accounts() const { return m_accounts; }
    const ChunkedList<Transaction> &transactions() const { return m_transactions; }
    const CurrencyCatalog &currencies() const { return m_currencies; }
    qint64 position() const { return m_position; }
    // The stored event apply() last began on: after a broken invariant, the one that broke it.
    qint64 applyingPosition() const { return m_applying; }
    qint64 eventCount() const { return m_position; }
    // Σ balances per currency; zero for every currency between transactions.
    const QHash<QString, Money> &totals() const { return m_totals; }
    bool balanced() const;

private:
    friend class LedgerStateCodec;
    void applyAccountEvent(const FoldEvent &event);
    void applyTransactionEvent(const FoldEvent &event);
    void applyBalanceChanged(Account &account, const FoldEvent &event);
    Transaction requested(const FoldEvent &event, TransactionType type);
    void completeRefund(const Transaction &refund);
    Account &insertAccount(Account account);
    Transaction &insertTransaction(Transaction transaction);
    std::optional<quint32> findAccount(QStringView id) const;
    std::optional<quint32> findTransaction(QStringView id) const;
    // The idempotency key and payload hash of the command that wrote `event`, if it has a key.
    void remember(const FoldEvent &event, quint32 target, bool targetIsTransaction,
                  QStringView rejection = {});
    void rememberKey(QStringView key, const StoredIdempotency &record);
    void saveAccount(quint32 at);
    void saveTransaction(quint32 at);
    // The one copy of a string that many entries hold (currencies, reason codes, owner types).
    QString shared(QStringView text);
    // The id as the account or transaction holds it, so a reference to it costs no new string.
    // The first also keeps where the account sits in `slot` (see RecentSlots).
    QString accountId(QStringView id, quint32 &slot) const;
    QString accountId(QStringView id) const;
    QString transactionId(QStringView id) const;
    quint16 rejectionIndex(QStringView reason);
    Refusal refusalOf(const FoldEvent &event);

    CurrencyCatalog m_currencies;
    ChunkedList<Account> m_accounts;
    ChunkedList<Transaction> m_transactions;
    AggregateIndex m_accountIndex;
    AggregateIndex m_transactionIndex;
    IdempotencyIndex m_idempotency;
    QList<QString> m_rejections;
    QHash<quint32, Refusal> m_failures; // failed transactions', by place in the list
    QHash<QString, Refusal> m_refusals; // refused account commands', by idempotency key
    QHash<QString, Money> m_totals;
    // Few and short (currencies, owner types, reason codes): a scan finds them without a key.
    QList<QString> m_shared;
    qint64 m_position = 0;
    qint64 m_applying = 0;

    // Where the aggregates of the latest transaction request sit. Its BalanceChanged events
    // and its Completed or Failed event come right after it in the log, so these spare each of
    // them a lookup. Only a hint: a slot counts when the aggregate there has the id sought.
    struct RecentSlots
    {
        static constexpr quint32 none = 0xffffffff;
        quint32 source = none;
        quint32 destination = none;
        quint32 transaction = none;
    } m_recent;

    struct Undo
    {
        bool active = false;
        qsizetype accountCount = 0;
        qsizetype transactionCount = 0;
        QHash<quint32, Account> accounts;
        QHash<quint32, Transaction> transactions;
        QList<QString> keys;
        QHash<QString, Money> totals;
    } m_undo;
};

// Reads an amount the ledger itself wrote; a malformed one is corruption, so it asserts.
Money moneyField(const QJsonObject &data, QStringView name);
Money moneyField(const FoldEvent &event, QStringView name);

} // namespace billing
