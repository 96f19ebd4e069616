#include "LedgerState.h"

#include "EventUpcaster.h"
#include "HexDigits.h"

#include "Invariant.h"

namespace billing {
namespace {

constexpr qsizetype sharedMax = 64;

// A field's text as the state keeps it. Empty is always the null QString: the envelope path
// and the store's reader may tell an absent field from an empty one differently, and the
// state (and so its snapshot bytes) must not depend on which of them folded it.
QString textOf(QStringView view)
{
    return view.isEmpty() ? QString() : view.toString();
}

// "<Stem>Requested" without the suffix, matched as transactionTypeFromString() would (case
// insensitive) but without building a string per event.
std::optional<TransactionType> requestedType(QStringView stem)
{
    for (TransactionType type :
         {TransactionType::Topup, TransactionType::Withdrawal, TransactionType::Transfer,
          TransactionType::Payment, TransactionType::Refund}) {
        // The stems differ in length, so at most one is compared.
        const QString known = eventStem(type);
        if (stem.size() == known.size() && stem.compare(known, Qt::CaseInsensitive) == 0)
            return type;
    }
    return std::nullopt;
}

} // namespace

std::optional<PayloadHash> PayloadHash::fromHex(QStringView hex)
{
    PayloadHash hash;
    if (hex.size() != 2 * qsizetype(hash.m_bytes.size()))
        return std::nullopt;
    for (std::size_t i = 0; i < hash.m_bytes.size(); ++i) {
        const qsizetype at = 2 * qsizetype(i);
        const int high = lowerHexValue(hex[at].unicode());
        const int low = lowerHexValue(hex[at + 1].unicode());
        if (high < 0 || low < 0)
            return std::nullopt;
        hash.m_bytes[i] = quint8(high * 16 + low);
    }
    return hash;
}

QString PayloadHash::toHex() const
{
    return QString::fromLatin1(
        QByteArray::fromRawData(reinterpret_cast<const char *>(m_bytes.data()),
                                qsizetype(m_bytes.size()))
            .toHex());
}

bool IdempotencyRecord::samePayload(QStringView hexHash) const
{
    // The stored hash is canonical, so text in any other shape was never equal to it.
    const std::optional<PayloadHash> other = PayloadHash::fromHex(hexHash);
    return other && *other == payloadHash;
}

const StoredIdempotency *IdempotencyIndex::find(QStringView key) const
{
    if (const std::optional<QUuid> uuid = canonicalUuid(key))
        return m_byUuid.find(*uuid);
    if (m_byText.isEmpty())
        return nullptr;
    const auto it = m_byText.constFind(key.toString());
    return it == m_byText.cend() ? nullptr : &*it;
}

bool IdempotencyIndex::insert(QStringView key, const StoredIdempotency &record)
{
    if (const std::optional<QUuid> uuid = canonicalUuid(key))
        return m_byUuid.tryInsert(*uuid, record);
    return insertNew(m_byText, key.toString(), record);
}

void IdempotencyIndex::forEachKey(const std::function<void(const QUuid &)> &uuid,
                                  const std::function<void(const QString &)> &text) const
{
    for (const QUuid &key : m_byUuid.keys())
        uuid(key);
    for (auto it = m_byText.cbegin(); it != m_byText.cend(); ++it)
        text(it.key());
}

void IdempotencyIndex::remove(QStringView key)
{
    if (const std::optional<QUuid> uuid = canonicalUuid(key))
        m_byUuid.remove(*uuid);
    else
        m_byText.remove(key.toString());
}

Money moneyField(const QJsonObject &data, QStringView name)
{
    const Result<Money> money =
        Money::parse(data.value(name).toString(), Money::scale, Money::Sign::AllowNegative);
    BILLING_ASSERT(money.ok());
    return money.value();
}

Money moneyField(const FoldEvent &event, QStringView name)
{
    const Result<Money> money =
        Money::parse(event.value(name), Money::scale, Money::Sign::AllowNegative);
    BILLING_ASSERT(money.ok());
    return money.value();
}

LedgerState::LedgerState(CurrencyCatalog currencies)
    : m_currencies(std::move(currencies))
{}

const Account *LedgerState::account(QStringView id) const
{
    const std::optional<quint32> at = m_accountIndex.find(id);
    return at ? &m_accounts[*at] : nullptr;
}

const Transaction *LedgerState::transaction(QStringView id) const
{
    const std::optional<quint32> at = m_transactionIndex.find(id);
    return at ? &m_transactions[*at] : nullptr;
}

std::optional<IdempotencyRecord> LedgerState::idempotency(QStringView key) const
{
    const StoredIdempotency *stored = m_idempotency.find(key);
    if (!stored)
        return std::nullopt;
    IdempotencyRecord record;
    record.payloadHash = stored->payloadHash;
    record.targetId = stored->targetIsTransaction ? m_transactions[stored->target].id
                                                  : m_accounts[stored->target].id;
    if (stored->rejection > 0)
        record.rejection = m_rejections[stored->rejection - 1];
    // Only a refused command has words kept: the lookups cost nothing for the others.
    Refusal refusal;
    if (stored->targetIsTransaction)
        refusal = m_failures.value(stored->target);
    else if (stored->rejection > 0)
        refusal = m_refusals.value(key.toString());
    record.message = refusal.message;
    record.field = refusal.field;
    return record;
}

qint64 LedgerState::aggregateVersion(QStringView aggregateId) const
{
    if (const Account *found = account(aggregateId))
        return found->version;
    if (const Transaction *found = transaction(aggregateId))
        return found->version;
    return 0;
}

bool LedgerState::balanced() const
{
    for (const Money &total : m_totals) {
        if (!total.isZero())
            return false;
    }
    return true;
}

void LedgerState::apply(const EventEnvelope &stored)
{
    // Upcasting and reading the envelope check the event too, before apply(FoldEvent).
    m_applying = stored.position;
    // Old events are folded in the current schema; the common case costs no copy.
    if (!EventUpcaster::isCurrent(stored)) {
        apply(EventUpcaster::toCurrent(stored));
        return;
    }
    const EnvelopeFold fold(stored);
    apply(fold.event());
}

void LedgerState::apply(const FoldEvent &event)
{
    if (event.position != 0) {
        m_applying = event.position;
        BILLING_ASSERT(!m_undo.active);
        BILLING_ASSERT(event.position == m_position + 1);
        m_position = event.position;
    } else {
        BILLING_ASSERT(m_undo.active);
    }
    if (event.aggregateKind() == AggregateKind::Account)
        applyAccountEvent(event);
    else
        applyTransactionEvent(event);
}

void LedgerState::applyAccountEvent(const FoldEvent &event)
{
    if (event.eventType == event::accountCreated) {
        BILLING_ASSERT(event.aggregateVersion == 1);
        Account account;
        account.id = textOf(event.aggregateId);
        account.ownerId = textOf(event.value(u"ownerId"));
        account.ownerType = shared(event.value(u"ownerType"));
        const auto type = accountTypeFromString(event.value(u"type").toString());
        BILLING_ASSERT(type.has_value());
        account.type = *type;
        account.currency = shared(event.value(u"currency"));
        account.minBalance = moneyField(event, u"minBalance");
        if (event.contains(u"maxBalance"))
            account.maxBalance = moneyField(event, u"maxBalance");
        account.version = 1;
        const quint32 at = quint32(m_accounts.size());
        insertAccount(std::move(account));
        remember(event, at, false);
        return;
    }
    const std::optional<quint32> at = findAccount(event.aggregateId);
    BILLING_ASSERT(at.has_value());
    saveAccount(*at);
    Account &account = m_accounts[*at];
    BILLING_ASSERT_RULE(event.aggregateVersion == account.version + 1,
                        "its version does not follow the account's last event");
    account.version = event.aggregateVersion;
    if (event.eventType == event::balanceChanged) {
        applyBalanceChanged(account, event);
    } else if (event.eventType == event::accountStatusChanged) {
        const auto status = accountStatusFromString(event.value(u"to").toString());
        BILLING_ASSERT(status.has_value());
        BILLING_ASSERT_RULE(account.status != AccountStatus::Closed,
                            "a closed account changes status");
        BILLING_ASSERT_RULE(*status != AccountStatus::Closed || account.balance.isZero(),
                            "an account closes with money on it");
        account.status = *status;
        remember(event, *at, false);
    } else if (event.eventType == event::accountCommandRejected) {
        const QStringView reason = event.value(u"reason");
        remember(event, *at, false, reason);
        // Kept where the record says there was a refusal, as the snapshot reader expects.
        if (const QStringView key = event.value(u"idempotencyKey");
            !key.isEmpty() && !reason.isEmpty())
            m_refusals.insert(key.toString(), refusalOf(event));
    } else if (event.eventType == event::accountLimitsChanged) {
        account.minBalance = moneyField(event, u"minBalance");
        account.maxBalance = event.contains(u"maxBalance")
                                 ? std::optional<Money>(moneyField(event, u"maxBalance"))
                                 : std::nullopt;
        remember(event, *at, false);
    } else {
        invariantFailed("unknown account event type", __FILE__, __LINE__);
    }
}

void LedgerState::applyBalanceChanged(Account &account, const FoldEvent &event)
{
    const Money amount = moneyField(event, u"amount");
    const Money after = moneyField(event, u"balanceAfter");
    const Result<Money> computed = account.balance.plus(amount);
    // The same property checked where it was decided and again where it is replayed.
    BILLING_ASSERT_RULE(moneyField(event, u"balanceBefore") == account.balance,
                        "its balance before is not the account's balance");
    BILLING_ASSERT_RULE(computed.ok() && computed.value() == after,
                        "its balance after is not the balance before plus the amount");
    BILLING_ASSERT_RULE(account.type != AccountType::User || after >= account.minBalance ||
                            amount.isPositive(),
                        "a user account goes below its minimum balance");
    account.balance = after;
    Money &total = m_totals[account.currency];
    const Result<Money> newTotal = total.plus(amount);
    BILLING_ASSERT(newTotal.ok());
    total = newTotal.value();
}

void LedgerState::applyTransactionEvent(const FoldEvent &event)
{
    if (endsWithText(event.eventType, event::requestedSuffix)) {
        BILLING_ASSERT(event.aggregateVersion == 1);
        const auto type = requestedType(event.eventType.chopped(event::requestedSuffix.size()));
        BILLING_ASSERT(type.has_value());
        const quint32 at = quint32(m_transactions.size());
        insertTransaction(requested(event, *type));
        remember(event, at, true);
        return;
    }
    const std::optional<quint32> at = findTransaction(event.aggregateId);
    BILLING_ASSERT(at.has_value());
    saveTransaction(*at);
    Transaction &transaction = m_transactions[*at];
    BILLING_ASSERT_RULE(event.aggregateVersion == transaction.version + 1,
                        "its version does not follow the transaction's last event");
    BILLING_ASSERT_RULE(transaction.status == TransactionStatus::Pending,
                        "a transaction that already ended ends again");
    transaction.version = event.aggregateVersion;
    if (endsWithText(event.eventType, event::completedSuffix)) {
        transaction.status = TransactionStatus::Completed;
        // Both legs are in by now: the books must balance in this currency.
        BILLING_ASSERT_RULE(m_totals.value(transaction.currency).isZero(),
                            "the transaction completes with money created or lost (the sum of "
                            "the balances in its currency is not zero)");
        if (transaction.type == TransactionType::Refund)
            completeRefund(transaction);
    } else if (endsWithText(event.eventType, event::failedSuffix)) {
        transaction.status = TransactionStatus::Failed;
        transaction.failureReason = shared(event.value(u"reason"));
        m_failures.insert(*at, refusalOf(event));
    } else {
        invariantFailed("unknown transaction event type", __FILE__, __LINE__);
    }
}

// Every string the new transaction holds is one the ledger already has, where it has it.
Transaction LedgerState::requested(const FoldEvent &event, TransactionType type)
{
    Transaction transaction;
    transaction.id = textOf(event.aggregateId);
    transaction.type = type;
    transaction.amount = moneyField(event, u"amount");
    transaction.currency = shared(event.value(u"currency"));
    transaction.sourceAccountId = accountId(event.value(u"sourceAccountId"), m_recent.source);
    transaction.destinationAccountId =
        accountId(event.value(u"destinationAccountId"), m_recent.destination);
    transaction.paymentId = transactionId(event.value(u"paymentId"));
    transaction.version = 1;
    return transaction;
}

// A refund adds to its payment's refunded sum; the payment gets no event of its own.
void LedgerState::completeRefund(const Transaction &refund)
{
    const std::optional<quint32> at = m_transactionIndex.find(refund.paymentId);
    BILLING_ASSERT(at.has_value());
    saveTransaction(*at);
    Transaction &payment = m_transactions[*at];
    const Result<Money> refunded = payment.refunded.plus(refund.amount);
    BILLING_ASSERT_RULE(refunded.ok() && refunded.value() <= payment.amount,
                        "the refunds of a payment exceed the payment");
    payment.refunded = refunded.value();
}

namespace {

// Appends an aggregate and finds it by id from then on; its place never changes. An id that
// is there already is a second creation of one aggregate.
template<typename Aggregate>
Aggregate &appendFound(ChunkedList<Aggregate> &list, AggregateIndex &index, Aggregate aggregate)
{
    const auto at = quint32(list.size());
    BILLING_ASSERT(qsizetype(at) == list.size());
    Aggregate &inserted = list.append(std::move(aggregate));
    const bool added = index.insert(inserted.id, at);
    BILLING_ASSERT(added);
    return inserted;
}

// The slot, when the aggregate there has this id.
template<typename Aggregate>
bool holds(const ChunkedList<Aggregate> &list, quint32 slot, QStringView id)
{
    return qsizetype(slot) < list.size() && list[slot].id == id;
}

} // namespace

Account &LedgerState::insertAccount(Account account)
{
    return appendFound(m_accounts, m_accountIndex, std::move(account));
}

Transaction &LedgerState::insertTransaction(Transaction transaction)
{
    m_recent.transaction = quint32(m_transactions.size());
    return appendFound(m_transactions, m_transactionIndex, std::move(transaction));
}

std::optional<quint32> LedgerState::findAccount(QStringView id) const
{
    for (const quint32 slot : {m_recent.source, m_recent.destination}) {
        if (holds(m_accounts, slot, id))
            return slot;
    }
    return m_accountIndex.find(id);
}

std::optional<quint32> LedgerState::findTransaction(QStringView id) const
{
    if (holds(m_transactions, m_recent.transaction, id))
        return m_recent.transaction;
    return m_transactionIndex.find(id);
}

void LedgerState::remember(const FoldEvent &event, quint32 target, bool targetIsTransaction,
                           QStringView rejection)
{
    const QStringView key = event.value(u"idempotencyKey");
    if (key.isEmpty())
        return;
    // The ledger writes only SHA-256 hex here; anything else is corruption.
    const std::optional<PayloadHash> hash = PayloadHash::fromHex(event.value(u"payloadHash"));
    BILLING_ASSERT(hash.has_value());
    StoredIdempotency record;
    record.payloadHash = *hash;
    record.target = target;
    record.targetIsTransaction = targetIsTransaction;
    record.rejection = rejectionIndex(rejection);
    rememberKey(key, record);
}

void LedgerState::rememberKey(QStringView key, const StoredIdempotency &record)
{
    const bool added = m_idempotency.insert(key, record);
    BILLING_ASSERT(added);
    if (m_undo.active)
        m_undo.keys.append(key.toString());
}

Refusal LedgerState::refusalOf(const FoldEvent &event)
{
    // Events written before the field was recorded answer without one. Fields are a few
    // names (amount, account...): one copy of each.
    return {textOf(event.value(u"message")), shared(event.value(u"field"))};
}

quint16 LedgerState::rejectionIndex(QStringView reason)
{
    if (reason.isEmpty())
        return 0;
    qsizetype at = m_rejections.indexOf(reason);
    if (at < 0) {
        // Reason codes are a short, fixed list; a store with thousands is corrupt.
        BILLING_ASSERT(m_rejections.size() < 0xfffe);
        m_rejections.append(shared(reason));
        at = m_rejections.size() - 1;
    }
    return quint16(at + 1);
}

QString LedgerState::shared(QStringView text)
{
    if (text.isEmpty())
        return textOf(text);
    for (const QString &known : std::as_const(m_shared)) {
        if (known == text)
            return known;
    }
    // Past a few dozen it is not the short list it was meant for: keep the text unshared.
    if (m_shared.size() >= sharedMax)
        return text.toString();
    m_shared.append(text.toString());
    return m_shared.constLast();
}

QString LedgerState::accountId(QStringView id, quint32 &slot) const
{
    const std::optional<quint32> at = m_accountIndex.find(id);
    slot = at.value_or(RecentSlots::none);
    return at ? m_accounts[*at].id : textOf(id);
}

QString LedgerState::accountId(QStringView id) const
{
    const Account *found = account(id);
    return found ? found->id : textOf(id);
}

QString LedgerState::transactionId(QStringView id) const
{
    const Transaction *found = transaction(id);
    return found ? found->id : textOf(id);
}

void LedgerState::saveAccount(quint32 at)
{
    if (!m_undo.active || qsizetype(at) >= m_undo.accountCount || m_undo.accounts.contains(at))
        return;
    m_undo.accounts.insert(at, m_accounts[at]);
}

void LedgerState::saveTransaction(quint32 at)
{
    if (!m_undo.active || qsizetype(at) >= m_undo.transactionCount ||
        m_undo.transactions.contains(at))
        return;
    m_undo.transactions.insert(at, m_transactions[at]);
}

void LedgerState::beginTentative()
{
    BILLING_ASSERT(!m_undo.active);
    m_undo = Undo{};
    m_undo.active = true;
    m_undo.accountCount = m_accounts.size();
    m_undo.transactionCount = m_transactions.size();
    m_undo.totals = m_totals;
}

void LedgerState::confirmTentative(qint64 lastPosition)
{
    BILLING_ASSERT(m_undo.active);
    BILLING_ASSERT(lastPosition >= m_position);
    m_position = lastPosition;
    m_undo = Undo{};
}

void LedgerState::undoTentative()
{
    BILLING_ASSERT(m_undo.active);
    // Keys first: their records point into the lists about to shrink.
    // Newest first, so that the records' places are given back.
    for (auto key = m_undo.keys.crbegin(); key != m_undo.keys.crend(); ++key) {
        m_idempotency.remove(*key);
        m_refusals.remove(*key);
    }
    // A transaction that failed tentatively is new or was saved before it failed.
    for (qsizetype at = m_undo.transactionCount; at < m_transactions.size(); ++at)
        m_failures.remove(quint32(at));
    for (auto it = m_undo.transactions.cbegin(); it != m_undo.transactions.cend(); ++it) {
        if (it.value().status != TransactionStatus::Failed)
            m_failures.remove(it.key());
    }
    for (qsizetype at = m_undo.accountCount; at < m_accounts.size(); ++at)
        m_accountIndex.remove(m_accounts[at].id);
    m_accounts.truncate(m_undo.accountCount);
    for (qsizetype at = m_undo.transactionCount; at < m_transactions.size(); ++at)
        m_transactionIndex.remove(m_transactions[at].id);
    m_transactions.truncate(m_undo.transactionCount);
    for (auto it = m_undo.accounts.cbegin(); it != m_undo.accounts.cend(); ++it)
        m_accounts[it.key()] = it.value();
    for (auto it = m_undo.transactions.cbegin(); it != m_undo.transactions.cend(); ++it)
        m_transactions[it.key()] = it.value();
    m_totals = m_undo.totals;
    m_undo = Undo{};
}

} // namespace billing
