#pragma once

#include "SqliteDatabase.h"
#include "SqliteEventStore.h"
#include "SqliteProjectionReader.h"
#include "SqliteProjector.h"
#include "SqliteSnapshotStore.h"
#include "application/LedgerStorage.h"

#include <memory>

namespace billing {

// The embedded default: events and projections in one SQLite file, projections committed in the
// same transaction as the events they come from.
class EmbeddedStorage final : public LedgerStorage
{
public:
    static Result<std::unique_ptr<EmbeddedStorage>>
    open(const QString &path,
         SqliteDatabase::Durability durability = SqliteDatabase::Durability::Full);

    EventStore &events() override { return m_store; }
    ProjectionReader &projections() override { return m_reader; }
    SnapshotStore *snapshots() override { return &m_snapshots; }
    Result<qint64> catchUpProjections(const std::function<bool(qint64)> &progress = {}) override;
    Status resetProjections() override;

    SqliteDatabase &database() { return m_database; }
    // Tests and fault drills: append without projecting, so that projections lag.
    void setInlineProjection(bool enabled);

private:
    EmbeddedStorage();

    SqliteDatabase m_database;
    SqliteEventStore m_store;
    SqliteProjector m_projector;
    SqliteProjectionReader m_reader;
    SqliteSnapshotStore m_snapshots;
};

} // namespace billing
