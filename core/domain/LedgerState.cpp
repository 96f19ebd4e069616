#include "LedgerState.h"

#include "EventUpcaster.h"

#include "Invariant.h"

namespace billing {
namespace {

constexpr qsizetype uuidLength = 36;

int hexValue(QChar c)
{
    if (c >= u'0' && c <= u'9')
        return c.unicode() - u'0';
    if (c >= u'a' && c <= u'f')
        return c.unicode() - u'a' + 10;
    return -1;
}

// Only the exact text QUuid::toString(WithoutBraces) gives back, so that the key's text is
// never lost by keeping its bytes instead.
std::optional<QUuid> canonicalUuid(QStringView text)
{
    if (text.size() != uuidLength)
        return std::nullopt;
    for (qsizetype i = 0; i < uuidLength; ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != u'-' : hexValue(text[i]) < 0)
            return std::nullopt;
    }
    return QUuid::fromString(text);
}

// "<Stem>Requested" without the suffix, matched as transactionTypeFromString() would (case
// insensitive) but without building a string per event.
std::optional<TransactionType> requestedType(QStringView stem)
{
    for (TransactionType type :
         {TransactionType::Topup, TransactionType::Withdrawal, TransactionType::Transfer,
          TransactionType::Payment, TransactionType::Refund}) {
        if (stem.compare(eventStem(type), Qt::CaseInsensitive) == 0)
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
        const int high = hexValue(hex[at]);
        const int low = hexValue(hex[at + 1]);
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

const IdempotencyRecord *IdempotencyIndex::find(const QString &key) const
{
    if (const std::optional<QUuid> uuid = canonicalUuid(key)) {
        const auto it = m_byUuid.constFind(*uuid);
        return it == m_byUuid.cend() ? nullptr : &*it;
    }
    const auto it = m_byText.constFind(key);
    return it == m_byText.cend() ? nullptr : &*it;
}

void IdempotencyIndex::insert(const QString &key, const IdempotencyRecord &record)
{
    if (const std::optional<QUuid> uuid = canonicalUuid(key))
        m_byUuid.insert(*uuid, record);
    else
        m_byText.insert(key, record);
}

void IdempotencyIndex::remove(const QString &key)
{
    if (const std::optional<QUuid> uuid = canonicalUuid(key))
        m_byUuid.remove(*uuid);
    else
        m_byText.remove(key);
}

Money moneyField(const QJsonObject &data, QStringView name)
{
    const Result<Money> money =
        Money::parse(data.value(name).toString(), Money::scale, Money::Sign::AllowNegative);
    BILLING_ASSERT(money.ok());
    return money.value();
}

LedgerState::LedgerState(CurrencyCatalog currencies)
    : m_currencies(std::move(currencies))
{}

const Account *LedgerState::account(const QString &id) const
{
    const auto it = m_accounts.constFind(id);
    return it == m_accounts.cend() ? nullptr : &*it;
}

const Transaction *LedgerState::transaction(const QString &id) const
{
    const auto it = m_transactions.constFind(id);
    return it == m_transactions.cend() ? nullptr : &*it;
}

const IdempotencyRecord *LedgerState::idempotency(const QString &key) const
{
    return m_idempotency.find(key);
}

qint64 LedgerState::aggregateVersion(const QString &aggregateId) const
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
    // Old events are folded in the current schema; the common case costs no copy.
    if (!EventUpcaster::isCurrent(stored)) {
        apply(EventUpcaster::toCurrent(stored));
        return;
    }
    const EventEnvelope &event = stored;
    if (event.position != 0) {
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

void LedgerState::applyAccountEvent(const EventEnvelope &event)
{
    saveAccount(event.aggregateId);
    const QJsonObject &data = event.data;
    if (event.eventType == event::accountCreated) {
        BILLING_ASSERT(event.aggregateVersion == 1 && !m_accounts.contains(event.aggregateId));
        Account account;
        account.id = event.aggregateId;
        account.ownerId = data.value(u"ownerId").toString();
        account.ownerType = shared(data.value(u"ownerType").toString());
        const auto type = accountTypeFromString(data.value(u"type").toString());
        BILLING_ASSERT(type.has_value());
        account.type = *type;
        account.currency = shared(data.value(u"currency").toString());
        account.minBalance = moneyField(data, u"minBalance");
        if (data.contains(u"maxBalance"))
            account.maxBalance = moneyField(data, u"maxBalance");
        account.version = 1;
        m_accounts.insert(account.id, account);
        remember(data, account.id);
        return;
    }
    auto it = m_accounts.find(event.aggregateId);
    BILLING_ASSERT(it != m_accounts.end());
    Account &account = *it;
    BILLING_ASSERT(event.aggregateVersion == account.version + 1);
    account.version = event.aggregateVersion;
    if (event.eventType == event::balanceChanged) {
        applyBalanceChanged(account, event);
    } else if (event.eventType == event::accountStatusChanged) {
        const auto status = accountStatusFromString(data.value(u"to").toString());
        BILLING_ASSERT(status.has_value());
        BILLING_ASSERT(account.status != AccountStatus::Closed);
        BILLING_ASSERT(*status != AccountStatus::Closed || account.balance.isZero());
        account.status = *status;
        remember(data, account.id);
    } else if (event.eventType == event::accountCommandRejected) {
        remember(data, account.id, shared(data.value(u"reason").toString()));
    } else if (event.eventType == event::accountLimitsChanged) {
        account.minBalance = moneyField(data, u"minBalance");
        account.maxBalance = data.contains(u"maxBalance")
                                 ? std::optional<Money>(moneyField(data, u"maxBalance"))
                                 : std::nullopt;
        remember(data, account.id);
    } else {
        invariantFailed("unknown account event type", __FILE__, __LINE__);
    }
}

void LedgerState::applyBalanceChanged(Account &account, const EventEnvelope &event)
{
    const Money amount = moneyField(event.data, u"amount");
    const Money after = moneyField(event.data, u"balanceAfter");
    const Result<Money> computed = account.balance.plus(amount);
    // The same property checked where it was decided and again where it is replayed.
    BILLING_ASSERT(moneyField(event.data, u"balanceBefore") == account.balance);
    BILLING_ASSERT(computed.ok() && computed.value() == after);
    BILLING_ASSERT(account.type != AccountType::User || after >= account.minBalance ||
                   amount.isPositive());
    account.balance = after;
    Money &total = m_totals[account.currency];
    const Result<Money> newTotal = total.plus(amount);
    BILLING_ASSERT(newTotal.ok());
    total = newTotal.value();
}

void LedgerState::applyTransactionEvent(const EventEnvelope &event)
{
    saveTransaction(event.aggregateId);
    if (event.eventType.endsWith(event::requestedSuffix)) {
        BILLING_ASSERT(event.aggregateVersion == 1);
        BILLING_ASSERT(!m_transactions.contains(event.aggregateId));
        const auto type =
            requestedType(QStringView(event.eventType).chopped(event::requestedSuffix.size()));
        BILLING_ASSERT(type.has_value());
        const Transaction transaction = requested(event, *type);
        m_transactions.insert(transaction.id, transaction);
        remember(event.data, transaction.id);
        return;
    }
    auto it = m_transactions.find(event.aggregateId);
    BILLING_ASSERT(it != m_transactions.end());
    Transaction &transaction = *it;
    BILLING_ASSERT(event.aggregateVersion == transaction.version + 1);
    BILLING_ASSERT(transaction.status == TransactionStatus::Pending);
    transaction.version = event.aggregateVersion;
    if (event.eventType.endsWith(event::completedSuffix)) {
        transaction.status = TransactionStatus::Completed;
        // Both legs are in by now: the books must balance in this currency.
        BILLING_ASSERT(m_totals.value(transaction.currency).isZero());
        if (transaction.type == TransactionType::Refund)
            completeRefund(transaction);
    } else if (event.eventType.endsWith(event::failedSuffix)) {
        transaction.status = TransactionStatus::Failed;
        transaction.failureReason = shared(event.data.value(u"reason").toString());
    } else {
        invariantFailed("unknown transaction event type", __FILE__, __LINE__);
    }
}

// Every string the new transaction holds is one the ledger already has, where it has it.
Transaction LedgerState::requested(const EventEnvelope &event, TransactionType type)
{
    const QJsonObject &data = event.data;
    Transaction transaction;
    transaction.id = event.aggregateId;
    transaction.type = type;
    transaction.amount = moneyField(data, u"amount");
    transaction.currency = shared(data.value(u"currency").toString());
    transaction.sourceAccountId = accountId(data.value(u"sourceAccountId").toString());
    transaction.destinationAccountId = accountId(data.value(u"destinationAccountId").toString());
    transaction.paymentId = transactionId(data.value(u"paymentId").toString());
    transaction.version = 1;
    return transaction;
}

// A refund adds to its payment's refunded sum; the payment gets no event of its own.
void LedgerState::completeRefund(const Transaction &refund)
{
    saveTransaction(refund.paymentId);
    const auto payment = m_transactions.find(refund.paymentId);
    BILLING_ASSERT(payment != m_transactions.end());
    const Result<Money> refunded = payment->refunded.plus(refund.amount);
    BILLING_ASSERT(refunded.ok() && refunded.value() <= payment->amount);
    payment->refunded = refunded.value();
}

void LedgerState::remember(const QJsonObject &data, const QString &targetId,
                           const QString &rejection)
{
    const QString key = data.value(u"idempotencyKey").toString();
    if (key.isEmpty())
        return;
    BILLING_ASSERT(!m_idempotency.find(key));
    // The ledger writes only SHA-256 hex here; anything else is corruption.
    const std::optional<PayloadHash> hash =
        PayloadHash::fromHex(data.value(u"payloadHash").toString());
    BILLING_ASSERT(hash.has_value());
    m_idempotency.insert(key, IdempotencyRecord{*hash, targetId, rejection});
    if (m_undo.active)
        m_undo.keys.append(key);
}

QString LedgerState::shared(const QString &text)
{
    // Null and empty compare equal in the set, but callers may tell them apart.
    if (text.isEmpty())
        return text;
    auto it = m_shared.constFind(text);
    if (it == m_shared.cend())
        it = m_shared.insert(text);
    return *it;
}

QString LedgerState::accountId(const QString &id) const
{
    const auto it = m_accounts.constFind(id);
    return it == m_accounts.cend() ? id : it->id;
}

QString LedgerState::transactionId(const QString &id) const
{
    const auto it = m_transactions.constFind(id);
    return it == m_transactions.cend() ? id : it->id;
}

void LedgerState::saveAccount(const QString &id)
{
    if (!m_undo.active || m_undo.accounts.contains(id))
        return;
    const Account *found = account(id);
    m_undo.accounts.insert(id, found ? std::optional<Account>(*found) : std::nullopt);
}

void LedgerState::saveTransaction(const QString &id)
{
    if (!m_undo.active || m_undo.transactions.contains(id))
        return;
    const Transaction *found = transaction(id);
    m_undo.transactions.insert(id, found ? std::optional<Transaction>(*found) : std::nullopt);
}

void LedgerState::beginTentative()
{
    BILLING_ASSERT(!m_undo.active);
    m_undo = Undo{};
    m_undo.active = true;
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
    for (auto it = m_undo.accounts.cbegin(); it != m_undo.accounts.cend(); ++it) {
        if (it.value())
            m_accounts.insert(it.key(), *it.value());
        else
            m_accounts.remove(it.key());
    }
    for (auto it = m_undo.transactions.cbegin(); it != m_undo.transactions.cend(); ++it) {
        if (it.value())
            m_transactions.insert(it.key(), *it.value());
        else
            m_transactions.remove(it.key());
    }
    for (const QString &key : std::as_const(m_undo.keys))
        m_idempotency.remove(key);
    m_totals = m_undo.totals;
    m_undo = Undo{};
}

} // namespace billing
