#include "LedgerStateCodec.h"

#include <QtEndian>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>

namespace billing {
namespace {

// More distinct refusal reasons than the ledger has codes, with room to spare.
constexpr qsizetype rejectionTextsMax = 1024;
constexpr quint32 magic = 0x424c5353; // "BLSS": Billing Ledger State Snapshot
// A reference to an account or transaction that is not in the state (a refused request names
// one that does not exist): its text follows.
constexpr quint32 unlisted = 0xffffffff;

// Little-endian fields appended to one buffer: QDataStream's device calls per field were a
// fifth of opening a snapshot.
class SnapshotWriter
{
public:
    explicit SnapshotWriter(qsizetype sizeHint) { m_bytes.reserve(sizeHint); }

    void u8(quint8 value) { m_bytes.append(char(value)); }
    void u32(quint32 value) { fixed(qToLittleEndian(value)); }
    void i64(qint64 value) { fixed(qToLittleEndian(value)); }
    void raw(const void *data, qsizetype size)
    {
        m_bytes.append(static_cast<const char *>(data), size);
    }
    // UTF-16 as it sits in the QString, so reading it back is one copy.
    void text(const QString &value)
    {
        u32(quint32(value.size()));
        raw(value.constData(), value.size() * qsizetype(sizeof(QChar)));
    }
    // A sign and the two 64-bit halves of the magnitude (|units| < 10^28 < 2^94).
    void units(const Money &money)
    {
        const Units &value = money.units();
        const bool negative = value < 0;
        const Units magnitude = negative ? Units(-value) : value;
        u8(negative ? 1 : 0);
        i64(qint64(quint64(magnitude >> 64)));
        i64(qint64(quint64(magnitude & Units(std::numeric_limits<quint64>::max()))));
    }
    QByteArray take() { return std::move(m_bytes); }

private:
    template<typename T>
    void fixed(T value)
    {
        raw(&value, sizeof value);
    }

    QByteArray m_bytes;
};

// Reads what SnapshotWriter wrote; any field past the end sets failed() and reads as zero.
class SnapshotReader
{
public:
    explicit SnapshotReader(const QByteArray &bytes)
        : m_at(bytes.constData())
        , m_end(bytes.constData() + bytes.size())
    {}

    bool failed() const { return m_failed; }
    bool atEnd() const { return m_at == m_end; }

    quint8 u8() { return fixed<quint8>(); }
    quint32 u32() { return qFromLittleEndian(fixed<quint32>()); }
    qint64 i64() { return qFromLittleEndian(fixed<qint64>()); }
    bool raw(void *into, qsizetype size)
    {
        if (m_failed || m_end - m_at < size) {
            m_failed = true;
            return false;
        }
        std::memcpy(into, m_at, std::size_t(size));
        m_at += size;
        return true;
    }
    QString text()
    {
        const quint32 length = u32();
        const qsizetype bytes = qsizetype(length) * qsizetype(sizeof(QChar));
        if (m_failed || m_end - m_at < bytes) {
            m_failed = true;
            return {};
        }
        QString value(qsizetype(length), Qt::Uninitialized);
        std::memcpy(value.data(), m_at, std::size_t(bytes));
        m_at += bytes;
        return value;
    }
    // False for a value outside Money's range.
    bool units(Money &money)
    {
        const quint8 negative = u8();
        const auto high = quint64(i64());
        const auto low = quint64(i64());
        const Units magnitude = (Units(high) << 64) | Units(low);
        if (m_failed || negative > 1 || magnitude > Money::maxUnits())
            return false;
        money = Money::fromUnits(negative ? Units(-magnitude) : magnitude);
        return true;
    }

private:
    template<typename T>
    T fixed()
    {
        T value{};
        raw(&value, sizeof value);
        return value;
    }

