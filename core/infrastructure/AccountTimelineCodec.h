#pragma once

#include "application/AccountTimeline.h"

#include <QByteArray>

#include <optional>

namespace billing {

// AccountTimeline to bytes and back, so that a desk opens time travel without reading the whole
// log again. Amounts are kept as their units in binary, never as text or floating point.
// Checkpoints are not stored: they are rebuilt from the steps on decode.
class AccountTimelineCodec
{
public:
    static constexpr qint32 formatVersion = 1;

    static QByteArray encode(const AccountTimeline &timeline);
    // nullopt for another format version, or bytes that do not decode cleanly.
    static std::optional<AccountTimeline> decode(const QByteArray &bytes, qint64 checkpointEvery);
};

} // namespace billing
