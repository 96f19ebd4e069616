#pragma once

#include "CliArguments.h"
#include "CliContext.h"
#include "application/LedgerLookup.h"

namespace billing::cli {

// Each returns the process exit code and has printed exactly one JSON document.
int runAccount(CliContext &context, const CliArguments &arguments);
int runMoney(CliContext &context, const CliArguments &arguments);
int runTransactions(CliContext &context, const CliArguments &arguments);
int runEvents(CliContext &context, const CliArguments &arguments);
int runBalances(CliContext &context, const CliArguments &arguments);
int runVerify(CliContext &context, const CliArguments &arguments);
int runProjections(CliContext &context, const CliArguments &arguments);
int runImport(CliContext &context, const CliArguments &arguments);
// The distributed mode's decision maker and projector, until SIGTERM or SIGINT.
int runServe(CliContext &context, const CliArguments &arguments);

// The account as `account get` shows it, from the projections; ACCOUNT_NOT_FOUND (field
// `account`) when they hold none.
Result<AccountView> projectedAccount(CliContext &context, const QString &id);
// An amount option parsed for a currency with `decimals`; errors name the option.
Result<Money> amountOption(const CliArguments &arguments, const QString &name, int decimals,
                           Money::Sign sign);
// Runs one command and prints its outcome with the transaction or account it produced.
int executeAndPrint(CliContext &context, LedgerService &service, const Command &command);
// Issues `body` with the options of `arguments` (refusing a blank --key), then as above.
int issueAndPrint(CliContext &context, LedgerService &service, const CliArguments &arguments,
                  CommandBody body);

} // namespace billing::cli
