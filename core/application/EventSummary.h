#pragma once

#include <QString>

namespace billing {

// One readable line for an event, from its type and its data as JSON text: what an auditor
// scans a history by ("TransferCompleted 25.50 USD a1b2c3d4 → e5f6a7b8").
QString eventSummary(const QString &eventType, const QString &dataJson);

} // namespace billing
