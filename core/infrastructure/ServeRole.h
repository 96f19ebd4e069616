#pragma once

#include "DistributedStorage.h"

#include <QJsonObject>

#include <atomic>
#include <functional>

namespace billing {

// The decision maker's role on a distributed ledger, as `billing-cli serve` and a desk with the
// serve role hold it (docs/distributed.md, "Who decides"): a KafkaCommandServer on the storage's
// ledger with the writers' transactional id, that brings the storage's projections up to the log
// after each commit. Runs on the calling thread, which must be the storage's (its PostgreSQL
// connection belongs to it), until `stop` is set; `report` gets each change of role. Returns
// how many commands it decided.
qint64 holdServeRole(DistributedStorage &storage, const std::atomic<bool> &stop,
                     std::function<void(const QJsonObject &)> report);

} // namespace billing
