#include "LedgerStateCodec.h"

#include "UnitsStream.h"

#include <QDataStream>
#include <QIODevice>

#include <algorithm>

namespace billing {
namespace {

constexpr quint32 magic = 0x424c5353; // "BLSS": Billing Ledger State Snapshot

template<typename Key>
QList<Key> sortedKeys(const QList<Key> &keys)
{
    QList<Key> sorted = keys;
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

// The elements in id order, as the format has always listed them.
template<typename Aggregate>
QList<const Aggregate *> byId(const ChunkedList<Aggregate> &list)
{
    QList<const Aggregate *> sorted;
    sorted.reserve(list.size());
    for (const Aggregate &aggregate : list)
        sorted.append(&aggregate);
    std::sort(sorted.begin(), sorted.end(),
              [](const Aggregate *a, const Aggregate *b) { return a->id < b->id; });
    return sorted;
}

void writeRecord(QDataStream &out, const QByteArray &hash, const QString &targetId,
                 const QString &rejection)
{
    out << hash << targetId << rejection;
}

} // namespace

QByteArray LedgerStateCodec::encode(const LedgerState &state)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_4);
    out << magic << formatVersion << state.m_position;

    out << qint64(state.m_totals.size());
    for (const QString &currency : sortedKeys(state.m_totals.keys())) {
        out << currency;
        writeUnits(out, state.m_totals.value(currency));
    }
    out << qint64(state.m_accounts.size());
    for (const Account *stored : byId(state.m_accounts)) {
        const Account &account = *stored;
        out << account.id << account.ownerId << account.ownerType << account.currency
            << quint8(account.type) << quint8(account.status);
        writeUnits(out, account.balance);
        writeUnits(out, account.minBalance);
        out << account.maxBalance.has_value();
        writeUnits(out, account.maxBalance.value_or(Money()));
        out << account.version;
    }
    out << qint64(state.m_transactions.size());
    for (const Transaction *stored : byId(state.m_transactions)) {
        const Transaction &transaction = *stored;
        out << transaction.id << transaction.currency << transaction.sourceAccountId
            << transaction.destinationAccountId << transaction.paymentId
            << transaction.failureReason << quint8(transaction.type) << quint8(transaction.status);
        writeUnits(out, transaction.amount);
        writeUnits(out, transaction.refunded);
        out << transaction.version;
    }
    auto write = [&](const StoredIdempotency &stored) {
        writeRecord(out,
                    QByteArray(reinterpret_cast<const char *>(stored.payloadHash.m_bytes.data()),
                               qsizetype(stored.payloadHash.m_bytes.size())),
                    stored.targetIsTransaction ? state.m_transactions[stored.target].id
                                               : state.m_accounts[stored.target].id,
                    stored.rejection > 0 ? state.m_rejections[stored.rejection - 1] : QString());
    };
    const IdempotencyIndex &keys = state.m_idempotency;
    out << qint64(keys.m_byUuid.size());
    for (const QUuid &key : sortedKeys(keys.m_byUuid.keys())) {
        out << key;
        write(keys.m_byUuid[key]);
    }
    out << qint64(keys.m_byText.size());
    for (const QString &key : sortedKeys(keys.m_byText.keys())) {
        out << key;
        write(keys.m_byText[key]);
    }
    return bytes;
}

std::optional<LedgerState> LedgerStateCodec::decode(const QByteArray &bytes,
                                                    const CurrencyCatalog &currencies)
{
    QDataStream in(bytes);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 readMagic = 0;
    qint32 version = 0;
    LedgerState state(currencies);
    in >> readMagic >> version >> state.m_position;
    if (readMagic != magic || version != formatVersion || state.m_position < 0)
        return std::nullopt;
    qint64 count = 0;
    bool ok = true;
    in >> count;
    for (qint64 i = 0; ok && i < count && in.status() == QDataStream::Ok; ++i) {
        QString currency;
        Money total;
        in >> currency;
        ok = readUnits(in, total);
        state.m_totals.insert(state.shared(currency), total);
    }
    in >> count;
    for (qint64 i = 0; ok && i < count && in.status() == QDataStream::Ok; ++i) {
        Account account;
        quint8 type = 0;
        quint8 status = 0;
        bool hasMax = false;
        Money max;
        in >> account.id >> account.ownerId >> account.ownerType >> account.currency >> type >>
            status;
        ok = readUnits(in, account.balance) && readUnits(in, account.minBalance);
        in >> hasMax;
        ok = ok && readUnits(in, max);
        in >> account.version;
        ok = ok && type <= quint8(AccountType::System) && status <= quint8(AccountStatus::Closed);
        account.type = AccountType(type);
        account.status = AccountStatus(status);
        if (hasMax)
            account.maxBalance = max;
        account.ownerType = state.shared(account.ownerType);
        account.currency = state.shared(account.currency);
        ok = ok && !state.account(account.id);
        state.insertAccount(std::move(account));
    }
    in >> count;
    for (qint64 i = 0; ok && i < count && in.status() == QDataStream::Ok; ++i) {
        Transaction transaction;
        quint8 type = 0;
        quint8 status = 0;
        in >> transaction.id >> transaction.currency >> transaction.sourceAccountId >>
            transaction.destinationAccountId >> transaction.paymentId >>
            transaction.failureReason >> type >> status;
        ok = readUnits(in, transaction.amount) && readUnits(in, transaction.refunded);
        in >> transaction.version;
        ok = ok && type <= quint8(TransactionType::Refund) &&
             status <= quint8(TransactionStatus::Failed);
        transaction.type = TransactionType(type);
        transaction.status = TransactionStatus(status);
        // Share the strings the fold would have shared.
        transaction.currency = state.shared(transaction.currency);
        transaction.failureReason = state.shared(transaction.failureReason);
        transaction.sourceAccountId = state.accountId(transaction.sourceAccountId);
        transaction.destinationAccountId = state.accountId(transaction.destinationAccountId);
        ok = ok && !state.transaction(transaction.id);
        state.insertTransaction(std::move(transaction));
    }
    // The target is looked up as decisions look it up: a transaction first, then an account.
    auto readRecord = [&](StoredIdempotency &record) {
        QByteArray hash;
        QString targetId;
        QString rejection;
        in >> hash >> targetId >> rejection;
        if (hash.size() != qsizetype(record.payloadHash.m_bytes.size()))
            return false;
        std::copy(hash.cbegin(), hash.cend(), record.payloadHash.m_bytes.begin());
        if (const std::optional<quint32> at = state.m_transactionIndex.find(targetId)) {
            record.target = *at;
            record.targetIsTransaction = true;
        } else if (const std::optional<quint32> account = state.m_accountIndex.find(targetId)) {
            record.target = *account;
        } else {
            return false;
        }
        record.rejection = state.rejectionIndex(rejection);
        return true;
    };
    in >> count;
    for (qint64 i = 0; ok && i < count && in.status() == QDataStream::Ok; ++i) {
        QUuid key;
        StoredIdempotency record;
        in >> key;
        ok = readRecord(record);
        state.m_idempotency.m_byUuid.insert(key, record);
    }
    in >> count;
    for (qint64 i = 0; ok && i < count && in.status() == QDataStream::Ok; ++i) {
        QString key;
        StoredIdempotency record;
        in >> key;
        ok = readRecord(record);
        state.m_idempotency.m_byText.insert(key, record);
    }
    if (!ok || in.status() != QDataStream::Ok || !in.atEnd())
        return std::nullopt;
    return state;
}

} // namespace billing
