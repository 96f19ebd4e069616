#pragma once

#include <QString>

namespace billing {

// Every command ends in exactly one of these.
struct Outcome
{
    enum class Kind {
        Completed, // events written
        Rejected,  // a business rule said no; money commands record it as <Op>Failed
        Invalid    // bad input or a reused key; nothing written
    };
    Kind kind = Kind::Completed;
    QString code; // empty when completed
    QString message;
    QString field;
    QString command;       // commandName()
    QString transactionId; // money commands
    QString accountId;     // account commands, and the USER side of money commands
    bool repeated = false; // the same key and payload came before: this is the first outcome
    qint64 position = 0;   // the last event's position when written

    bool completed() const { return kind == Kind::Completed; }
    QString kindName() const;
};

} // namespace billing
