#include "LedgerClient.h"

#include "infrastructure/SavedTimeline.h"

namespace billing::ui {

const LedgerState &LedgerWork::freshState()
{
    // A failed catch-up leaves the state as it was: still consistent, only older.
    if (Status caughtUp = m_service->catchUp(); !caughtUp.ok())
        qWarning("Ledger catch-up failed: %s", qPrintable(caughtUp.error().message));
    return m_service->state();
}

AsOfCursor &LedgerWork::asOf()
{
    if (!m_asOf)
        m_asOf = std::make_unique<AsOfCursor>(m_storage->events(), m_storage->snapshots());
    return *m_asOf;
}

Result<const AccountTimeline *> LedgerWork::timeline()
{
    const SavedTimeline saved = SavedTimeline::forStore(m_storage->events().location());
    if (!m_timeline) {
        std::optional<AccountTimeline> loaded = saved.load(m_storage->events(), m_checkpointEvery);
        m_timeline = std::make_unique<AccountTimeline>(loaded ? std::move(*loaded)
                                                              : AccountTimeline(m_checkpointEvery));
        m_timelineSavedAt = m_timeline->position();
    }
    if (Status caughtUp = m_timeline->catchUp(m_storage->events()); !caughtUp.ok())
        return caughtUp.error();
    // Saved again once reading that many events again would be felt at the next start.
    if (m_timeline->position() - m_timelineSavedAt >= timelineSaveEvery) {
        if (Status written = saved.save(*m_timeline); !written.ok())
            qWarning("%s", qPrintable(written.error().message));
        m_timelineSavedAt = m_timeline->position();
    }
    return m_timeline.get();
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
