#include "LegId.h"

#include <QUuid>

namespace billing {

QString legIdOf(const QString &transactionId, const QString &accountId)
{
    static const QUuid legNamespace(QStringLiteral("{2b0d3c59-7c1e-4c8e-a0a4-5f0f5e0b7d21}"));
    return QUuid::createUuidV5(legNamespace, transactionId + u'/' + accountId)
        .toString(QUuid::WithoutBraces);
}

} // namespace billing
