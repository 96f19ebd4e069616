#include "LedgerClient.h"

#include "domain/ReasonCode.h"
#include "infrastructure/SavedTimeline.h"

namespace billing::ui {

const LedgerState &LedgerWork::freshState()
{
    // A failed catch-up leaves the state as it was: still consistent, only older (or empty, on
    // a log that breaks the ledger's rules: see LedgerService::catchUp).
    const Status caughtUp = m_service->catchUp();
    const QString problem = caughtUp.ok() ? QString() : caughtUp.error().message;
    if (!problem.isEmpty() && problem != m_catchUpProblem)
        qWarning("Ledger catch-up failed: %s", qPrintable(problem));
    m_catchUpProblem = problem;
    return m_service->state();
}

AsOfCursor &LedgerWork::asOf()
{
    if (!m_asOf)
        m_asOf = std::make_unique<AsOfCursor>(m_storage->events(), m_storage->snapshots());
    return *m_asOf;
}

namespace {

// Saved again once reading that many events again would be felt at the next start.
constexpr qint64 timelineSaveEvery = 50000;

// The saved timeline when it still matches the log, or a new one.
std::unique_ptr<AccountTimeline> startTimeline(EventStore &events, qint64 checkpointEvery)
{
    std::optional<AccountTimeline> loaded =
        SavedTimeline::forStore(events.location()).load(events, checkpointEvery);
    return std::make_unique<AccountTimeline>(loaded ? std::move(*loaded)
                                                    : AccountTimeline(checkpointEvery));
}

void saveWhenDue(EventStore &events, const AccountTimeline &timeline, qint64 &savedAt)
{
    if (timeline.position() - savedAt < timelineSaveEvery)
        return;
    if (Status written = SavedTimeline::forStore(events.location()).save(timeline); !written.ok())
        qWarning("%s", qPrintable(written.error().message));
    savedAt = timeline.position();
}

} // namespace

Result<const AccountTimeline *> LedgerWork::timeline()
{
    if (!m_timeline) {
        m_timeline = startTimeline(m_storage->events(), m_checkpointEvery);
        m_timelineSavedAt = m_timeline->position();
    }
    if (Status caughtUp = m_timeline->catchUp(m_storage->events()); !caughtUp.ok()) {
        // Half applied on an event that breaks the rules: read again from the start next time.
        if (caughtUp.error().code == reason::ledgerTampered)
            m_timeline.reset();
        return caughtUp.error();
    }
    saveWhenDue(m_storage->events(), *m_timeline, m_timelineSavedAt);
    return m_timeline.get();
}

void LedgerWork::adoptTimeline(std::unique_ptr<AccountTimeline> timeline, qint64 savedAt)
{
    BILLING_ASSERT(timeline);
    // One read before it may already have made one (a travel that did not wait).
    if (m_timeline && m_timeline->position() >= timeline->position())
        return;
    m_timeline = std::move(timeline);
    m_timelineSavedAt = savedAt;
}

LedgerClient::LedgerClient(StoreLocation location, QObject *parent)
    : QObject(parent)
    , m_location(std::move(location))
    , m_work(std::make_unique<LedgerWork>())
{
    m_threadContext = new QObject;
    m_threadContext->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_threadContext, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("ledger-commands"));
    m_thread.start();
}

