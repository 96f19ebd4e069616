#include "ServeProcess.h"

#include "CliProcess.h"

#include <QDeadlineTimer>
#include <QJsonDocument>

#include <csignal>

namespace billing::test {

ServeProcess::ServeProcess(const QStringList &storeArguments)
{
    m_process.start(cliPath(), storeArguments + QStringList{QStringLiteral("serve")});
}

ServeProcess::~ServeProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        ::kill(pid_t(m_process.processId()), SIGCONT);
        m_process.kill();
        m_process.waitForFinished(10000);
    }
}

void ServeProcess::readLines()
{
    m_partial += m_process.readAllStandardOutput();
    for (qsizetype end = m_partial.indexOf('\n'); end >= 0; end = m_partial.indexOf('\n')) {
        m_reports.append(QJsonDocument::fromJson(m_partial.left(end)).object());
        m_partial.remove(0, end + 1);
    }
}

const QList<QJsonObject> &ServeProcess::reports()
{
    readLines();
    return m_reports;
}

int ServeProcess::countRole(const QString &role)
{
    readLines();
    int count = 0;
    for (const QJsonObject &report : std::as_const(m_reports))
        count += report.value(u"role").toString() == role ? 1 : 0;
    return count;
}

bool ServeProcess::holds()
{
    readLines();
    for (auto it = m_reports.crbegin(); it != m_reports.crend(); ++it) {
        if (it->contains(u"role"))
            return it->value(u"role").toString() == u"holder";
    }
    return false;
}

QJsonObject ServeProcess::waitForRole(const QString &role, int skip, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        readLines();
        int seen = 0;
        for (const QJsonObject &report : std::as_const(m_reports)) {
            if (report.value(u"role").toString() == role && seen++ == skip)
                return report;
        }
        if (deadline.hasExpired() || m_process.state() == QProcess::NotRunning)
            return {};
        m_process.waitForReadyRead(100);
    }
}

bool ServeProcess::signal(int number)
{
    return ::kill(pid_t(m_process.processId()), number) == 0;
}

bool ServeProcess::stop(int timeoutMs)
{
    if (!signal(SIGTERM) || !m_process.waitForFinished(timeoutMs))
        return false;
    readLines();
    return m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0 &&
           !m_reports.isEmpty() && m_reports.last().value(u"stopped").toBool();
}

bool ServeProcess::ended(int timeoutMs)
{
    if (!m_process.waitForFinished(timeoutMs))
        return false;
    readLines();
    return true;
}

} // namespace billing::test
