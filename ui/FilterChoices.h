#pragma once

#include "application/TableQuery.h"

#include <QStringList>

namespace billing::ui {

// The values a table's type, status and currency filters offer, as the projections store them.
// Empty when the table has no such filter.
struct FilterChoices
{
    QStringList types;
    QStringList statuses;
    QStringList currencies;

    static FilterChoices of(LedgerTable table);
};

} // namespace billing::ui
