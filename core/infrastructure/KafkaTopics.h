#pragma once

#include "KafkaSettings.h"

namespace billing::kafka {

// Creates the event topics through Kafka's admin API when they are missing (brokers here run
// with auto-create off, and the partition count is ours to choose): one topic per aggregate
// kind, keyed by aggregate id, `settings.partitions` partitions each; and the one-partition
// command and outcome topics of `billing-cli serve`. Topics that exist already are left as they
// are.
Status ensureTopics(const KafkaSettings &settings, int timeoutMs = 30000);

} // namespace billing::kafka
