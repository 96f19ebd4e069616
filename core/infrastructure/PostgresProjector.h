#pragma once

#include "PostgresDatabase.h"
#include "application/EventStore.h"
#include "application/SourceOffset.h"
#include "domain/CurrencyCatalog.h"
#include "domain/EventEnvelope.h"

#include <functional>
#include <optional>

namespace billing {

// Keeps the PostgreSQL projections equal to a replay of the log. Each batch is one PostgreSQL
// transaction holding its rows, the new checkpoint (the last position applied) and the source
// offsets it was read up to, so a crash at any point leaves the projections at one exact
// position. The checkpoint row is locked for the batch (SELECT ... FOR UPDATE), so two projectors
// on one database take turns, and events at or below the checkpoint are skipped: nothing is
// applied twice, whoever delivers it again.
class PostgresProjector
{
public:
    static const QString name;

    explicit PostgresProjector(PostgresDatabase &database,
                               CurrencyCatalog currencies = CurrencyCatalog::standard());

    // Writes the catalog into `currencies` and the checkpoint row, unless they are there.
    Status seedCurrencies();
    // Applies the events after the checkpoint, which must follow it without a gap, and records,
    // for each partition that holds one of the events applied, the offset after the last of them
    // (from `records`: where the source holds each event; none when empty). Events skipped at or
    // below the checkpoint move no offset, so a stored offset is never ahead of the checkpoint.
    // Returns the checkpoint after the batch.
    Result<qint64> applyBatch(const QList<EventEnvelope> &events,
                              const SourceRecords &records = {});
    // Reads `source` from the checkpoint on in batches of `batchSize`, with the offsets it gives
    // (EventStore::sourceRecords()); `progress` gets the checkpoint after each batch and may
    // return false to stop (what was done stays done).
    Result<qint64> catchUp(EventStore &source, int batchSize = 2000,
                           const std::function<bool(qint64)> &progress = {});
    // Empties the projections, the checkpoint and the offsets in one transaction.
    Status reset();
    Result<qint64> checkpoint();
    Result<QList<SourceOffset>> offsets();
    // Where a reader of the log can start to bring the projections up to it: the checkpoint,
    // the hash of the event there and the stored offsets. None at position 0, or when the
    // hash is not known (a checkpoint from before it was stored).
    Result<std::optional<ReadPoint>> resumePoint();
    // A batch that passes a multiple of `events` notes a place in the log there
    // (PostgresLogPlaces); 0, the default, notes none.
    void notePlacesEvery(qint64 events) { m_placeEvery = events; }
    // Fault drills only: called inside the batch's transaction after each event is applied.
    void setEventAppliedHook(std::function<void(qint64 position)> hook);

private:
    Result<qint64> lockedCheckpoint();
    Status apply(const EventEnvelope &event);
    Status applyAccountEvent(const EventEnvelope &event, const QString &timestamp);
    Status applyTransactionEvent(const EventEnvelope &event, const QString &timestamp);
    Status applyAuditEntry(const EventEnvelope &event, const QString &timestamp);
    // `hash`: of the event at `position`; empty when the batch applied none (it stays).
    Status saveProgress(qint64 position, const QString &hash, const QList<SourceOffset> &offsets);

    PostgresDatabase &m_database;
    CurrencyCatalog m_currencies;
    std::function<void(qint64)> m_eventApplied;
    qint64 m_placeEvery = 0;
};

} // namespace billing
