#pragma once

#include "domain/Result.h"

#include <QStringList>

namespace billing::bench {

struct BenchOptions
{
    qint64 accounts = 100000;
    qint64 events = 1000000; // at least this many events in the store before replay
    qint64 single = 2000;    // single durable transfers to time, in each ledger
    qint64 batch = 1000;     // commands per executeBatch call
    QString dir;             // empty: a temporary folder, removed at exit
    bool json = false;
};

// Parses the command line; --help and --version print and exit here, as QCommandLineParser does.
Result<BenchOptions> parseBenchOptions(const QStringList &arguments);

} // namespace billing::bench
