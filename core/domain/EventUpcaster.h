#pragma once

#include "EventEnvelope.h"

namespace billing {

// Events are never rewritten: the log keeps the bytes it was given, so the hash chain holds.
// An event written in an older schema is brought to the current one when it is read into the
// fold, one version at a time. Each step is a pure function of the event alone.
//
// Schema versions:
//   1  the first release.
//   2  BalanceChanged also carries `balanceBefore`, so that both sides of a posting read
//      without a fold; the fold checks it against the balance it holds.
class EventUpcaster
{
public:
    // The event in the current schema; asserts on a version newer than this build knows.
    static EventEnvelope toCurrent(EventEnvelope event);
    static bool isCurrent(const EventEnvelope &event)
    {
        return event.schemaVersion == event::currentSchemaVersion;
    }

private:
    static void fromVersion1(EventEnvelope &event);
};

} // namespace billing
