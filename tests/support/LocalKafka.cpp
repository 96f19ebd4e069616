#include "LocalKafka.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QThread>

#include <csignal>

namespace billing::test {

LocalKafka::LocalKafka()
    : m_service(QStringLiteral("kafka-up"), QStringLiteral("kafka-down"),
                QStringLiteral("KAFKA_DIR"))
{}

bool LocalKafka::start()
{
    QHash<QString, QString> environment;
    if (qEnvironmentVariableIsEmpty("KAFKA_LIBS_DIR"))
        environment.insert(QStringLiteral("KAFKA_LIBS_DIR"),
                           QStringLiteral(BILLING_BINARY_DIR "/kafka-libs"));
    return m_service.start(environment);
}

} // namespace billing::test

namespace billing::test {

QString LocalKafka::pidFile() const
{
    return m_service.setting(QStringLiteral("KAFKA_DIR")) + QStringLiteral("/kafka.pid");
}

bool LocalKafka::killBroker()
{
    QFile file(pidFile());
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const qint64 pid = file.readAll().trimmed().toLongLong();
    QFile commandLine(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (pid <= 0 || !commandLine.open(QIODevice::ReadOnly))
        return false;
    m_commandLine.clear();
    for (const QByteArray &part : commandLine.readAll().split('\0'))
        if (!part.isEmpty())
            m_commandLine.append(QString::fromLocal8Bit(part));
    if (::kill(pid_t(pid), SIGKILL) != 0)
        return false;
    // Not our child (kafka-up detached it): wait for /proc to forget it, bounded.
    const QDeadlineTimer deadline(30000);
    while (QFile::exists(QStringLiteral("/proc/%1/cmdline").arg(pid)) && !deadline.hasExpired())
        QThread::msleep(100);
    return !QFile::exists(QStringLiteral("/proc/%1/cmdline").arg(pid));
}

bool LocalKafka::restartBroker()
{
    if (m_commandLine.isEmpty())
        return false;
    const QString dir = m_service.setting(QStringLiteral("KAFKA_DIR"));
    QProcess broker;
    broker.setProgram(m_commandLine.first());
    broker.setArguments(m_commandLine.mid(1));
    broker.setStandardInputFile(QProcess::nullDevice());
    broker.setStandardOutputFile(dir + QStringLiteral("/logs/kafka.out"), QIODevice::Append);
    broker.setStandardErrorFile(dir + QStringLiteral("/logs/kafka.out"), QIODevice::Append);
    qint64 pid = 0;
    if (!broker.startDetached(&pid))
        return false;
    // kafka-down (and the guard) stop whatever pid this file names.
    QFile file(pidFile());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    file.write(QByteArray::number(pid) + '\n');
    file.close();
    const QString expected = QStringLiteral("broker 1 at ") + bootstrap();
    const QDeadlineTimer deadline(90000);
    while (!deadline.hasExpired()) {
        QProcess kcat;
        kcat.start(QStringLiteral("kcat"), {QStringLiteral("-b"), bootstrap(), QStringLiteral("-L"),
                                            QStringLiteral("-m"), QStringLiteral("2")});
        if (kcat.waitForFinished(10000) &&
            QString::fromUtf8(kcat.readAllStandardOutput()).contains(expected))
            return true;
        QThread::msleep(300);
    }
    return false;
}

} // namespace billing::test
