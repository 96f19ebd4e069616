#include "DeskServeRole.h"

#include "application/SnapshotStore.h"
#include "infrastructure/DistributedStorage.h"
#include "infrastructure/ServeRole.h"

#include <QDeadlineTimer>
#include <QJsonDocument>

namespace billing::ui {

QString DeskServeRole::refusal(const StoreLocation &location, bool auditor)
{
    if (auditor)
        return tr("An auditor's desk does not hold the serve role: it decides no commands.");
    if (location.kind != StoreLocation::Kind::Kafka)
        return tr("The serve role needs the distributed store (kafka:HOST:PORT).");
    return {};
}

DeskServeRole::DeskServeRole(StoreLocation location, QObject *parent)
    : QObject(parent)
    , m_location(std::move(location))
{}

DeskServeRole::~DeskServeRole()
{
    if (!m_thread)
        return;
    // Bounded by the batch in hand (its commit and up to 2 s of projections) and by leaving the
    // group; the desk's window is already gone when this runs at exit.
    m_stop.store(true);
    m_thread->wait();
}

void DeskServeRole::start()
{
    BILLING_ASSERT(!m_thread);
    BILLING_ASSERT(refusal(m_location, false).isEmpty());
    m_thread.reset(QThread::create([this] { serve(); }));
    m_thread->setObjectName(QStringLiteral("ledger-serve-role"));
    m_thread->start();
}

void DeskServeRole::serve()
{
    const auto report = [this](const QJsonObject &object) {
        // The same JSON lines as `billing-cli serve` prints, for the operator's log.
        qInfo("serve role: %s", QJsonDocument(object).toJson(QJsonDocument::Compact).constData());
        QMetaObject::invokeMethod(
            this, [this, object] { onReport(object); }, Qt::QueuedConnection);
    };
    while (!m_stop.load()) {
        // A storage of this thread's own: its PostgreSQL connection belongs to the thread that
        // opened it, and the projections are brought up here after each commit.
        Result<std::unique_ptr<LedgerStorage>> storage = openStorage(m_location);
        auto *distributed =
            storage.ok() ? dynamic_cast<DistributedStorage *>(storage.value().get()) : nullptr;
        if (distributed) {
            holdServeRole(*distributed, m_stop, report, SnapshotStore::defaultEvery);
            return;
        }
        report({{QStringLiteral("role"), QStringLiteral("failed")},
                {QStringLiteral("error"),
                 storage.ok() ? refusal(m_location, false) : storage.error().message}});
        // The broker or the server may come back; tried again until the desk closes.
        const QDeadlineTimer pause(reopenPauseMs);
        while (!m_stop.load() && !pause.hasExpired())
            QThread::msleep(100);
    }
}

void DeskServeRole::onReport(const QJsonObject &report)
{
    const QString role = report.value(u"role").toString();
    if (role.isEmpty())
        return;
    m_role = role;
    m_detail = report.value(u"error").toString();
    Q_EMIT roleChanged(m_role);
}

QString DeskServeRole::text() const
{
    if (m_role == u"holder")
        return tr("Serve role: deciding commands");
    if (m_role == u"standby")
        return tr("Serve role: standing by");
    if (m_role == u"failed")
        return tr("Serve role failed: %1").arg(m_detail);
    return tr("Serve role: joining");
}

} // namespace billing::ui
