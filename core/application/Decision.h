#pragma once

#include "Outcome.h"
#include "domain/EventEnvelope.h"

#include <QHash>
#include <QList>

namespace billing {

struct Decision
{
    QList<EventEnvelope> events; // not yet positioned
    // Every aggregate the decision read, at the version it read. The store appends only if all
    // are still there, which is what stops two writers deciding on the same account at once.
    QHash<QString, qint64> expectedVersions;
    Outcome outcome;
};

} // namespace billing
