#pragma once

#include "Account.h"

#include <optional>

namespace billing::rules {

// Each returns the reason code when the rule forbids the move, nothing when it allows it.
// `decimals` are the account currency's, for the balances the messages quote.
std::optional<Error> canSend(const Account &account, const QString &currency, const Money &amount,
                             int decimals);
std::optional<Error> canReceive(const Account &account, const QString &currency,
                                const Money &amount);
std::optional<Error> canChangeStatus(const Account &account, AccountStatus target, int decimals);
std::optional<Error> canSetLimits(const Account &account, const Money &minBalance,
                                  const std::optional<Money> &maxBalance, int decimals);

} // namespace billing::rules