LedgerClient::~LedgerClient()
{
    // A timeline read aside stops at its next chunk; it must not outlive this.
    m_closing = true;
    for (const std::weak_ptr<std::atomic<bool>> &flag : m_cancelOnClose) {
        if (const std::shared_ptr<std::atomic<bool>> cancelled = flag.lock())
            *cancelled = true;
    }
    if (m_timelineReader)
        m_timelineReader->wait();
    // The storage's connections belong to the ledger thread, so they are closed there, after the
    // jobs already queued.
    LedgerWork *work = m_work.get();
    QMetaObject::invokeMethod(
        m_threadContext,
        [work] {
            work->m_asOf.reset();
            work->m_timeline.reset();
            work->m_service.reset();
            work->m_storage.reset();
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void LedgerClient::cancelOnClose(const std::shared_ptr<std::atomic<bool>> &cancelled)
{
    // Flags of jobs long over are dropped here, so the list stays as short as the jobs running.
    std::erase_if(m_cancelOnClose,
                  [](const std::weak_ptr<std::atomic<bool>> &flag) { return flag.expired(); });
    m_cancelOnClose.push_back(cancelled);
}

void LedgerClient::open(bool readOnly)
{
    BILLING_ASSERT(m_state == State::Closed);
    m_state = State::Opening;
    LedgerWork *work = m_work.get();
    const StoreLocation location = m_location;
    QMetaObject::invokeMethod(
        m_threadContext,
        [this, work, location, readOnly] {
            Result<std::unique_ptr<LedgerStorage>> storage = openStorage(
                location, readOnly ? StorageAccess::ReadOnly : StorageAccess::ReadWrite);
            QString error;
            if (storage.ok()) {
                work->m_storage = std::move(storage.value());
                // Distributed: the commands go to the ledger's one decision maker (a serve, or a
                // desk with the serve role), as billing-cli's do. Appending here would take the
                // writers' transactional id and fence it. The auditor sends nothing, so it opens
                // no bus; embedded storage has none and decides here.
                Result<CommandBus *> bus = static_cast<CommandBus *>(nullptr);
                if (!readOnly)
                    bus = work->m_storage->commandBus();
                work->m_service = std::make_unique<LedgerService>(work->m_storage->events(),
                                                                  work->m_clock, work->m_ids);
                work->m_service->setSnapshots(work->m_storage->snapshots(), snapshotEvery);
                work->m_service->setReadOnly(readOnly);
                if (!bus.ok()) {
                    error = bus.error().message;
                } else {
                    work->m_service->setCommandBus(bus.value());
                    if (Status opened = work->m_service->open(); !opened.ok())
                        error = opened.error().message;
                }
            } else {
                error = storage.error().message;
            }
            QMetaObject::invokeMethod(
                this,
                [this, error] {
                    m_state = error.isEmpty() ? State::Ready : State::Failed;
                    m_openError = error;
                    if (!error.isEmpty()) {
                        Q_EMIT openFailed(error);
                        return;
                    }
                    if (m_location.kind == StoreLocation::Kind::Kafka) {
                        m_followTimer = new QTimer(this);
                        connect(m_followTimer, &QTimer::timeout, this, &LedgerClient::follow);
                        m_followTimer->start(followIntervalMs);
                    }
                    Q_EMIT opened();
                },
                Qt::QueuedConnection);
            // After the desk was told it is open: the next open starts from here. Commands wait
            // behind it only this once.
            if (error.isEmpty())
                work->m_service->saveSnapshotWhenDue();
        },
        Qt::QueuedConnection);
}

void LedgerClient::readTimelineAside(QObject *context, Continuation done)
{
    BILLING_ASSERT(context && m_location.kind == StoreLocation::Kind::Sqlite);
    BILLING_ASSERT(!m_timelineReader);
    const StoreLocation location = m_location;
    const qint64 checkpointEvery = m_work->m_checkpointEvery;
    const QPointer<QObject> guard(context);
    m_timelineReader.reset(QThread::create([this, location, checkpointEvery, guard, done] {
        // Its own connection to the file: the ledger's thread goes on deciding meanwhile.
        auto read = std::make_shared<std::unique_ptr<AccountTimeline>>();
        qint64 savedAt = 0;
        Result<std::unique_ptr<LedgerStorage>> storage =
            openStorage(location, StorageAccess::ReadOnly);
        if (storage.ok()) {
            EventStore &events = storage.value()->events();
            std::unique_ptr<AccountTimeline> timeline = startTimeline(events, checkpointEvery);
            savedAt = timeline->position();
            if (timeline->catchUp(events, [this] { return !m_closing.load(); }).ok() &&
                !m_closing.load()) {
                saveWhenDue(events, *timeline, savedAt);
                *read = std::move(timeline);
            }
        }
        QMetaObject::invokeMethod(
            this,
            [this, guard, read, savedAt, done] {
                if (!guard)
                    return;
                // What it could not read, the ledger's thread reads on the first travel.
                run(guard, [read, savedAt, done](LedgerWork &work) -> Continuation {
                    if (*read)
                        work.adoptTimeline(std::move(*read), savedAt);
                    return done;
                });
            },
            Qt::QueuedConnection);
    }));
    m_timelineReader->setObjectName(QStringLiteral("timeline"));
    m_timelineReader->start(QThread::LowPriority);
}

void LedgerClient::run(QObject *context, Job job)
{
    BILLING_ASSERT(context && job);
    BILLING_ASSERT(m_state != State::Closed);
    const QPointer<QObject> guard(context);
    LedgerWork *work = m_work.get();
    QMetaObject::invokeMethod(
        m_threadContext,
        [this, work, guard, job = std::move(job)] {
            // A store that failed to open runs no job: there is nothing to run it on.
            if (!work->m_service)
                return;
            Continuation continuation = job(*work);
            QMetaObject::invokeMethod(
                this,
                [guard, continuation = std::move(continuation)] {
                    if (guard && continuation)
                        continuation();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

} // namespace billing::ui

namespace billing::ui {

void LedgerClient::follow()
{
    // One follow at a time: a slow read of the log skips ticks instead of piling jobs up in
    // front of the commands.
    if (m_following)
        return;
    m_following = true;
    run(this, [this](LedgerWork &work) -> Continuation {
        work.freshState();
        // Read-only storage writes nothing here: it answers with the writers' checkpoint.
        const Result<qint64> projected = work.storage().catchUpProjections();
        const QString problem = projected.ok() ? QString() : projected.error().message;
        return [this, problem] {
            m_following = false;
            // Said once per problem, not twice a second while a server is away.
            if (!problem.isEmpty() && problem != m_followProblem)
                qWarning("Projections are behind the log: %s", qPrintable(problem));
            m_followProblem = problem;
        };
    });
}

} // namespace billing::ui
