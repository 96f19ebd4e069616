#pragma once

#include <QCoreApplication>
#include <QString>

namespace billing::ui {

// One readable line for an event, from its type and its data as JSON text, in the user's
// language: what an auditor scans a history by ("25.50 USD a1b2c3d4 → e5f6a7b8"). The readers
// hand the desk the event's data; the words are the desk's.
class EventSummaryText
{
    Q_DECLARE_TR_FUNCTIONS(EventSummaryText)

public:
    // Amounts with the user's decimal separator, or as the ledger writes them (for exports).
    enum class Amounts { Shown, AsLedger };
    static QString describe(const QString &eventType, const QString &dataJson,
                            Amounts amounts = Amounts::Shown);
};

} // namespace billing::ui
