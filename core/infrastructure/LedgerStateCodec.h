#pragma once

#include "domain/LedgerState.h"

#include <QByteArray>

#include <optional>

namespace billing {

// LedgerState to bytes and back, for snapshots. The bytes are a function of the state alone
// (the account and transaction lists in their order of creation, which the state shows; every
// map in key order), so two states are equal exactly when their encodings are, which is how
// tests compare a snapshot's state with a full replay.
class LedgerStateCodec
{
public:
    // 2: amounts as binary units instead of text (five times faster to open at 1,000,000
    // events). 3: fixed-width little-endian fields instead of QDataStream, the lists in their
    // own order instead of sorted by id, and a transaction's accounts, a refund's payment and
    // an idempotency record's target as places in those lists instead of ids to look up.
    // Snapshots of another version are ignored, as any unusable cache is.
    static constexpr qint32 formatVersion = 4;

    static QByteArray encode(const LedgerState &state);
    // nullopt for bytes of another format version or that do not decode cleanly.
    static std::optional<LedgerState>
    decode(const QByteArray &bytes,
           const CurrencyCatalog &currencies = CurrencyCatalog::standard());
};

} // namespace billing
