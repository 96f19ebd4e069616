#pragma once

#include "Command.h"

#include <QJsonObject>

namespace billing {

// What the caller asked for, without the ids and time the command was issued with: two commands
// with the same idempotency key are "the same" exactly when these are equal.
QJsonObject commandPayload(const CommandBody &body);
QString payloadHash(const CommandBody &body);

} // namespace billing
