#pragma once

#include <QCoreApplication>
#include <QString>

namespace billing::ui {

// The codes the ledger stores (account types and statuses, transaction types and statuses,
// event types, the audit log's kinds of entity) and the currencies' names in the user's words.
// Views show these; models keep the stored code for filters, sorting, exports and tooltips, since
// the code is what an auditor searches the log for. An unknown code (a newer ledger's) is shown as
// it is. The role under which the desk's models give a cell as stored: the code where the display
// has words. Exports write it, so that a CSV reads the same in every language.
inline constexpr int storedValueRole = Qt::UserRole + 64;

class LedgerTerms
{
    Q_DECLARE_TR_FUNCTIONS(LedgerTerms)

public:
    static QString label(const QString &code);
};

} // namespace billing::ui
