#pragma once

#include "application/AccountTimeline.h"
#include "application/AsOfCursor.h"
#include "application/LedgerService.h"
#include "application/SnapshotStore.h"
#include "infrastructure/StoreLocation.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace billing::ui {

// The command side as the ledger's own thread sees it: the storage, opened on that thread, and
// the service that decides (embedded) or hands the commands to the ledger's decision maker and
// waits for their outcomes (distributed). Only jobs given to LedgerClient::run() touch it.
class LedgerWork
{
public:
    LedgerStorage &storage() { return *m_storage; }
    LedgerService &service() { return *m_service; }
    // The state with every event the store holds folded in, also those of other processes.
    const LedgerState &freshState();
    // Time travel's cursor over this storage's log, made on first use.
    AsOfCursor &asOf();
    // Every account at every position, caught up with the log: time travel's points. The first
    // call reads the whole log once, unless LedgerClient::readTimelineAside() did.
    Result<const AccountTimeline *> timeline();
    // A timeline read on another thread, saved to the cache folder up to `savedAt`.
    void adoptTimeline(std::unique_ptr<AccountTimeline> timeline, qint64 savedAt);

private:
    friend class LedgerClient;
    SystemClock m_clock;
    TimeOrderedIds m_ids;
    std::unique_ptr<LedgerStorage> m_storage;
    std::unique_ptr<LedgerService> m_service;
    std::unique_ptr<AsOfCursor> m_asOf;
    std::unique_ptr<AccountTimeline> m_timeline;
    qint64 m_timelineSavedAt = 0;
    qint64 m_checkpointEvery = AccountTimeline::defaultCheckpointEvery;
    QString m_catchUpProblem; // the last failed catch-up's, warned about once
};

// The desk's one way to the ledger. Every read and write runs on a thread of its own, in the
// order given, so the UI thread never waits on a store; results come back as continuations run
// on the UI thread.
class LedgerClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LedgerClient)

public:
    // A job runs on the ledger's thread and returns what the UI thread does with its result.
    using Continuation = std::function<void()>;
    using Job = std::function<Continuation(LedgerWork &)>;

    enum class State { Closed, Opening, Ready, Failed };
    // As the CLI: the next open folds at most this many events after the newest snapshot.
    static constexpr qint64 snapshotEvery = SnapshotStore::defaultEvery;
    // Distributed mode: how often the ledger's thread reads what other processes committed to
    // the log and brings the projections up to it, so that the tables show it within about a
    // second even when the process that wrote it stopped before projecting.
    static constexpr int followIntervalMs = 500;

    explicit LedgerClient(StoreLocation location, QObject *parent = nullptr);
    ~LedgerClient() override;

    void open(bool readOnly);
    // Before open(): how often time travel's account timeline keeps a checkpoint.
    void setTimelineCheckpointEvery(qint64 events) { m_work->m_checkpointEvery = events; }
    State state() const { return m_state; }
    bool isReady() const { return m_state == State::Ready; }
    const StoreLocation &location() const { return m_location; }
    const QString &openError() const { return m_openError; }
    // Who issues this desk's commands; every event records it.
    const QString &operatorName() const { return m_operatorName; }
    void setOperatorName(const QString &name) { m_operatorName = name; }

    // Runs `job` once the ledger is open; its continuation runs on this thread unless `context`
    // was destroyed meanwhile. Jobs given before open() finished wait for it.
    void run(QObject *context, Job job);
    // The ledger file only, once: reads time travel's timeline (seconds on a big log the first
    // time) on a thread of its own with its own connection, hands it to the ledger's thread and
    // then runs `done` as a continuation. Commands meanwhile do not wait behind that read.
    void readTimelineAside(QObject *context, Continuation done);
    // A long job's cancel flag (JobProgress), raised when the desk closes, so that quitting
    // does not wait for a verification or an export to run to its end.
    void cancelOnClose(const std::shared_ptr<std::atomic<bool>> &cancelled);

Q_SIGNALS:
    void opened();
    void openFailed(const QString &message);
    // A command this desk ran wrote events; the position is the log's newest.
    void ledgerWritten(qint64 position);

public:
    // For jobs: announce a write (called from a continuation on the UI thread).
    void notifyWritten(qint64 position) { Q_EMIT ledgerWritten(position); }

private:
    void follow();

    StoreLocation m_location;
    State m_state = State::Closed;
    QString m_openError;
    QString m_operatorName;
    QThread m_thread;
    QObject *m_threadContext = nullptr; // lives on m_thread; jobs are queued to it
    std::unique_ptr<LedgerWork> m_work;
    std::unique_ptr<QThread> m_timelineReader;
    std::atomic<bool> m_closing{false};
    std::vector<std::weak_ptr<std::atomic<bool>>> m_cancelOnClose;
    QTimer *m_followTimer = nullptr;
    bool m_following = false; // a follow job is queued or running
    QString m_followProblem;  // the last follow's failure, empty when it succeeded
};

} // namespace billing::ui
