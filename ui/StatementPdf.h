#pragma once

#include "application/PeriodStatement.h"

#include <QCoreApplication>

namespace billing::ui {

// An account statement for a period as a PDF: opening balance, every booking with the balance
// after it, closing balance. The figures are the log's, exactly as the ledger holds them.
class StatementPdf
{
    Q_DECLARE_TR_FUNCTIONS(StatementPdf)

public:
    static QString html(const PeriodStatement &statement);
    static bool write(const PeriodStatement &statement, const QString &path);
};

} // namespace billing::ui
