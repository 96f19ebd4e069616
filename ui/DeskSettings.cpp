#include "DeskSettings.h"

#include <QSettings>

#include <algorithm>

namespace billing::ui {

DeskSettings DeskSettings::load()
{
    const QSettings settings;
    DeskSettings loaded;
    loaded.store = settings.value(QStringLiteral("store")).toString();
    loaded.projections = settings.value(QStringLiteral("projections")).toString();
    loaded.operatorName = settings.value(QStringLiteral("operator")).toString();
    loaded.language = settings.value(QStringLiteral("language")).toString();
    loaded.offerDemoData = settings.value(QStringLiteral("offerDemoData"), true).toBool();
    loaded.auditor = settings.value(QStringLiteral("auditor"), false).toBool();
    loaded.serveRole = settings.value(QStringLiteral("serveRole"), false).toBool();
    loaded.timelineCheckpointEvery = std::max<qint64>(
        1000,
        settings.value(QStringLiteral("timelineCheckpointEvery"), loaded.timelineCheckpointEvery)
            .toLongLong());
    return loaded;
}

void DeskSettings::save() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("store"), store);
    settings.setValue(QStringLiteral("projections"), projections);
    settings.setValue(QStringLiteral("operator"), operatorName);
    settings.setValue(QStringLiteral("language"), language);
    settings.setValue(QStringLiteral("offerDemoData"), offerDemoData);
    settings.setValue(QStringLiteral("auditor"), auditor);
    settings.setValue(QStringLiteral("serveRole"), serveRole);
    settings.setValue(QStringLiteral("timelineCheckpointEvery"), timelineCheckpointEvery);
}

QString DeskSettings::effectiveOperator() const
{
    if (!operatorName.trimmed().isEmpty())
        return operatorName.trimmed();
    const QString login = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    return login.isEmpty() ? QStringLiteral("desk") : login;
}

} // namespace billing::ui
