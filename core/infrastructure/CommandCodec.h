#pragma once

#include "application/Command.h"
#include "application/Outcome.h"
#include "domain/Result.h"

#include <QJsonObject>

namespace billing::codec {

// A command as it travels on the command topic: its meta (ids, key, operator, time) and its body
// (commandPayload() plus the ids the command was issued with), amounts as exact strings. Decoding
// what was encoded gives the same command, so the decision maker decides exactly what the client
// issued.
QJsonObject commandToJson(const Command &command);
Result<Command> commandFromJson(const QJsonObject &object);

// An outcome on the outcome topic, beside the command id it answers.
QJsonObject outcomeToJson(const Outcome &outcome);
Outcome outcomeFromJson(const QJsonObject &object);

} // namespace billing::codec
