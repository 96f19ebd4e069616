#include "JsonViews.h"

#include "domain/CurrencyCatalog.h"

namespace billing::cli {

QString formatAmount(const Money &amount, const QString &currency)
{
    const Result<Currency> found = CurrencyCatalog::standard().find(currency);
    const int decimals = found.ok() ? found.value().decimals : Money::scale;
    return amount.toString(std::max(decimals, amount.decimalsUsed()));
}

QJsonObject toJson(const AccountView &account)
{
    QJsonObject object{
        {QStringLiteral("id"), account.id},
        {QStringLiteral("ownerId"), account.ownerId},
        {QStringLiteral("ownerType"), account.ownerType},
        {QStringLiteral("type"), account.type},
        {QStringLiteral("currency"), account.currency},
        {QStringLiteral("balance"), formatAmount(account.balance, account.currency)},
        {QStringLiteral("status"), account.status},
        {QStringLiteral("minBalance"), formatAmount(account.minBalance, account.currency)},
        {QStringLiteral("version"), account.version},
        {QStringLiteral("createdAt"), account.createdAt},
        {QStringLiteral("updatedAt"), account.updatedAt},
    };
    object.insert(QStringLiteral("maxBalance"),
                  account.maxBalance
                      ? QJsonValue(formatAmount(*account.maxBalance, account.currency))
                      : QJsonValue());
    return object;
}

QJsonObject toJson(const TransactionLegView &leg)
{
    auto orNull = [](const QString &text) {
        return text.isEmpty() ? QJsonValue() : QJsonValue(text);
    };
    return {
        {QStringLiteral("id"), leg.id},
        {QStringLiteral("transactionId"), leg.transactionId},
        {QStringLiteral("type"), leg.type},
        {QStringLiteral("accountId"), leg.accountId},
        {QStringLiteral("counterpartyId"), leg.counterpartyId},
        {QStringLiteral("amount"), formatAmount(leg.amount, leg.currency)},
        {QStringLiteral("currency"), leg.currency},
        {QStringLiteral("status"), leg.status},
        {QStringLiteral("reference"), leg.reference},
        {QStringLiteral("failureReason"), orNull(leg.failureReason)},
        {QStringLiteral("paymentId"), orNull(leg.paymentId)},
        {QStringLiteral("correlationId"), leg.correlationId},
        {QStringLiteral("idempotencyKey"), leg.idempotencyKey},
        {QStringLiteral("position"), leg.position},
        {QStringLiteral("createdAt"), leg.createdAt},
        {QStringLiteral("completedAt"), orNull(leg.completedAt)},
    };
}

QJsonObject toJson(const AuditEntryView &entry)
{
    return {
        {QStringLiteral("id"), entry.id},
        {QStringLiteral("eventId"), entry.eventId},
        {QStringLiteral("entityType"), entry.entityType},
        {QStringLiteral("entityId"), entry.entityId},
        {QStringLiteral("action"), entry.action},
        {QStringLiteral("operator"), entry.operatorName},
        {QStringLiteral("correlationId"), entry.correlationId},
        {QStringLiteral("changes"), entry.changes},
        {QStringLiteral("timestamp"), entry.timestamp},
    };
}

QJsonObject toJson(const Outcome &outcome)
{
    QJsonObject object{
        {QStringLiteral("outcome"), outcome.kindName()},
        {QStringLiteral("command"), outcome.command},
        {QStringLiteral("repeated"), outcome.repeated},
    };
    if (!outcome.transactionId.isEmpty())
        object.insert(QStringLiteral("transactionId"), outcome.transactionId);
    if (!outcome.accountId.isEmpty())
        object.insert(QStringLiteral("accountId"), outcome.accountId);
    if (outcome.position > 0)
        object.insert(QStringLiteral("position"), outcome.position);
    return object;
}

QJsonObject toJson(const Account &account)
{
    return {
        {QStringLiteral("id"), account.id},
        {QStringLiteral("ownerId"), account.ownerId},
        {QStringLiteral("type"), toString(account.type)},
        {QStringLiteral("currency"), account.currency},
        {QStringLiteral("balance"), formatAmount(account.balance, account.currency)},
        {QStringLiteral("status"), toString(account.status)},
        {QStringLiteral("version"), account.version},
    };
}

QJsonObject totalsJson(const QHash<QString, Money> &totals)
{
    QJsonObject object;
    for (auto it = totals.cbegin(); it != totals.cend(); ++it)
        object.insert(it.key(), formatAmount(it.value(), it.key()));
    return object;
}

} // namespace billing::cli
