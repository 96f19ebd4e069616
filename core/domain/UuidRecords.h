#pragma once

#include "ChunkedList.h"
#include "UuidMap.h"

namespace billing {

// Records by UUID, kept apart from the table that finds them: its slots hold only the key and
// the record's place (20 bytes), so that a probe reads few cache lines, and the records sit
// packed in the order they came, which is the order a fold writes them in. For records much
// bigger than a place (the ledger's idempotency records are 40 bytes) that is both faster to
// add and smaller than keeping them in the slots.
template<typename Record>
class UuidRecords
{
public:
    qsizetype size() const { return m_places.size(); }

    const Record *find(const QUuid &key) const
    {
        const quint32 *place = m_places.find(key);
        return place ? &m_records[*place] : nullptr;
    }

    // Adds the record unless the key is there already: then it returns false and changes nothing.
    bool tryInsert(const QUuid &key, const Record &record)
    {
        const auto place = quint32(m_records.size());
        BILLING_ASSERT(qsizetype(place) == m_records.size());
        if (!m_places.tryInsert(key, place))
            return false;
        m_records.append(record);
        return true;
    }

    // As QHash::insert: the record replaces any the key had.
    void insert(const QUuid &key, const Record &record)
    {
        if (const quint32 *place = m_places.find(key))
            m_records[*place] = record;
        else
            tryInsert(key, record);
    }

    // The newest record gives its place back (an undo removes keys newest first); any other
    // leaves an unused place behind, which only a rare undo makes.
    bool remove(const QUuid &key)
    {
        const quint32 *found = m_places.find(key);
        if (!found)
            return false;
        const quint32 place = *found;
        m_places.remove(key);
        if (qsizetype(place) + 1 == m_records.size())
            m_records.truncate(place);
        return true;
    }

    // What LedgerStateCodec reads and writes, as it did of a QHash.
    QList<QUuid> keys() const { return m_places.keys(); }
    Record operator[](const QUuid &key) const
    {
        const Record *found = find(key);
        return found ? *found : Record();
    }

    // Places held, the unused ones included (for tests).
    qsizetype placesUsed() const { return m_records.size(); }

private:
    UuidMap<quint32> m_places;
    ChunkedList<Record> m_records;
};

} // namespace billing
