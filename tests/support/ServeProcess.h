#pragma once

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QStringList>

namespace billing::test {

// One `billing-cli serve` process and the JSON lines it reports (a change of role each).
class ServeProcess
{
public:
    explicit ServeProcess(const QStringList &storeArguments);
    ~ServeProcess();
    ServeProcess(const ServeProcess &) = delete;
    ServeProcess &operator=(const ServeProcess &) = delete;

    // Waits (bounded) for a report with "role": `role` after the first `skip` reports of that
    // role; returns it, or an empty object on timeout.
    QJsonObject waitForRole(const QString &role, int skip = 0, int timeoutMs = 60000);
    int countRole(const QString &role);
    bool holds(); // its last report says "holder"
    qint64 pid() const { return m_process.processId(); }
    bool signal(int number);
    // SIGTERM, then waits (bounded); true when it ended by itself with exit 0 and its final
    // "stopped" line.
    bool stop(int timeoutMs = 20000);
    // Waits (bounded) for the process to end by itself; true when it did.
    bool ended(int timeoutMs);
    int exitCode() const { return m_process.exitCode(); }
    const QList<QJsonObject> &reports();
    QByteArray errors() { return m_process.readAllStandardError(); }

private:
    void readLines();

    QProcess m_process;
    QByteArray m_partial;
    QList<QJsonObject> m_reports;
};

} // namespace billing::test
