#pragma once

#include <QJsonObject>
#include <QString>

namespace billing {

namespace event {
inline const QString accountCreated = QStringLiteral("AccountCreated");
inline const QString accountStatusChanged = QStringLiteral("AccountStatusChanged");
inline const QString accountLimitsChanged = QStringLiteral("AccountLimitsChanged");
inline const QString balanceChanged = QStringLiteral("BalanceChanged");
// A status or limits change that a rule refused: recorded so that its idempotency key keeps
// answering with the same refusal.
inline const QString accountCommandRejected = QStringLiteral("AccountCommandRejected");
// Transaction events are "<Stem>Requested", "<Stem>Completed" and "<Stem>Failed", the stem
// naming the operation (Topup, Withdrawal, Transfer, Payment, Refund).
inline const QString requestedSuffix = QStringLiteral("Requested");
inline const QString completedSuffix = QStringLiteral("Completed");
inline const QString failedSuffix = QStringLiteral("Failed");
// Bumped when an event's data changes shape; older versions are upcast on read (see
// EventUpcaster for what each version changed).
constexpr int currentSchemaVersion = 2;
} // namespace event

enum class AggregateKind { Account, Transaction };

// The seed's envelope plus what an auditor needs: who, why (causation), where in the global
// order (position) and the hash chain that proves nothing was rewritten.
struct EventEnvelope
{
    QString eventId;
    QString eventType;
    QString aggregateId;
    qint64 aggregateVersion = 0;
    qint64 timestampMs = 0; // milliseconds since the Unix epoch, UTC
    QString correlationId;
    QString causationId;
    QString operatorName;
    int schemaVersion = event::currentSchemaVersion;
    qint64 position = 0; // 0 until the store appends it; then 1, 2, 3, ... without gaps
    QString hash;        // hex SHA-256; empty until appended
    QJsonObject data;

    AggregateKind aggregateKind() const;
};

} // namespace billing
