#pragma once

#include <QJsonArray>

namespace billing::cli {

// Qt's warnings (projections behind the log, a snapshot not saved) become part of the JSON the
// CLI prints, instead of plain lines on stderr before its error document: held until the
// output is written, they go into the error object as "warnings", or after a success onto
// stderr as one {"warnings":[...]} line.
void holdMessages();
// The messages held so far; none are held afterwards.
QJsonArray takeHeldMessages();
// Writes what is held as one line and from then on each message as it comes.
void releaseHeldMessages();

} // namespace billing::cli
