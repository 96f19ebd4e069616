#pragma once

#include "application/Outcome.h"
#include "domain/Result.h"

#include <QJsonObject>

namespace billing::cli {

enum ExitCode {
    exitOk = 0,
    exitInfrastructure = 1, // the store or the file system failed
    exitRejected = 2,       // a business rejection or bad input
    exitVerifyFailed = 3,   // `verify` found something wrong
};

// One JSON document on stdout; exit 0.
int printDocument(const QJsonObject &document);
// {"error":{"code","message","field"}} on stderr; exit 1 for infrastructure, else 2.
int printError(const Error &error);
// Completed: the document on stdout. Rejected or invalid: the error on stderr, with `extra`
// beside it (e.g. the id of the failed transaction).
int printOutcome(const Outcome &outcome, const QJsonObject &document);
bool isInfrastructure(const QString &code);

} // namespace billing::cli
