#include "CommandPayload.h"

#include "Overloaded.h"
#include "domain/Sha256.h"

#include <QJsonDocument>

namespace billing {
namespace {

void putOptional(QJsonObject &object, const QString &name, const std::optional<Money> &money)
{
    if (money)
        object.insert(name, money->toString());
}

} // namespace

QString commandName(const CommandBody &body)
{
    return std::visit(
        Overloaded{
            [](const CreateAccount &) { return QStringLiteral("account.create"); },
            [](const ChangeAccountStatus &) { return QStringLiteral("account.status"); },
            [](const ChangeAccountLimits &) { return QStringLiteral("account.limits"); },
            [](const MoveMoney &command) { return toString(command.type).toLower(); },
            [](const Refund &) { return QStringLiteral("refund"); },
        },
        body);
}

QJsonObject commandPayload(const CommandBody &body)
{
    QJsonObject payload{{QStringLiteral("command"), commandName(body)}};
    std::visit(Overloaded{
                   [&](const CreateAccount &c) {
                       payload.insert(QStringLiteral("type"), toString(c.type));
                       payload.insert(QStringLiteral("ownerId"), c.ownerId);
                       payload.insert(QStringLiteral("ownerType"), c.ownerType);
                       payload.insert(QStringLiteral("currency"), c.currency);
                       putOptional(payload, QStringLiteral("minBalance"), c.minBalance);
                       putOptional(payload, QStringLiteral("maxBalance"), c.maxBalance);
                   },
                   [&](const ChangeAccountStatus &c) {
                       payload.insert(QStringLiteral("accountId"), c.accountId);
                       payload.insert(QStringLiteral("status"), toString(c.target));
                   },
                   [&](const ChangeAccountLimits &c) {
                       payload.insert(QStringLiteral("accountId"), c.accountId);
                       payload.insert(QStringLiteral("minBalance"), c.minBalance.toString());
                       putOptional(payload, QStringLiteral("maxBalance"), c.maxBalance);
                       // Only when set, so that earlier commands keep their hashes.
                       if (c.keepMin)
                           payload.insert(QStringLiteral("keepMin"), true);
                       if (c.keepMax)
                           payload.insert(QStringLiteral("keepMax"), true);
                   },
                   [&](const MoveMoney &c) {
                       payload.insert(QStringLiteral("sourceAccountId"), c.sourceAccountId);
                       payload.insert(QStringLiteral("destinationAccountId"),
                                      c.destinationAccountId);
                       payload.insert(QStringLiteral("amount"), c.amount.toString());
                       payload.insert(QStringLiteral("currency"), c.currency);
                       payload.insert(QStringLiteral("reference"), c.reference);
                   },
                   [&](const Refund &c) {
                       payload.insert(QStringLiteral("paymentId"), c.paymentId);
                       payload.insert(QStringLiteral("amount"), c.amount.toString());
                       payload.insert(QStringLiteral("currency"), c.currency);
                       payload.insert(QStringLiteral("reference"), c.reference);
                   },
               },
               body);
    return payload;
}

QString payloadHash(const CommandBody &body)
{
    const QByteArray canonical = QJsonDocument(commandPayload(body)).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(Sha256::hash(canonical).toHex());
}

} // namespace billing
