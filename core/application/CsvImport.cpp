#include "CsvImport.h"

#include "CsvReader.h"
#include "domain/ReasonCode.h"

#include <QCryptographicHash>
#include <QStringDecoder>

namespace billing {
namespace {

Error rowError(const QString &field, const QString &message)
{
    return Error{reason::invalidArgument, message, field};
}

// operation: topup|withdraw|transfer|pay (account = the USER side, or "from" for a transfer;
// counterparty = the other side) or refund (account = the payment's transaction id).
Result<CommandBody> bodyOf(CurrencySource &currencies, const QHash<QString, QString> &cells)
{
    const QString operation = cells.value(QStringLiteral("operation")).trimmed().toLower();
    const QString account = cells.value(QStringLiteral("account")).trimmed();
    const QString counterparty = cells.value(QStringLiteral("counterparty")).trimmed();
    const QString currency = cells.value(QStringLiteral("currency")).trimmed().toUpper();
    static const QStringList operations = {QStringLiteral("topup"), QStringLiteral("withdraw"),
                                           QStringLiteral("transfer"), QStringLiteral("pay"),
                                           QStringLiteral("refund")};
    if (!operations.contains(operation))
        return rowError(QStringLiteral("operation"),
                        QStringLiteral("operation must be topup, withdraw, transfer, pay or "
                                       "refund, not '%1'")
                            .arg(operation));
    const int decimals = currencies.decimalsFor(
        currency.isEmpty() && operation == u"refund" ? currencies.ofTransaction(account) : currency,
        account);
    const Result<Money> amount = Money::parse(cells.value(QStringLiteral("amount")).trimmed(),
                                              decimals, Money::Sign::PositiveOnly);
    if (!amount.ok())
        return amount.error();
    if (account.isEmpty())
        return rowError(QStringLiteral("account"),
                        operation == u"refund"
                            ? QStringLiteral("account is empty: a refund names its payment there")
                            : QStringLiteral("account is empty"));
    if (counterparty.isEmpty() && operation != u"refund")
        return rowError(QStringLiteral("counterparty"), QStringLiteral("counterparty is empty"));
    if (operation == u"refund")
        return CommandBody(Refund{
            {}, account, amount.value(), currency, cells.value(QStringLiteral("reference"))});
    MoveMoney move;
    move.amount = amount.value();
    move.currency = currency;
    move.reference = cells.value(QStringLiteral("reference"));
    if (operation == u"topup") {
        move.type = TransactionType::Topup;
        move.sourceAccountId = counterparty;
        move.destinationAccountId = account;
    } else {
        move.type = operation == u"withdraw"   ? TransactionType::Withdrawal
                    : operation == u"transfer" ? TransactionType::Transfer
                                               : TransactionType::Payment;
        move.sourceAccountId = account;
        move.destinationAccountId = counterparty;
    }
    return CommandBody(move);
}

// A row that is no well-formed record of the seven columns: padding or cutting it would book
// something the file does not say.
std::optional<Error> shapeError(const CsvRecord &record)
{
    if (record.unclosedQuote)
        return rowError(QStringLiteral("row"),
                        QStringLiteral("line %1: a quoted field is never closed (the lines after "
                                       "it are read as rows of their own)")
                            .arg(record.line));
    const QStringList &columns = CsvImport::columns();
    if (record.fields.size() != columns.size())
        return rowError(QStringLiteral("row"), QStringLiteral("line %1 has %2 columns, not %3 (%4)")
                                                   .arg(record.line)
                                                   .arg(record.fields.size())
                                                   .arg(columns.size())
                                                   .arg(columns.join(u',')));
    return std::nullopt;
}

// Bytes that are not UTF-8 (a Latin-1 export, say) would be read as U+FFFD and booked into the
// log for good. The whole file is refused, not the rows that hold them: saved again as UTF-8
// its bytes change, and with them the keys of rows that have none, so rows booked now would be
// booked a second time then.
std::optional<Error> encodingError(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(bytes);
    if (!decoder.hasError())
        return std::nullopt;
    const qsizetype bad = text.indexOf(QChar::ReplacementCharacter);
    int line = 1;
    for (qsizetype i = 0; i < bad; ++i) {
        // Line breaks as the reader counts them: LF, CR, CRLF.
        if (text[i] == u'\n' ||
            (text[i] == u'\r' && (i + 1 >= text.size() || text[i + 1] != u'\n')))
            ++line;
    }
    return rowError(QStringLiteral("file"),
                    QStringLiteral("line %1 is not UTF-8 text: nothing was imported (save the file "
                                   "as UTF-8 and import it again)")
                        .arg(line));
}

// The command a row's operation cell names, as decided rows name theirs ("pay" -> "payment").
QString commandOf(const QString &operation)
{
    QString cell = operation.trimmed().toLower();
    if (cell == u"withdraw")
        return QStringLiteral("withdrawal");
    if (cell == u"pay")
        return QStringLiteral("payment");
    return cell;
}

// The decision names the CLI's options ("from", "to", "payment"); a row's outcome names the
// file's columns instead, as the row's operation places the two sides in them.
QString columnOf(const CommandBody &body, const QString &field)
{
    if (std::holds_alternative<Refund>(body))
        return field == u"payment" ? QStringLiteral("account") : field;
    const MoveMoney &move = std::get<MoveMoney>(body);
    if (move.type == TransactionType::Transfer && field == u"from")
        return QStringLiteral("account");
    if (field == u"from" || field == u"to")
        return QStringLiteral("counterparty");
    return field;
}

Outcome invalid(const Error &error, const QString &operation)
{
    Outcome outcome;
    outcome.kind = Outcome::Kind::Invalid;
    outcome.code = error.code;
    outcome.message = error.message;
    outcome.field = error.field;
    outcome.command = commandOf(operation);
    return outcome;
}

} // namespace

const QStringList &CsvImport::columns()
{
    static const QStringList names = {QStringLiteral("operation"),    QStringLiteral("account"),
                                      QStringLiteral("counterparty"), QStringLiteral("amount"),
                                      QStringLiteral("currency"),     QStringLiteral("key"),
                                      QStringLiteral("reference")};
    return names;
}

Result<QList<ImportRow>> CsvImport::prepare(LedgerService &service, CurrencySource &currencies,
                                            const QByteArray &bytes, const CommandOptions &options)
{
    if (std::optional<Error> encoding = encodingError(bytes))
        return *encoding;
    const QList<CsvRecord> records = readCsv(bytes);
    qsizetype header = 0;
    while (header < records.size() && records[header].blank)
        ++header;
    if (header == records.size() || records[header].fields != columns())
        return rowError(QStringLiteral("file"),
                        QStringLiteral("the first line must be: ") + columns().join(u','));
    const QString fileKey = QString::fromLatin1(
        QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(24));
    QList<ImportRow> rows;
    for (qsizetype i = header + 1; i < records.size(); ++i) {
        const CsvRecord &record = records[i];
        if (record.blank)
            continue;
        ImportRow row;
        row.number = record.line;
        if (std::optional<Error> error = shapeError(record)) {
            row.outcome = invalid(*error, record.fields.value(0).trimmed());
            rows.append(std::move(row));
            continue;
        }
        QHash<QString, QString> cells;
        for (qsizetype c = 0; c < columns().size(); ++c)
            cells.insert(columns()[c], record.fields[c]);
        Result<CommandBody> body = bodyOf(currencies, cells);
        if (!body.ok()) {
            row.outcome = invalid(body.error(), cells.value(QStringLiteral("operation")));
        } else {
            CommandOptions rowOptions = options;
            rowOptions.idempotencyKey = cells.value(QStringLiteral("key")).trimmed();
            // `i` counts whitespace-only lines, as earlier versions did, so that a file imported
            // by one of them gets the same keys and importing it again repeats nothing.
            if (rowOptions.idempotencyKey.isEmpty())
                rowOptions.idempotencyKey = QStringLiteral("import-%1-%2").arg(fileKey).arg(i);
            row.command = service.issue(std::move(body.value()), rowOptions);
        }
        rows.append(std::move(row));
    }
    return rows;
}

Status CsvImport::run(LedgerService &service, QList<ImportRow> &rows,
                      const std::function<bool(int, int)> &progress)
{
    for (qsizetype start = 0; start < rows.size(); start += batchSize) {
        if (progress && !progress(int(start), int(rows.size())))
            return Done{};
        QList<Command> batch;
        QList<ImportRow *> waiting;
        for (qsizetype i = start; i < std::min(rows.size(), start + batchSize); ++i) {
            if (rows[i].command) {
                batch.append(*rows[i].command);
                waiting.append(&rows[i]);
            }
        }
        if (batch.isEmpty())
            continue;
        const Result<QList<Outcome>> outcomes = service.executeBatch(batch);
        if (!outcomes.ok()) {
            Error error = outcomes.error();
            // Rows are named by their line in the file, as in every outcome. A decision maker
            // elsewhere (the distributed mode) may have decided some of the failed batch.
            error.message +=
                QStringLiteral(" (rows before line %1 are committed, later ones may "
                               "be; importing the same file again, unchanged, books each row once)")
                    .arg(rows[start].number);
            return error;
        }
        for (qsizetype i = 0; i < waiting.size(); ++i) {
            waiting[i]->outcome = outcomes.value()[i];
            waiting[i]->outcome.field =
                columnOf(waiting[i]->command->body, waiting[i]->outcome.field);
        }
    }
    if (progress)
        progress(int(rows.size()), int(rows.size()));
    return Done{};
}

} // namespace billing
