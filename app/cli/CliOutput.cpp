#include "CliOutput.h"

#include "CliMessages.h"
#include "domain/ReasonCode.h"

#include <QJsonDocument>

#include <cstdio>

namespace billing::cli {
namespace {

void write(FILE *stream, const QJsonObject &document)
{
    const QByteArray bytes = QJsonDocument(document).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

QJsonObject errorObject(const QString &code, const QString &message, const QString &field)
{
    QJsonObject error{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    error.insert(QStringLiteral("field"), field.isEmpty() ? QJsonValue() : QJsonValue(field));
    // What went wrong before, in the same document (see CliMessages).
    if (const QJsonArray warnings = takeHeldMessages(); !warnings.isEmpty())
        error.insert(QStringLiteral("warnings"), warnings);
    return error;
}

} // namespace

bool isInfrastructure(const QString &code)
{
    return code == reason::storageFailure || code == reason::concurrencyConflict;
}

int printDocument(const QJsonObject &document)
{
    write(stdout, document);
    return exitOk;
}

int printError(const Error &error)
{
    QJsonObject object = errorObject(error.code, error.message, error.field);
    if (error.position > 0)
        object.insert(QStringLiteral("position"), error.position);
    write(stderr, {{QStringLiteral("error"), object}});
    if (error.code == reason::ledgerTampered)
        return exitVerifyFailed;
    return isInfrastructure(error.code) ? exitInfrastructure : exitRejected;
}

int printOutcome(const Outcome &outcome, const QJsonObject &document)
{
    if (outcome.completed())
        return printDocument(document);
    QJsonObject failure = document;
    failure.insert(QStringLiteral("error"),
                   errorObject(outcome.code, outcome.message, outcome.field));
    write(stderr, failure);
    return exitRejected;
}

} // namespace billing::cli
