#pragma once

#include "SqliteDatabase.h"
#include "application/EventStore.h"

#include <functional>

namespace billing {

// The embedded event store: the `events` table of one SQLite file. An append checks every
// expected version inside one write transaction, so of two processes that decided on the same
// state only the first commits; the other gets CONCURRENCY_CONFLICT and decides again.
class SqliteEventStore final : public EventStore
{
public:
    explicit SqliteEventStore(SqliteDatabase &database);

    // Runs inside the append's transaction after the events are in, so that projections commit
    // with them (one fsync per command) or not at all.
    using InlineStep = std::function<Status(const QList<EventEnvelope> &appended)>;
    void setInlineStep(InlineStep step) { m_inlineStep = std::move(step); }

    Result<QList<EventEnvelope>> append(const QList<EventEnvelope> &events,
                                        const QHash<QString, qint64> &expectedVersions) override;
    Result<QList<EventEnvelope>> read(qint64 after, int limit) override;
    Result<qint64> lastPosition() override;
    // Reads the bodies with SQLite's own API and the canonical reader: no QVariant, no
    // QJsonDocument, no envelope per event (see CanonicalEventReader).
    Status foldInto(LedgerState &state, qint64 upToPosition = 0) override;
    QString location() const override;

private:
    Result<QList<EventEnvelope>> appendLocked(const QList<EventEnvelope> &events,
                                              const QHash<QString, qint64> &expectedVersions);

    SqliteDatabase &m_database;
    InlineStep m_inlineStep;
};

} // namespace billing
