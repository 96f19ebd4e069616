#pragma once

#include "DistributedStorage.h"

#include <QJsonObject>

#include <atomic>
#include <functional>

namespace billing {

// The decision maker's role on a distributed ledger, as `billing-cli serve` and a desk with the
// serve role hold it (docs/distributed.md, "Who decides"): a KafkaCommandServer on the storage's
// ledger with the writers' transactional id, whose committed events the storage projects. The
// server decides on a thread of its own while the calling thread, which must be the storage's
// (its PostgreSQL connection belongs to it), projects what it committed, so that the next batch
// is decided while the last one is projected. Until `stop` is set; `report` gets each change of
// role (from the deciding thread). While it holds the role it saves a snapshot of the state
// once `snapshotEvery` events, and a quarter of the log, came after the newest (ServeSnapshots;
// 0: never). Returns how many commands it decided.
qint64 holdServeRole(DistributedStorage &storage, const std::atomic<bool> &stop,
                     std::function<void(const QJsonObject &)> report, qint64 snapshotEvery);

} // namespace billing
