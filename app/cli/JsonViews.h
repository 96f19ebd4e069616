#pragma once

#include "application/Outcome.h"
#include "application/ReadModels.h"
#include "domain/LedgerState.h"

#include <QJsonArray>
#include <QJsonObject>

namespace billing::cli {

// Amounts always leave as exact strings with the currency's decimals.
QString formatAmount(const Money &amount, const QString &currency);

QJsonObject toJson(const AccountView &account);
QJsonObject toJson(const TransactionLegView &leg);
QJsonObject toJson(const AuditEntryView &entry);
QJsonObject toJson(const Outcome &outcome);
QJsonObject toJson(const Account &account);
// Σ balances per currency.
QJsonObject totalsJson(const QHash<QString, Money> &totals);

} // namespace billing::cli
