#include "ProjectionRows.h"

#include <QSqlQuery>
#include <QVariant>

namespace billing::rows {

Money amount(const QVariant &value)
{
    BILLING_ASSERT(value.typeId() == QMetaType::QString);
    const Result<Money> money =
        Money::parse(value.toString(), Money::scale, Money::Sign::AllowNegative);
    BILLING_ASSERT(money.ok());
    return money.value();
}

AccountView account(const QSqlQuery &query)
{
    AccountView view;
    view.id = query.value(0).toString();
    view.ownerId = query.value(1).toString();
    view.ownerType = query.value(2).toString();
    view.type = query.value(3).toString();
    view.currency = query.value(4).toString();
    view.balance = amount(query.value(5));
    view.status = query.value(6).toString();
    view.minBalance = amount(query.value(7));
    if (!query.value(8).isNull())
        view.maxBalance = amount(query.value(8));
    view.version = query.value(9).toLongLong();
    view.createdAt = query.value(10).toString();
    view.updatedAt = query.value(11).toString();
    return view;
}

TransactionLegView leg(const QSqlQuery &query)
{
    TransactionLegView leg;
    leg.id = query.value(0).toString();
    leg.transactionId = query.value(1).toString();
    leg.type = query.value(2).toString();
    leg.accountId = query.value(3).toString();
    leg.counterpartyId = query.value(4).toString();
    leg.amount = amount(query.value(5));
    leg.currency = query.value(6).toString();
    leg.status = query.value(7).toString();
    leg.reference = query.value(8).toString();
    leg.failureReason = query.value(9).toString();
    leg.paymentId = query.value(10).toString();
    leg.correlationId = query.value(11).toString();
    leg.idempotencyKey = query.value(12).toString();
    leg.position = query.value(13).toLongLong();
    leg.createdAt = query.value(14).toString();
    leg.completedAt = query.value(15).toString();
    return leg;
}

AuditEntryView audit(const QSqlQuery &query)
{
    AuditEntryView entry;
    entry.id = query.value(0).toLongLong();
    entry.eventId = query.value(1).toString();
    entry.entityType = query.value(2).toString();
    entry.entityId = query.value(3).toString();
    entry.action = query.value(4).toString();
    entry.operatorName = query.value(5).toString();
    entry.correlationId = query.value(6).toString();
    entry.changes = query.value(7).toString();
    entry.timestamp = query.value(8).toString();
    return entry;
}

} // namespace billing::rows
