#include "KafkaDeliveries.h"

#include "domain/Invariant.h"

namespace billing {

void KafkaDeliveries::begin(RdKafka::Producer &producer)
{
    if (producer.outq_len() == 0)
        m_slots.clear();
    m_batchStart = m_slots.size();
}

void *KafkaDeliveries::expect(qint64 position)
{
    BILLING_ASSERT(position > 0);
    m_slots.push_back(Slot{position, {}});
    return &m_slots.back();
}

SourceRecords KafkaDeliveries::delivered() const
{
    SourceRecords records;
    for (size_t i = m_batchStart; i < m_slots.size(); ++i) {
        // A transaction commits only once each of its records was delivered (acks=all).
        BILLING_ASSERT(m_slots[i].record.offset >= 0);
        records.insert(m_slots[i].position, m_slots[i].record);
    }
    return records;
}

void KafkaDeliveries::dr_cb(RdKafka::Message &message)
{
    // Outcomes and other records of the transaction carry no opaque; a failed record fails its
    // transaction, whose commit then fails too.
    auto *slot = static_cast<Slot *>(message.msg_opaque());
    if (!slot || message.err() != RdKafka::ERR_NO_ERROR)
        return;
    slot->record = SourceRecord{QString::fromStdString(message.topic_name()), message.partition(),
                                message.offset()};
}

} // namespace billing
