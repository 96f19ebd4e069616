#pragma once

#include "SourceOffset.h"
#include "domain/EventEnvelope.h"
#include "domain/Result.h"

#include <QHash>
#include <QList>

#include <functional>

namespace billing {

class LedgerState;

// The write side's source of truth: an append-only, totally ordered, hash-chained log.
class EventStore
{
public:
    virtual ~EventStore() = default;

    // Appends all events or none. Fails with CONCURRENCY_CONFLICT when any aggregate in
    // `expectedVersions` has moved on, or an idempotency key was taken meanwhile. The result
    // holds the events as written: positioned and hashed.
    virtual Result<QList<EventEnvelope>> append(const QList<EventEnvelope> &events,
                                                const QHash<QString, qint64> &expectedVersions) = 0;
    // Events with position > after, in order, at most `limit` of them.
    virtual Result<QList<EventEnvelope>> read(qint64 after, int limit) = 0;
    virtual Result<qint64> lastPosition() = 0;
    // Folds the events after state.position() into `state`, up to `upToPosition` (0: all of
    // them). The same as applying what read() returns; a store may read faster for the fold.
    virtual Status foldInto(LedgerState &state, qint64 upToPosition = 0);
    // Where the store's partitioned source holds each of `events` (as append() or read() returned
    // them), so that a projector can record how far it has read each partition. None for a store
    // without partitions (SQLite); a partitioned one knows every event it returned.
    virtual SourceRecords sourceRecords(const QList<EventEnvelope> & /*events*/) const
    {
        return {};
    }
    // "sqlite:/path/ledger.db", for the status bar and the CLI.
    virtual QString location() const = 0;
};

// foldInto() for a log that is input: a forged or damaged one can break a ledger rule when
// folded (money from nowhere, a version skipped), which then fails with LEDGER_TAMPERED naming
// that event instead of stopping the process. `state` is then half folded: throw it away.
Status foldAudited(EventStore &store, LedgerState &state, qint64 upToPosition = 0);
// The same for any `fold` that applies logged events to `state`.
Status foldAudited(LedgerState &state, const std::function<Status()> &fold);
// The same for any fold of the log: `applying` names the event it was applying when a rule broke.
Status foldAudited(const std::function<Status()> &fold, const std::function<qint64()> &applying);

} // namespace billing
