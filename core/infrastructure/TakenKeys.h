#pragma once

#include "domain/AggregateIndex.h"

#include <QSet>
#include <QString>

namespace billing {

// The idempotency keys a log holds, which a writer must not take twice. A reader keeps one
// per command for as long as it lives, so a key in the canonical UUID form (what clients send
// unless told otherwise) is kept as its 16 bytes in a flat table, about 20 bytes where a
// QSet<QString> took about 130; any other key as its text.
class TakenKeys
{
public:
    bool contains(QStringView key) const
    {
        if (const std::optional<QUuid> uuid = canonicalUuid(key))
            return m_uuids.find(*uuid) != nullptr;
        return m_texts.contains(key.toString());
    }
    void insert(const QUuid &key) { (void)m_uuids.tryInsert(key, true); }
    void insert(const QString &key)
    {
        if (const std::optional<QUuid> uuid = canonicalUuid(key))
            (void)m_uuids.tryInsert(*uuid, true);
        else
            m_texts.insert(key);
    }

private:
    UuidMap<bool> m_uuids;
    QSet<QString> m_texts;
};

} // namespace billing
