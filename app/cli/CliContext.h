#pragma once

#include "CliArguments.h"
#include "application/Clock.h"
#include "application/CurrencySource.h"
#include "application/LedgerService.h"
#include "application/SnapshotStore.h"
#include "infrastructure/StoreLocation.h"

#include <memory>

namespace billing::cli {

// A snapshot of the folded state is saved every this many events, unless
// BILLING_SNAPSHOT_EVERY says otherwise (0: never).
constexpr qint64 defaultSnapshotEvery = SnapshotStore::defaultEvery;
qint64 snapshotEveryEvents();

// The opened store, and the command side over it when a subcommand needs one.
class CliContext
{
public:
    static Result<std::unique_ptr<CliContext>> open(const CliArguments &arguments);

    LedgerStorage &storage() { return *m_storage; }
    // On first use: replays the log where this process decides (the embedded store); a client
    // of a decision maker (the distributed mode) hands its commands over and folds nothing.
    Result<LedgerService *> service();
    // For reading amounts, after service(): from the folded state, or a client's projections.
    CurrencySource &currencies();
    // The state folded to the end of the log, from the newest snapshot; a snapshot is saved
    // when BILLING_SNAPSHOT_EVERY events or more came after it, so that the next reader folds
    // fewer (`balances`, in both modes).
    Result<const LedgerState *> foldedState();
    // Fails naming `key` when --key is given blank: a new key would quietly take its place and
    // a retry of the script would book twice.
    Result<CommandOptions> options(const CliArguments &arguments) const;
    const StoreLocation &location() const { return m_location; }

private:
    // Over the store, with its snapshots; not opened.
    std::unique_ptr<LedgerService> newService();

    StoreLocation m_location;
    std::unique_ptr<LedgerStorage> m_storage;
    SystemClock m_clock;
    TimeOrderedIds m_ids;
    std::unique_ptr<LedgerService> m_service;
    std::unique_ptr<CurrencySource> m_currencies;
    std::unique_ptr<LedgerService> m_folded;
};

} // namespace billing::cli
