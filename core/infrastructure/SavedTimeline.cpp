#include "SavedTimeline.h"

#include "AccountTimelineCodec.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace billing {

SavedTimeline::SavedTimeline(QString path)
    : m_path(std::move(path))
{}

SavedTimeline SavedTimeline::forStore(const QString &storeLocation)
{
    const QByteArray name =
        QCryptographicHash::hash(storeLocation.toUtf8(), QCryptographicHash::Sha1).toHex();
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    return SavedTimeline(
        QDir(folder).filePath(QStringLiteral("timeline-%1.bin").arg(QString::fromLatin1(name))));
}

std::optional<AccountTimeline> SavedTimeline::load(EventStore &store, qint64 checkpointEvery) const
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    std::optional<AccountTimeline> timeline =
        AccountTimelineCodec::decode(file.readAll(), checkpointEvery);
    if (!timeline || timeline->position() == 0)
        return std::nullopt;
    // Only while the log still holds the saved timeline's last event, unchanged.
    const Result<QList<EventEnvelope>> last = store.read(timeline->position() - 1, 1);
    if (!last.ok() || last.value().isEmpty() ||
        last.value().first().position != timeline->position() ||
        last.value().first().hash != timeline->lastHash())
        return std::nullopt;
    return timeline;
}

Status SavedTimeline::save(const AccountTimeline &timeline) const
{
    const auto failed = [this](const QString &why) {
        return Error{QStringLiteral("CACHE_WRITE_FAILED"),
                     QStringLiteral("cannot save the timeline to %1: %2").arg(m_path, why),
                     QString()};
    };
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return failed(QStringLiteral("no folder"));
    // Written whole or not at all: a half-written cache would only be refused, but need not be.
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly))
        return failed(file.errorString());
    file.write(AccountTimelineCodec::encode(timeline));
    if (!file.commit())
        return failed(file.errorString());
    return Done{};
}

} // namespace billing
