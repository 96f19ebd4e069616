#include "EventSummaryText.h"

#include "AmountText.h"
#include "LedgerTerms.h"
#include "PickerSearches.h"
#include "ReasonText.h"
#include "domain/EventEnvelope.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace billing::ui {

QString EventSummaryText::describe(const QString &eventType, const QString &dataJson,
                                   Amounts amounts)
{
    const QJsonObject data = QJsonDocument::fromJson(dataJson.toUtf8()).object();
    const auto text = [&data](const char *key) {
        return data.value(QString::fromLatin1(key)).toString();
    };
    // Amounts with the user's decimal separator, as the tables show them.
    const auto amount = [&text, amounts](const char *key) {
        return amounts == Amounts::Shown ? AmountText::shown(text(key)) : text(key);
    };
    const auto term = [&text](const char *key) {
        return LedgerTerms::label(text(key));
    };
    // Enough of an id to tell accounts apart in a line (the row has the whole id).
    const auto shortId = [&text](const char *key) {
        return PickerSearches::shortId(text(key));
    };
    if (eventType == event::accountCreated)
        return tr("%1 %2 account of %3").arg(term("type"), text("currency"), text("ownerId"));
    if (eventType == event::accountStatusChanged)
        return tr("%1 → %2").arg(term("from"), term("to"));
    if (eventType == event::accountLimitsChanged)
        return tr("limits %1 … %2")
            .arg(amount("minBalance"),
                 text("maxBalance").isEmpty() ? tr("none") : amount("maxBalance"));
    if (eventType == event::accountCommandRejected)
        return tr("refused: %1").arg(ReasonText::describe(text("reason")));
    if (eventType == event::balanceChanged)
        return tr("%1 %2, balance %3")
            .arg(amount("amount"), text("currency"), amount("balanceAfter"));
    if (eventType.endsWith(event::requestedSuffix))
        return tr("%1 %2 %3 → %4")
            .arg(amount("amount"), text("currency"), shortId("sourceAccountId"),
                 shortId("destinationAccountId"));
    if (eventType.endsWith(event::failedSuffix))
        return tr("failed: %1").arg(ReasonText::describe(text("reason")));
    // The type says it all ("Transfer completed"); what moved is in its BalanceChanged events.
    if (eventType.endsWith(event::completedSuffix))
        return QString();
    return dataJson.left(120);
}

} // namespace billing::ui
