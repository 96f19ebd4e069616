#pragma once

#include "UuidMap.h"

#include <QHash>
#include <QString>
#include <QStringView>
#include <QUuid>

#include <optional>

namespace billing {

// Only the exact text QUuid::toString(WithoutBraces) gives back (lower-case hex, dashes), so
// that an id or key kept as its 16 bytes is never told apart from its text.
std::optional<QUuid> canonicalUuid(QStringView text);

// Adds `value` under `key` unless the key is there: one lookup, since operator[] adds a
// default value for a new key (QHash has no try_emplace in Qt 6.4).
template<typename Key, typename Value>
bool insertNew(QHash<Key, Value> &hash, const Key &key, const Value &value)
{
    const qsizetype before = hash.size();
    Value &slot = hash[key];
    if (hash.size() == before)
        return false;
    slot = value;
    return true;
}

// Where each aggregate sits in its list, by id. Generated ids are canonical UUIDs and are kept
// as their 16 bytes, a fifth of a 36-character QString's cost; any other id as its text.
class AggregateIndex
{
public:
    std::optional<quint32> find(QStringView id) const;
    // False, and nothing changed, when the id is there already: one lookup where a find() and
    // then an insert() took two.
    [[nodiscard]] bool insert(const QString &id, quint32 at);
    void remove(QStringView id);
    qsizetype size() const { return m_byUuid.size() + m_byText.size(); }

private:
    UuidMap<quint32> m_byUuid;
    QHash<QString, quint32> m_byText;
};

} // namespace billing
