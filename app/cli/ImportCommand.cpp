#include "CliOutput.h"
#include "CsvReader.h"
#include "JsonViews.h"
#include "Subcommands.h"

#include "domain/ReasonCode.h"

#include <QCryptographicHash>
#include <QFile>

namespace billing::cli {
namespace {

constexpr int batchSize = 500;
const QStringList columns = {QStringLiteral("operation"),    QStringLiteral("account"),
                             QStringLiteral("counterparty"), QStringLiteral("amount"),
                             QStringLiteral("currency"),     QStringLiteral("key"),
                             QStringLiteral("reference")};

struct Row
{
    int number = 0; // 1-based, the header not counted
    std::optional<Command> command;
    Outcome outcome; // set when the row could not become a command, or once it ran
};

Error rowError(const QString &field, const QString &message)
{
    return Error{reason::invalidArgument, message, field};
}

// operation: topup|withdraw|transfer|pay (account = the USER side, or "from" for a transfer;
// counterparty = the other side) or refund (account = the payment's transaction id).
Result<CommandBody> bodyOf(const LedgerState &state, const QHash<QString, QString> &cells)
{
    const QString operation = cells.value(QStringLiteral("operation")).trimmed().toLower();
    const QString account = cells.value(QStringLiteral("account")).trimmed();
    const QString counterparty = cells.value(QStringLiteral("counterparty")).trimmed();
    const QString currency = cells.value(QStringLiteral("currency")).trimmed().toUpper();
    const Transaction *payment = state.transaction(account);
    const int decimals = decimalsFor(
        state,
        currency.isEmpty() && operation == u"refund" && payment ? payment->currency : currency,
        account);
    const Result<Money> amount = Money::parse(cells.value(QStringLiteral("amount")).trimmed(),
                                              decimals, Money::Sign::PositiveOnly);
    if (!amount.ok())
        return amount.error();
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
    } else if (operation == u"withdraw" || operation == u"transfer" || operation == u"pay") {
        move.type = operation == u"withdraw"   ? TransactionType::Withdrawal
                    : operation == u"transfer" ? TransactionType::Transfer
                                               : TransactionType::Payment;
        move.sourceAccountId = account;
        move.destinationAccountId = counterparty;
    } else {
        return rowError(QStringLiteral("operation"),
                        QStringLiteral("operation must be topup, withdraw, transfer, pay or "
                                       "refund, not '%1'")
                            .arg(operation));
    }
    return CommandBody(move);
}

QJsonObject rowJson(const Row &row)
{
    QJsonObject object = toJson(row.outcome);
    object.insert(QStringLiteral("row"), row.number);
    if (!row.outcome.completed()) {
        object.insert(QStringLiteral("code"), row.outcome.code);
        object.insert(QStringLiteral("message"), row.outcome.message);
        object.insert(QStringLiteral("field"), row.outcome.field);
    }
    return object;
}

} // namespace

int runImport(CliContext &context, const CliArguments &arguments)
{
    if (Status allowed = arguments.allowOnly({}); !allowed.ok())
        return printError(allowed.error());
    QFile file(arguments.word(1));
    if (arguments.word(1).isEmpty() || !file.open(QIODevice::ReadOnly))
        return printError(rowError(QStringLiteral("file"),
                                   QStringLiteral("cannot read '%1'").arg(arguments.word(1))));
    const QByteArray bytes = file.readAll();
    const QList<QStringList> records = readCsv(bytes);
    if (records.isEmpty() || records.first() != columns)
        return printError(
            rowError(QStringLiteral("file"),
                     QStringLiteral("the first line must be: ") + columns.join(u',')));
    const Result<LedgerService *> opened = context.service();
    if (!opened.ok())
        return printError(opened.error());
    LedgerService &service = *opened.value();
    // Rows without a key get one from the file's content and the row number, so importing the
    // same file again (say after a crash) repeats nothing.
    const QString fileKey = QString::fromLatin1(
        QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(24));
    QList<Row> rows;
    for (qsizetype i = 1; i < records.size(); ++i) {
        Row row;
        row.number = int(i);
        QHash<QString, QString> cells;
        for (qsizetype c = 0; c < columns.size(); ++c)
            cells.insert(columns[c], records[i].value(c));
        Result<CommandBody> body = bodyOf(service.state(), cells);
        if (!body.ok()) {
            row.outcome.kind = Outcome::Kind::Invalid;
            row.outcome.code = body.error().code;
            row.outcome.message = body.error().message;
            row.outcome.field = body.error().field;
            row.outcome.command = cells.value(QStringLiteral("operation"));
        } else {
            CommandOptions options = context.options(arguments);
            options.idempotencyKey = cells.value(QStringLiteral("key")).trimmed();
            if (options.idempotencyKey.isEmpty())
                options.idempotencyKey = QStringLiteral("import-%1-%2").arg(fileKey).arg(i);
            row.command = service.issue(std::move(body.value()), options);
        }
        rows.append(std::move(row));
    }
    QJsonObject summary{{QStringLiteral("completed"), 0},
                        {QStringLiteral("rejected"), 0},
                        {QStringLiteral("invalid"), 0}};
    for (qsizetype start = 0; start < rows.size(); start += batchSize) {
        QList<Command> batch;
        QList<Row *> waiting;
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
            error.message += QStringLiteral(" (rows before %1 are committed)").arg(start + 1);
            return printError(error);
        }
        for (qsizetype i = 0; i < waiting.size(); ++i)
            waiting[i]->outcome = outcomes.value()[i];
    }
    QJsonArray array;
    for (const Row &row : rows) {
        array.append(rowJson(row));
        const QString kind = row.outcome.kindName();
        summary.insert(kind, summary.value(kind).toInt() + 1);
    }
    return printDocument({{QStringLiteral("rows"), array}, {QStringLiteral("summary"), summary}});
}

} // namespace billing::cli
