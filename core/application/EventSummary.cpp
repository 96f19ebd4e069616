#include "EventSummary.h"

#include "domain/EventEnvelope.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace billing {
namespace {

QString shortId(const QJsonObject &data, const QString &key)
{
    return data.value(key).toString().left(8);
}

} // namespace

QString eventSummary(const QString &eventType, const QString &dataJson)
{
    const QJsonObject data = QJsonDocument::fromJson(dataJson.toUtf8()).object();
    const auto text = [&data](const char *key) {
        return data.value(QString::fromLatin1(key)).toString();
    };
    if (eventType == event::accountCreated)
        return QStringLiteral("%1 %2 account of %3")
            .arg(text("type"), text("currency"), text("ownerId"));
    if (eventType == event::accountStatusChanged)
        return QStringLiteral("%1 → %2").arg(text("from"), text("to"));
    if (eventType == event::accountLimitsChanged)
        return QStringLiteral("limits %1 … %2").arg(text("minBalance"), text("maxBalance"));
    if (eventType == event::accountCommandRejected)
        return QStringLiteral("refused: %1").arg(text("reason"));
    if (eventType == event::balanceChanged)
        return QStringLiteral("%1 %2, balance %3")
            .arg(text("amount"), text("currency"), text("balanceAfter"));
    if (eventType.endsWith(event::requestedSuffix))
        return QStringLiteral("%1 %2 %3 → %4")
            .arg(text("amount"), text("currency"), shortId(data, QStringLiteral("sourceAccountId")),
                 shortId(data, QStringLiteral("destinationAccountId")));
    if (eventType.endsWith(event::failedSuffix))
        return QStringLiteral("failed: %1").arg(text("reason"));
    if (eventType.endsWith(event::completedSuffix))
        return QStringLiteral("completed");
    return dataJson.left(120);
}

} // namespace billing
