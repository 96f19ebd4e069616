#include "LocalPostgres.h"

#include <QDir>
#include <QFileInfo>

#include <unistd.h>

namespace billing::test {
namespace {

// Debian keeps pg_ctl under /usr/lib/postgresql/N/bin; take the newest, as postgres-up does.
QString pgCtlPath()
{
    const QString fromEnvironment = qEnvironmentVariable("PG_BINDIR");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment + QStringLiteral("/pg_ctl");
    QStringList versions = QDir(QStringLiteral("/usr/lib/postgresql"))
                               .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    std::sort(versions.begin(), versions.end(),
              [](const QString &a, const QString &b) { return a.toInt() < b.toInt(); });
    for (auto it = versions.crbegin(); it != versions.crend(); ++it) {
        const QString candidate = QStringLiteral("/usr/lib/postgresql/%1/bin/pg_ctl").arg(*it);
        if (QFileInfo(candidate).isExecutable())
            return candidate;
    }
    return QStringLiteral("pg_ctl");
}

} // namespace

LocalPostgres::LocalPostgres()
    : m_service(QStringLiteral("postgres-up"), QStringLiteral("postgres-down"),
                QStringLiteral("PG_DIR"))
{}

bool LocalPostgres::pgCtl(const QStringList &arguments)
{
    // The server refuses to run as root; postgres-up made the cluster the postgres user's.
    QStringList command = {pgCtlPath()};
    command += arguments;
    if (::geteuid() == 0)
        return m_service.run(
            QStringLiteral("runuser"),
            QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--")} +
                command);
    return m_service.run(command.takeFirst(), command);
}

bool LocalPostgres::stopServer()
{
    const QString dir = m_service.setting(QStringLiteral("PG_DIR"));
    return pgCtl({QStringLiteral("-D"), dir + QStringLiteral("/data"), QStringLiteral("-m"),
                  QStringLiteral("fast"), QStringLiteral("-w"), QStringLiteral("-t"),
                  QStringLiteral("60"), QStringLiteral("stop")});
}

bool LocalPostgres::startServer()
{
    const QString dir = m_service.setting(QStringLiteral("PG_DIR"));
    return pgCtl({QStringLiteral("-D"), dir + QStringLiteral("/data"), QStringLiteral("-l"),
                  dir + QStringLiteral("/postgres.log"), QStringLiteral("-w"), QStringLiteral("-t"),
                  QStringLiteral("60"), QStringLiteral("start")});
}

} // namespace billing::test
