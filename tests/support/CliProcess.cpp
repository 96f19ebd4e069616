#include "CliProcess.h"

#include "domain/Invariant.h"

#include <QJsonDocument>

namespace billing::test {

QJsonObject CliRun::json() const
{
    return QJsonDocument::fromJson(out).object();
}

QJsonObject CliRun::errorJson() const
{
    return QJsonDocument::fromJson(err).object();
}

QString cliPath()
{
    const QString path = qEnvironmentVariable("BILLING_CLI");
    BILLING_ASSERT(!path.isEmpty());
    return path;
}

static QStringList withStore(const QString &storePath, const QStringList &arguments)
{
    return QStringList{QStringLiteral("--store"), QStringLiteral("sqlite:") + storePath} +
           arguments;
}

CliRun runCli(const QString &storePath, const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    process.start(cliPath(), withStore(storePath, arguments));
    CliRun run;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QProcess *startCli(const QString &storePath, const QStringList &arguments, QObject *parent)
{
    auto *process = new QProcess(parent);
    process->start(cliPath(), withStore(storePath, arguments));
    return process;
}

} // namespace billing::test
