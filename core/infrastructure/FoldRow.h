#pragma once

#include "CanonicalEventReader.h"
#include "domain/EventEnvelope.h"
#include "domain/Result.h"

#include <QByteArrayView>

#include <optional>

namespace billing {

class LedgerState;

// One row of the events table made ready for LedgerState::apply, which may run on another
// thread: read by the canonical reader, or, when the row is not in that shape (an older schema,
// say), as an envelope through QJsonDocument, which apply() upcasts. A row keeps what it read
// until the next read(), so a FoldRow reused for every row allocates nothing new.
class FoldRow
{
public:
    // Fails only when neither way can read the body; the row then holds nothing.
    Status read(QByteArrayView body);
    void applyTo(LedgerState &state) const;

private:
    CanonicalEventReader m_reader;
    const FoldEvent *m_event = nullptr; // into m_reader, when it read the row
    std::optional<EventEnvelope> m_envelope;
};

} // namespace billing
