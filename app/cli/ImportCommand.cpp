#include "CliOutput.h"
#include "JsonViews.h"
#include "Subcommands.h"

#include "application/CsvImport.h"
#include "domain/ReasonCode.h"

#include <QFile>

namespace billing::cli {
namespace {

QJsonObject rowJson(const ImportRow &row)
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
    if (Status allowed = arguments.allowOnly({}, 2); !allowed.ok())
        return printError(allowed.error());
    QFile file(arguments.word(1));
    if (arguments.word(1).isEmpty() || !file.open(QIODevice::ReadOnly))
        return printError({reason::invalidArgument,
                           QStringLiteral("cannot read '%1'").arg(arguments.word(1)),
                           QStringLiteral("file")});
    const QByteArray bytes = file.readAll();
    const Result<LedgerService *> opened = context.service();
    if (!opened.ok())
        return printError(opened.error());
    LedgerService &service = *opened.value();
    const Result<CommandOptions> options = context.options(arguments);
    if (!options.ok())
        return printError(options.error());
    Result<QList<ImportRow>> rows =
        CsvImport::prepare(service, context.currencies(), bytes, options.value());
    if (!rows.ok())
        return printError(rows.error());
    if (Status ran = CsvImport::run(service, rows.value()); !ran.ok())
        return printError(ran.error());
    QJsonObject summary{{QStringLiteral("completed"), 0},
                        {QStringLiteral("rejected"), 0},
                        {QStringLiteral("invalid"), 0}};
    QJsonArray array;
    for (const ImportRow &row : rows.value()) {
        array.append(rowJson(row));
        const QString kind = row.outcome.kindName();
        summary.insert(kind, summary.value(kind).toInt() + 1);
    }
    return printDocument({{QStringLiteral("rows"), array}, {QStringLiteral("summary"), summary}});
}

} // namespace billing::cli
