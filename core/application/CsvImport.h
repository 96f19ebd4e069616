#pragma once

#include "CurrencySource.h"
#include "LedgerService.h"

#include <QByteArray>

#include <functional>
#include <optional>

namespace billing {

// One line of an import file: the command it became, or why it could not become one; once run,
// its outcome.
struct ImportRow
{
    int number = 0; // the line of the file the row starts on; the header is line 1
    std::optional<Command> command;
    Outcome outcome;
};

// Money commands from a CSV file (operation,account,counterparty,amount,currency,key,reference),
// shared by `billing-cli import` and the desk. Rows run in durable batches; a row without a key
// gets one from the file's content and its row number, so importing the same file again (say
// after a crash) repeats nothing.
class CsvImport
{
public:
    static constexpr int batchSize = 500;
    static const QStringList &columns();

    // Every row of the file as a command, or as an Invalid outcome naming the field; amounts
    // read with the decimals of the currency `currencies` gives.
    static Result<QList<ImportRow>> prepare(LedgerService &service, CurrencySource &currencies,
                                            const QByteArray &bytes, const CommandOptions &options);
    // Runs the prepared rows; `progress(rowsDone, rows)` after each batch may stop it there
    // (what was committed stays committed, and a new import of the file finishes the rest).
    static Status run(LedgerService &service, QList<ImportRow> &rows,
                      const std::function<bool(int, int)> &progress = {});
};

} // namespace billing
