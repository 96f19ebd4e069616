#include "EmbeddedStorage.h"

namespace billing {

EmbeddedStorage::EmbeddedStorage()
    : m_store(m_database)
    , m_projector(m_database, m_store)
    , m_reader(m_database)
    , m_snapshots(m_database, m_store)
{}

Result<std::unique_ptr<EmbeddedStorage>>
EmbeddedStorage::open(const QString &path, SqliteDatabase::Durability durability)
{
    std::unique_ptr<EmbeddedStorage> storage(new EmbeddedStorage());
    if (Status opened = storage->m_database.open(path, durability); !opened.ok())
        return opened.error();
    if (Status seeded = storage->m_projector.seedCurrencies(); !seeded.ok())
        return seeded.error();
    // Projections may lag after a crash or an interrupted rebuild: finish the job first. A log
    // that cannot be projected (damaged, say) still opens, so that `verify` can name the damage.
    if (Result<qint64> caughtUp = storage->m_projector.catchUp(); !caughtUp.ok())
        qWarning("Projections are behind the log: %s", qPrintable(caughtUp.error().message));
    storage->setInlineProjection(true);
    return storage;
}

void EmbeddedStorage::setInlineProjection(bool enabled)
{
    if (!enabled) {
        m_store.setInlineStep({});
        return;
    }
    m_store.setInlineStep([this](const QList<EventEnvelope> &appended) {
        return m_projector.applyInTransaction(appended);
    });
}

Result<qint64> EmbeddedStorage::catchUpProjections(const std::function<bool(qint64)> &progress)
{
    return m_projector.catchUp(5000, progress);
}

Status EmbeddedStorage::resetProjections()
{
    return m_projector.reset();
}

} // namespace billing
