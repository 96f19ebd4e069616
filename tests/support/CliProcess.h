#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QStringList>

namespace billing::test {

// One run of the real billing-cli executable (its path comes from $BILLING_CLI, set by ctest).
struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject json() const;      // stdout as one JSON document
    QJsonObject errorJson() const; // stderr as one JSON document
};

QString cliPath();
CliRun runCli(const QString &storePath, const QStringList &arguments, int timeoutMs = 60000);
// Started, not waited for: for races and kills.
QProcess *startCli(const QString &storePath, const QStringList &arguments,
                   QObject *parent = nullptr);

} // namespace billing::test
