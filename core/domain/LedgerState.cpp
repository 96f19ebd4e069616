#include "LedgerState.h"

#include "Invariant.h"

namespace billing {

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
    const auto it = m_idempotency.constFind(key);
    return it == m_idempotency.cend() ? nullptr : &*it;
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

void LedgerState::apply(const EventEnvelope &event)
{
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
        account.ownerType = data.value(u"ownerType").toString();
        const auto type = accountTypeFromString(data.value(u"type").toString());
        BILLING_ASSERT(type.has_value());
        account.type = *type;
        account.currency = data.value(u"currency").toString();
        account.minBalance = moneyField(data, u"minBalance");
        if (data.contains(u"maxBalance"))
            account.maxBalance = moneyField(data, u"maxBalance");
        account.version = 1;
        m_accounts.insert(account.id, account);
        remember(data.value(u"idempotencyKey").toString(), data.value(u"payloadHash").toString(),
                 account.id);
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
        remember(data.value(u"idempotencyKey").toString(), data.value(u"payloadHash").toString(),
                 account.id);
    } else if (event.eventType == event::accountCommandRejected) {
        remember(data.value(u"idempotencyKey").toString(), data.value(u"payloadHash").toString(),
                 account.id, data.value(u"reason").toString());
    } else if (event.eventType == event::accountLimitsChanged) {
        account.minBalance = moneyField(data, u"minBalance");
        account.maxBalance = data.contains(u"maxBalance")
                                 ? std::optional<Money>(moneyField(data, u"maxBalance"))
                                 : std::nullopt;
        remember(data.value(u"idempotencyKey").toString(), data.value(u"payloadHash").toString(),
                 account.id);
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
    const QJsonObject &data = event.data;
    if (event.eventType.endsWith(event::requestedSuffix)) {
        BILLING_ASSERT(event.aggregateVersion == 1);
        BILLING_ASSERT(!m_transactions.contains(event.aggregateId));
        const auto type =
            transactionTypeFromString(event.eventType.chopped(event::requestedSuffix.size()));
        BILLING_ASSERT(type.has_value());
        Transaction transaction;
        transaction.id = event.aggregateId;
        transaction.type = *type;
        transaction.amount = moneyField(data, u"amount");
        transaction.currency = data.value(u"currency").toString();
        transaction.sourceAccountId = data.value(u"sourceAccountId").toString();
        transaction.destinationAccountId = data.value(u"destinationAccountId").toString();
        transaction.paymentId = data.value(u"paymentId").toString();
        transaction.version = 1;
        m_transactions.insert(transaction.id, transaction);
        remember(data.value(u"idempotencyKey").toString(), data.value(u"payloadHash").toString(),
                 transaction.id);
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
        if (transaction.type == TransactionType::Refund) {
            auto payment = m_transactions.find(transaction.paymentId);
            BILLING_ASSERT(payment != m_transactions.end());
            saveTransaction(payment->id);
            payment = m_transactions.find(transaction.paymentId);
            const Result<Money> refunded = payment->refunded.plus(transaction.amount);
            BILLING_ASSERT(refunded.ok() && refunded.value() <= payment->amount);
            payment->refunded = refunded.value();
        }
    } else if (event.eventType.endsWith(event::failedSuffix)) {
        transaction.status = TransactionStatus::Failed;
        transaction.failureReason = data.value(u"reason").toString();
    } else {
        invariantFailed("unknown transaction event type", __FILE__, __LINE__);
    }
}

void LedgerState::remember(const QString &key, const QString &payloadHash, const QString &targetId,
                           const QString &rejection)
{
    if (key.isEmpty())
        return;
    BILLING_ASSERT(!m_idempotency.contains(key));
    m_idempotency.insert(key, IdempotencyRecord{payloadHash, targetId, rejection});
    if (m_undo.active)
        m_undo.keys.append(key);
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
