#include "SourceOffset.h"

#include "domain/Invariant.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

namespace billing {

QList<SourceOffset> nextOffsets(const QList<EventEnvelope> &events, const SourceRecords &records,
                                qint64 after)
{
    if (records.isEmpty())
        return {};
    QMap<std::pair<QString, int>, qint64> next;
    for (const EventEnvelope &event : events) {
        if (event.position <= after)
            continue;
        const auto record = records.constFind(event.position);
        // A partial set would store an offset behind events that were applied.
        BILLING_ASSERT(record != records.cend() && record->offset >= 0);
        qint64 &offset = next[{record->topic, record->partition}];
        offset = std::max(offset, record->offset + 1);
    }
    QList<SourceOffset> offsets;
    for (auto it = next.cbegin(); it != next.cend(); ++it)
        offsets.append(SourceOffset{it.key().first, it.key().second, it.value()});
    return offsets;
}

QString offsetsToJson(const QList<SourceOffset> &offsets)
{
    QJsonArray array;
    for (const SourceOffset &offset : offsets)
        array.append(QJsonObject{{QStringLiteral("topic"), offset.topic},
                                 {QStringLiteral("partition"), offset.partition},
                                 {QStringLiteral("offset"), QString::number(offset.nextOffset)}});
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<SourceOffset> offsetsFromJson(const QString &text)
{
    QList<SourceOffset> offsets;
    const QJsonArray array = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const QJsonValue value : array) {
        const QJsonObject object = value.toObject();
        bool ok = false;
        const qint64 offset = object.value(u"offset").toString().toLongLong(&ok);
        if (ok)
            offsets.append(SourceOffset{object.value(u"topic").toString(),
                                        object.value(u"partition").toInt(), offset});
    }
    return offsets;
}

} // namespace billing
