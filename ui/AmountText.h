#pragma once

#include <QString>

namespace billing::ui {

// An amount as the ledger writes it ("-1234.50") with the user's decimal separator ("-1234,50"
// in German), for the eye only: exports, copies and the core keep the ledger's form. No
// grouping, so that every digit stays where the ledger has it.
class AmountText
{
public:
    static QString shown(const QString &ledgerText);
};

} // namespace billing::ui
