#pragma once

#include "Invariant.h"

#include <QHashFunctions>
#include <QList>
#include <QUuid>

#include <array>
#include <bit>
#include <cstring>
#include <optional>
#include <utility>
#include <vector>

namespace billing {

// A map from UUIDs to small values, flat: each key and its value sit in one slot of an array
// found by linear probing, so a lookup costs one cache miss where QHash's span and node cost
// two. Replay looks up several ids per event among hundreds of thousands, and that second miss
// was most of its lookups' time. The table grows to twice its size past 7/8 full, which keeps
// it smaller than QHash's at the same count. The hash is Qt's seeded qHash(QUuid) (what QHash
// uses) spread over all bits by a Fibonacci multiply, as linear probing needs.
template<typename Value>
class UuidMap
{
public:
    qsizetype size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    qsizetype capacity() const { return qsizetype(m_slots.size()); }

    const Value *find(const QUuid &key) const
    {
        if (isNull(key))
            return m_null ? &*m_null : nullptr;
        if (m_slots.empty())
            return nullptr;
        for (std::size_t at = home(key);; at = next(at)) {
            const Slot &slot = m_slots[at];
            if (isNull(slot.key))
                return nullptr;
            if (same(slot.key, key))
                return &slot.value;
        }
    }

    // Adds the value unless the key is there already: then it returns false and changes nothing.
    bool tryInsert(const QUuid &key, const Value &value)
    {
        if (isNull(key)) {
            if (m_null)
                return false;
            m_null = value;
            ++m_size;
            return true;
        }
        if (8 * (m_size + 1) > 7 * capacity())
            rehash(m_slots.empty() ? initialCapacity : 2 * m_slots.size());
        // An empty slot is left, so that every probe ends.
        BILLING_ASSERT(8 * (m_size + 1) <= 7 * capacity());
        for (std::size_t at = home(key);; at = next(at)) {
            Slot &slot = m_slots[at];
            if (same(slot.key, key))
                return false;
            if (isNull(slot.key)) {
                slot = Slot{key, value};
                ++m_size;
                return true;
            }
        }
    }

    // As QHash::insert: the value replaces any the key had.
    void insert(const QUuid &key, const Value &value)
    {
        if (tryInsert(key, value))
            return;
        if (auto *existing = const_cast<Value *>(find(key)))
            *existing = value;
    }

    bool remove(const QUuid &key)
    {
        if (isNull(key)) {
            const bool had = m_null.has_value();
            m_size -= had ? 1 : 0;
            m_null.reset();
            return had;
        }
        if (m_slots.empty())
            return false;
        std::size_t at = home(key);
        while (!same(m_slots[at].key, key)) {
            if (isNull(m_slots[at].key))
                return false;
            at = next(at);
        }
        closeGap(at);
        --m_size;
        return true;
    }

    // QHash's value(): a default value for a key that is not there.
    Value value(const QUuid &key) const
    {
        const Value *found = find(key);
        return found ? *found : Value();
    }
    Value operator[](const QUuid &key) const { return value(key); }

    // In no particular order, as QHash's.
    QList<QUuid> keys() const
    {
        QList<QUuid> all;
        all.reserve(m_size);
        if (m_null)
            all.append(QUuid());
        for (const Slot &slot : m_slots) {
            if (!isNull(slot.key))
                all.append(slot.key);
        }
        return all;
    }

    // Where the key's probe starts, in a table of `capacity` slots (a power of two); public so
    // that tests can make keys collide.
    static std::size_t home(const QUuid &key, std::size_t capacity)
    {
        constexpr quint64 golden = 0x9e3779b97f4a7c15ULL; // 2^64 / the golden ratio, odd
        const quint64 spread = quint64(qHash(key, QHashSeed::globalSeed())) * golden;
        return std::size_t(spread >> (64 - std::countr_zero(capacity)));
    }

private:
    // The null UUID marks an empty slot, so a null key is kept aside in m_null.
    struct Slot
    {
        QUuid key;
        Value value{};
    };

    static constexpr std::size_t initialCapacity = 16;

    // As two words: QUuid::isNull() is a call into QtCore, and these run on every probe.
    static std::array<quint64, 2> words(const QUuid &key)
    {
        static_assert(sizeof(QUuid) == 16);
        std::array<quint64, 2> words{};
        std::memcpy(words.data(), &key, sizeof key);
        return words;
    }
    static bool isNull(const QUuid &key) { return words(key) == std::array<quint64, 2>{}; }
    static bool same(const QUuid &a, const QUuid &b) { return words(a) == words(b); }

    std::size_t home(const QUuid &key) const { return home(key, m_slots.size()); }
    std::size_t next(std::size_t at) const { return (at + 1) & (m_slots.size() - 1); }

    void rehash(std::size_t capacity)
    {
        BILLING_ASSERT(capacity >= initialCapacity && (capacity & (capacity - 1)) == 0);
        std::vector<Slot> old = std::exchange(m_slots, std::vector<Slot>(capacity));
        for (const Slot &slot : old) {
            if (isNull(slot.key))
                continue;
            std::size_t at = home(slot.key);
            while (!isNull(m_slots[at].key))
                at = next(at);
            m_slots[at] = slot;
        }
    }

    // Removing from a linear probe without tombstones: the keys after the gap whose probe
    // passes through it move back into it, so that every key stays reachable from its home.
    void closeGap(std::size_t gap)
    {
        for (std::size_t at = next(gap);; at = next(at)) {
            Slot &slot = m_slots[at];
            if (isNull(slot.key))
                break;
            const std::size_t wanted = home(slot.key);
            // Whether `wanted` lies cyclically in (gap, at]: then the key may stay where it is.
            const bool staysReachable =
                gap < at ? (wanted > gap && wanted <= at) : (wanted > gap || wanted <= at);
            if (staysReachable)
                continue;
            m_slots[gap] = slot;
            gap = at;
        }
        m_slots[gap] = Slot{};
    }

    std::vector<Slot> m_slots; // empty, or a power of two in size
    std::optional<Value> m_null;
    qsizetype m_size = 0;
};

} // namespace billing