    const char *m_at;
    const char *m_end;
    bool m_failed = false;
};

template<typename Key>
QList<Key> sortedKeys(const QList<Key> &keys)
{
    QList<Key> sorted = keys;
    std::sort(sorted.begin(), sorted.end());
    return sorted;
}

void writeRefusal(SnapshotWriter &out, const Refusal &refusal)
{
    out.text(refusal.message);
    out.text(refusal.field);
}

Refusal readRefusal(SnapshotReader &in)
{
    Refusal refusal;
    refusal.message = in.text();
    refusal.field = in.text();
    return refusal;
}

// A reference by place in the list when the id is there, else by text.
void writeReference(SnapshotWriter &out, const std::optional<quint32> &at, const QString &id)
{
    out.u32(at.value_or(unlisted));
    if (!at)
        out.text(id);
}

} // namespace

QByteArray LedgerStateCodec::encode(const LedgerState &state)
{
    // About what the state holds, so that the buffer grows once or twice.
    SnapshotWriter out(state.m_accounts.size() * 220 + state.m_transactions.size() * 180 +
                       state.m_idempotency.size() * 60 + 64);
    out.u32(magic);
    out.u32(quint32(formatVersion));
    out.i64(state.m_position);

    const QList<QString> currencies = sortedKeys(state.m_totals.keys());
    out.u32(quint32(currencies.size()));
    for (const QString &currency : currencies) {
        out.text(currency);
        out.units(state.m_totals.value(currency));
    }
    // The lists in the order the fold built them, which the state shows (accounts() and
    // transactions() are in order of creation): a snapshot and a full replay agree on it.
    out.u32(quint32(state.m_accounts.size()));
    for (const Account &account : state.m_accounts) {
        out.text(account.id);
        out.text(account.ownerId);
        out.text(account.ownerType);
        out.text(account.currency);
        out.u8(quint8(account.type));
        out.u8(quint8(account.status));
        out.units(account.balance);
        out.units(account.minBalance);
        out.u8(account.maxBalance.has_value() ? 1 : 0);
        out.units(account.maxBalance.value_or(Money()));
        out.i64(account.version);
    }
    out.u32(quint32(state.m_transactions.size()));
    for (const Transaction &transaction : state.m_transactions) {
        out.text(transaction.id);
        out.text(transaction.currency);
        writeReference(out, state.m_accountIndex.find(transaction.sourceAccountId),
                       transaction.sourceAccountId);
        writeReference(out, state.m_accountIndex.find(transaction.destinationAccountId),
                       transaction.destinationAccountId);
        writeReference(out,
                       transaction.paymentId.isEmpty()
                           ? std::nullopt
                           : state.m_transactionIndex.find(transaction.paymentId),
                       transaction.paymentId);
        out.text(transaction.failureReason);
        out.u8(quint8(transaction.type));
        out.u8(quint8(transaction.status));
        out.units(transaction.amount);
        out.units(transaction.refunded);
        out.i64(transaction.version);
    }
    auto writeRecord = [&](const StoredIdempotency &record) {
        const std::array<quint8, 32> &hash = record.payloadHash.m_bytes;
        out.raw(hash.data(), qsizetype(hash.size()));
        out.u8(record.targetIsTransaction ? 1 : 0);
        out.u32(record.target);
        out.text(record.rejection > 0 ? state.m_rejections[record.rejection - 1] : QString());
    };
    const IdempotencyIndex &keys = state.m_idempotency;
    const QList<QUuid> uuidKeys = sortedKeys(keys.m_byUuid.keys());
    out.u32(quint32(uuidKeys.size()));
    for (const QUuid &key : uuidKeys) {
        const QByteArray rfc = key.toRfc4122();
        out.raw(rfc.constData(), rfc.size());
        writeRecord(*keys.m_byUuid.find(key));
    }
    const QList<QString> textKeys = sortedKeys(keys.m_byText.keys());
    out.u32(quint32(textKeys.size()));
    for (const QString &key : textKeys) {
        out.text(key);
        writeRecord(keys.m_byText.value(key));
    }
    // Format 4: the words of refusals, which a repeat of a refused command answers with.
    const QList<quint32> failed = sortedKeys(state.m_failures.keys());
    out.u32(quint32(failed.size()));
    for (quint32 at : failed) {
        out.u32(at);
        writeRefusal(out, state.m_failures.value(at));
    }
    const QList<QString> refused = sortedKeys(state.m_refusals.keys());
    out.u32(quint32(refused.size()));
    for (const QString &key : refused) {
        out.text(key);
        writeRefusal(out, state.m_refusals.value(key));
    }
    return out.take();
}

std::optional<LedgerState> LedgerStateCodec::decode(const QByteArray &bytes,
                                                    const CurrencyCatalog &currencies)
{
    SnapshotReader in(bytes);
    LedgerState state(currencies);
    if (in.u32() != magic || in.u32() != quint32(formatVersion))
        return std::nullopt;
    state.m_position = in.i64();
    if (in.failed() || state.m_position < 0)
        return std::nullopt;
    bool ok = true;

    for (quint32 count = in.u32(), i = 0; ok && !in.failed() && i < count; ++i) {
        const QString currency = in.text();
        Money total;
        ok = in.units(total);
        state.m_totals.insert(state.shared(currency), total);
    }
    for (quint32 count = in.u32(), i = 0; ok && !in.failed() && i < count; ++i) {
        Account account;
        account.id = in.text();
        account.ownerId = in.text();
        account.ownerType = state.shared(in.text());
        account.currency = state.shared(in.text());
        const quint8 type = in.u8();
        const quint8 status = in.u8();
        ok = in.units(account.balance) && in.units(account.minBalance);
        const quint8 hasMax = in.u8();
        Money max;
        ok = ok && in.units(max) && hasMax <= 1;
        account.version = in.i64();
        ok = ok && type <= quint8(AccountType::System) && status <= quint8(AccountStatus::Closed);
        account.type = AccountType(type);
        account.status = AccountStatus(status);
        if (hasMax)
            account.maxBalance = max;
        // A second account with one id is a damaged snapshot, not a state to assert on.
        const auto at = quint32(state.m_accounts.size());
        ok = ok && state.m_accountIndex.insert(account.id, at);
        if (ok)
            state.m_accounts.append(std::move(account));
    }
    // A reference by place must point at an aggregate already read.
    auto reference = [&](const auto &list, QString &id) {
        const quint32 at = in.u32();
        if (at == unlisted) {
            id = in.text();
            return true;
        }
        if (qsizetype(at) >= list.size())
            return false;
        id = list[at].id;
        return true;
    };
    for (quint32 count = in.u32(), i = 0; ok && !in.failed() && i < count; ++i) {
        Transaction transaction;
        transaction.id = in.text();
        transaction.currency = state.shared(in.text());
        ok = reference(state.m_accounts, transaction.sourceAccountId) &&
             reference(state.m_accounts, transaction.destinationAccountId) &&
             reference(state.m_transactions, transaction.paymentId);
        transaction.failureReason = state.shared(in.text());
        const quint8 type = in.u8();
        const quint8 status = in.u8();
        ok = ok && in.units(transaction.amount) && in.units(transaction.refunded);
        transaction.version = in.i64();
        ok = ok && type <= quint8(TransactionType::Refund) &&
             status <= quint8(TransactionStatus::Failed);
        transaction.type = TransactionType(type);
        transaction.status = TransactionStatus(status);
        const auto at = quint32(state.m_transactions.size());
        ok = ok && state.m_transactionIndex.insert(transaction.id, at);
        if (ok)
            state.m_transactions.append(std::move(transaction));
    }
    auto readRecord = [&](StoredIdempotency &record) {
        in.raw(record.payloadHash.m_bytes.data(), qsizetype(record.payloadHash.m_bytes.size()));
        const quint8 isTransaction = in.u8();
        record.targetIsTransaction = isTransaction == 1;
        record.target = in.u32();
        // Reasons are a short, fixed list of codes: bytes that name more are no snapshot this
        // ledger wrote (and would overflow the state's small index of them).
        const QString rejection = in.text();
        if (!rejection.isEmpty() && !state.m_rejections.contains(rejection) &&
            state.m_rejections.size() >= rejectionTextsMax)
            return false;
        record.rejection = state.rejectionIndex(rejection);
        const qsizetype listed =
            record.targetIsTransaction ? state.m_transactions.size() : state.m_accounts.size();
        return !in.failed() && isTransaction <= 1 && qsizetype(record.target) < listed;
    };
    for (quint32 count = in.u32(), i = 0; ok && !in.failed() && i < count; ++i) {
        std::array<char, 16> rfc{};
        in.raw(rfc.data(), qsizetype(rfc.size()));
        StoredIdempotency record;
        ok = readRecord(record) &&
             state.m_idempotency.m_byUuid.tryInsert(
                 QUuid::fromRfc4122(QByteArrayView(rfc.data(), qsizetype(rfc.size()))), record);
    }
    for (quint32 count = in.u32(), i = 0; ok && !in.failed() && i < count; ++i) {
        const QString key = in.text();
        StoredIdempotency record;
        ok = readRecord(record) && insertNew(state.m_idempotency.m_byText, key, record);
    }
    for (quint32 count = in.u32(), i = 0; ok && !in.failed() && i < count; ++i) {
        const quint32 at = in.u32();
        const Refusal refusal = readRefusal(in);
        ok = qsizetype(at) < state.m_transactions.size() &&
             state.m_transactions[at].status == TransactionStatus::Failed &&
             insertNew(state.m_failures, at, refusal);
    }
    for (quint32 count = in.u32(), i = 0; ok && !in.failed() && i < count; ++i) {
        const QString key = in.text();
        const Refusal refusal = readRefusal(in);
        const StoredIdempotency *record = state.m_idempotency.find(key);
        ok = record && record->rejection > 0 && insertNew(state.m_refusals, key, refusal);
    }
    if (!ok || in.failed() || !in.atEnd())
        return std::nullopt;
    return state;
}

} // namespace billing
