#pragma once

#include "domain/Money.h"

#include <QString>

#include <optional>

namespace billing {

// Rows of the projections as queries return them. Amounts are exact; text fields are what the
// projection holds.
struct AccountView
{
    QString id;
    QString ownerId;
    QString ownerType;
    QString type;
    QString currency;
    Money balance;
    QString status;
    Money minBalance;
    std::optional<Money> maxBalance;
    qint64 version = 0;
    QString createdAt;
    QString updatedAt;
};

// One leg of a transaction, signed from the account's point of view.
struct TransactionLegView
{
    QString id;
    QString transactionId;
    QString type;
    QString accountId;
    QString counterpartyId;
    Money amount;
    QString currency;
    QString status;
    QString reference;
    QString failureReason;
    QString paymentId;
    QString correlationId;
    QString idempotencyKey;
    qint64 position = 0;
    QString createdAt;
    QString completedAt;
};

struct AuditEntryView
{
    qint64 id = 0; // the event's position
    QString eventId;
    QString entityType;
    QString entityId;
    QString action;
    QString operatorName;
    QString correlationId;
    QString changes; // the event's data as JSON
    QString timestamp;
};

struct Page
{
    int limit = 50;
    qint64 offset = 0;
};

} // namespace billing
