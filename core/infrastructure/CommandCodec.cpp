#include "CommandCodec.h"

#include "application/CommandPayload.h"
#include "application/Overloaded.h"
#include "domain/ReasonCode.h"

namespace billing::codec {
namespace {

Error malformed(const QString &what)
{
    return Error{reason::invalidArgument, QStringLiteral("malformed command: %1").arg(what),
                 QStringLiteral("command")};
}

// Amounts keep every digit they were issued with (at most Money::scale decimals).
Result<Money> money(const QJsonObject &object, const QString &name)
{
    return Money::parse(object.value(name).toString(), Money::scale, Money::Sign::AllowNegative);
}

Result<std::optional<Money>> optionalMoney(const QJsonObject &object, const QString &name)
{
    if (!object.contains(name))
        return std::optional<Money>{};
    const Result<Money> value = money(object, name);
    if (!value.ok())
        return value.error();
    return std::optional<Money>{value.value()};
}

std::optional<AccountStatus> statusFromString(const QString &text)
{
    for (AccountStatus status :
         {AccountStatus::Active, AccountStatus::Suspended, AccountStatus::Closed}) {
        if (toString(status) == text)
            return status;
    }
    return std::nullopt;
}

Result<CommandBody> moveMoney(const QJsonObject &payload, const QJsonObject &ids)
{
    MoveMoney body;
    const std::optional<TransactionType> type =
        transactionTypeFromString(payload.value(u"command").toString().toUpper());
    if (!type)
        return malformed(QStringLiteral("unknown command"));
    body.type = *type;
    body.transactionId = ids.value(u"transactionId").toString();
    body.sourceAccountId = payload.value(u"sourceAccountId").toString();
    body.destinationAccountId = payload.value(u"destinationAccountId").toString();
    const Result<Money> amount = money(payload, QStringLiteral("amount"));
    if (!amount.ok())
        return amount.error();
    body.amount = amount.value();
    body.currency = payload.value(u"currency").toString();
    body.reference = payload.value(u"reference").toString();
    return CommandBody{body};
}

Result<CommandBody> bodyFromJson(const QJsonObject &payload, const QJsonObject &ids)
{
    const QString name = payload.value(u"command").toString();
    if (name == u"account.create") {
        CreateAccount body;
        const std::optional<AccountType> type =
            accountTypeFromString(payload.value(u"type").toString().toLower());
        const Result<std::optional<Money>> min =
            optionalMoney(payload, QStringLiteral("minBalance"));
        const Result<std::optional<Money>> max =
            optionalMoney(payload, QStringLiteral("maxBalance"));
        if (!type || !min.ok() || !max.ok())
            return malformed(name);
        body.accountId = ids.value(u"accountId").toString();
        body.type = *type;
        body.ownerId = payload.value(u"ownerId").toString();
        body.ownerType = payload.value(u"ownerType").toString();
        body.currency = payload.value(u"currency").toString();
        body.minBalance = min.value();
        body.maxBalance = max.value();
        return CommandBody{body};
    }
    if (name == u"account.status") {
        const std::optional<AccountStatus> status =
            statusFromString(payload.value(u"status").toString());
        if (!status)
            return malformed(name);
        return CommandBody{ChangeAccountStatus{payload.value(u"accountId").toString(), *status}};
    }
    if (name == u"account.limits") {
        const Result<Money> min = money(payload, QStringLiteral("minBalance"));
        const Result<std::optional<Money>> max =
            optionalMoney(payload, QStringLiteral("maxBalance"));
        if (!min.ok() || !max.ok())
            return malformed(name);
        return CommandBody{ChangeAccountLimits{payload.value(u"accountId").toString(), min.value(),
                                               max.value(), payload.value(u"keepMin").toBool(),
                                               payload.value(u"keepMax").toBool()}};
    }
    if (name == u"refund") {
        Refund body;
        body.transactionId = ids.value(u"transactionId").toString();
        body.paymentId = payload.value(u"paymentId").toString();
        const Result<Money> amount = money(payload, QStringLiteral("amount"));
        if (!amount.ok())
            return amount.error();
        body.amount = amount.value();
        body.currency = payload.value(u"currency").toString();
        body.reference = payload.value(u"reference").toString();
        return CommandBody{body};
    }
    return moveMoney(payload, ids);
}

} // namespace

QJsonObject commandToJson(const Command &command)
{
    QJsonObject ids;
    std::visit(
        Overloaded{
            [&](const CreateAccount &c) { ids.insert(QStringLiteral("accountId"), c.accountId); },
            [](const ChangeAccountStatus &) {},
            [](const ChangeAccountLimits &) {},
            [&](const MoveMoney &c) {
                ids.insert(QStringLiteral("transactionId"), c.transactionId);
            },
            [&](const Refund &c) { ids.insert(QStringLiteral("transactionId"), c.transactionId); },
        },
        command.body);
    return {
        {QStringLiteral("commandId"), command.meta.commandId},
        {QStringLiteral("idempotencyKey"), command.meta.idempotencyKey},
        {QStringLiteral("correlationId"), command.meta.correlationId},
        {QStringLiteral("operator"), command.meta.operatorName},
        {QStringLiteral("issuedAtMs"), command.meta.issuedAtMs},
        {QStringLiteral("payload"), commandPayload(command.body)},
        {QStringLiteral("ids"), ids},
    };
}

Result<Command> commandFromJson(const QJsonObject &object)
{
    Command command;
    command.meta.commandId = object.value(u"commandId").toString();
    command.meta.idempotencyKey = object.value(u"idempotencyKey").toString();
    command.meta.correlationId = object.value(u"correlationId").toString();
    command.meta.operatorName = object.value(u"operator").toString();
    command.meta.issuedAtMs = object.value(u"issuedAtMs").toInteger();
    if (command.meta.commandId.isEmpty() || command.meta.idempotencyKey.isEmpty())
        return malformed(QStringLiteral("no command id or idempotency key"));
    Result<CommandBody> body =
        bodyFromJson(object.value(u"payload").toObject(), object.value(u"ids").toObject());
    if (!body.ok())
        return body.error();
    command.body = std::move(body.value());
    return command;
}

QJsonObject outcomeToJson(const Outcome &outcome)
{
    return {
        {QStringLiteral("kind"), int(outcome.kind)},
        {QStringLiteral("code"), outcome.code},
        {QStringLiteral("message"), outcome.message},
        {QStringLiteral("field"), outcome.field},
        {QStringLiteral("command"), outcome.command},
        {QStringLiteral("transactionId"), outcome.transactionId},
        {QStringLiteral("accountId"), outcome.accountId},
        {QStringLiteral("repeated"), outcome.repeated},
        {QStringLiteral("position"), outcome.position},
    };
}

Outcome outcomeFromJson(const QJsonObject &object)
{
    Outcome outcome;
    const int kind = object.value(u"kind").toInt();
    outcome.kind = kind == int(Outcome::Kind::Rejected)  ? Outcome::Kind::Rejected
                   : kind == int(Outcome::Kind::Invalid) ? Outcome::Kind::Invalid
                                                         : Outcome::Kind::Completed;
    outcome.code = object.value(u"code").toString();
    outcome.message = object.value(u"message").toString();
    outcome.field = object.value(u"field").toString();
    outcome.command = object.value(u"command").toString();
    outcome.transactionId = object.value(u"transactionId").toString();
    outcome.accountId = object.value(u"accountId").toString();
    outcome.repeated = object.value(u"repeated").toBool();
    outcome.position = object.value(u"position").toInteger();
    return outcome;
}

} // namespace billing::codec
