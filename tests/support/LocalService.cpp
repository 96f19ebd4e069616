#include "LocalService.h"

#include <QCoreApplication>
#include <QProcess>
#include <QProcessEnvironment>

#include <csignal>

namespace billing::test {

LocalService::LocalService(QString upScript, QString downScript, QString dirKey)
    : m_upScript(std::move(upScript))
    , m_downScript(std::move(downScript))
    , m_dirKey(std::move(dirKey))
{}

LocalService::~LocalService()
{
    stop();
}

QString LocalService::servicesDir()
{
    return QStringLiteral(BILLING_SOURCE_DIR "/services");
}

bool LocalService::run(const QString &program, const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        m_error = program + QStringLiteral(" did not finish");
        return false;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        m_error = program + QStringLiteral(" failed: ") +
                  QString::fromLocal8Bit(process.readAllStandardError());
        return false;
    }
    return true;
}

bool LocalService::start(const QHash<QString, QString> &environment, int timeoutMs)
{
    QProcess process;
    QProcessEnvironment processEnvironment = QProcessEnvironment::systemEnvironment();
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        processEnvironment.insert(it.key(), it.value());
    process.setProcessEnvironment(processEnvironment);
    // Progress goes to stderr; pass it through so a slow start shows in the test log.
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(servicesDir() + u'/' + m_upScript, {});
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        m_error = m_upScript + QStringLiteral(" did not finish in time");
        return false;
    }
    const QString out = QString::fromLocal8Bit(process.readAllStandardOutput());
    for (const QString &line : out.split(u'\n', Qt::SkipEmptyParts)) {
        const qsizetype equals = line.indexOf(u'=');
        if (equals > 0)
            m_settings.insert(line.left(equals), line.mid(equals + 1));
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        m_error = m_upScript + QStringLiteral(" failed (see its output above)");
        return false;
    }
    m_dir = m_settings.value(m_dirKey);
    if (m_dir.isEmpty()) {
        m_error = m_upScript + QStringLiteral(" printed no ") + m_dirKey;
        return false;
    }
    startGuard();
    return true;
}

void LocalService::startGuard()
{
    // A detached shell that waits for this process to go away, then stops the server. When
    // stop() runs first it kills the guard, and the guard's stop never happens.
    const QString script =
        QStringLiteral("while kill -0 %1 2>/dev/null; do sleep 1; done; exec \"$0\" \"$1\"")
            .arg(QCoreApplication::applicationPid());
    QProcess::startDetached(
        QStringLiteral("/bin/bash"),
        {QStringLiteral("-c"), script, servicesDir() + u'/' + m_downScript, m_dir}, {},
        &m_guardPid);
}

void LocalService::stop()
{
    if (m_dir.isEmpty())
        return;
    if (m_guardPid > 0)
        ::kill(pid_t(m_guardPid), SIGKILL);
    m_guardPid = 0;
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedChannels);
    process.start(servicesDir() + u'/' + m_downScript, {m_dir});
    if (!process.waitForFinished(90000))
        process.kill();
    process.waitForFinished(5000);
    m_dir.clear();
}

} // namespace billing::test
