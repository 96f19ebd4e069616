#pragma once

#include "application/SourceOffset.h"

#include <librdkafka/rdkafkacpp.h>

#include <deque>

namespace billing {

// Where the broker put each event record a transactional producer sent: its delivery report,
// which the flush inside commit_transaction() serves, so that once a commit has succeeded every
// event of it has its partition and offset (final: a committed transaction is never undone).
// Reports come on the thread that calls the producer (poll, flush, commit, abort), never on
// another, and only for records produced with an opaque from expect().
class KafkaDeliveries final : public RdKafka::DeliveryReportCb
{
public:
    // Starts a batch. The slots of earlier ones are forgotten only once `producer` has no
    // report left to serve: a late report for a record of an aborted batch still finds its slot.
    void begin(RdKafka::Producer &producer);
    // The opaque to produce the record of the event at `position` with.
    void *expect(qint64 position);
    // Where each record of the batch was delivered; every one of them must have been.
    SourceRecords delivered() const;

    void dr_cb(RdKafka::Message &message) override;

private:
    struct Slot
    {
        qint64 position = 0;
        SourceRecord record;
    };
    // A deque: its elements stay where they are as it grows, and the opaques point at them.
    std::deque<Slot> m_slots;
    size_t m_batchStart = 0;
};

} // namespace billing
