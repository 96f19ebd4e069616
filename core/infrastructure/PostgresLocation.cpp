#include "PostgresLocation.h"

#include "domain/ReasonCode.h"

#include <QFile>
#include <QFileDevice>
#include <QUrl>

namespace billing {
namespace {

Error invalid(const QString &message)
{
    return Error{reason::invalidArgument, message, QStringLiteral("projections")};
}

Result<QString> passwordFromEnvironment()
{
    if (qEnvironmentVariableIsSet("PGPASSWORD"))
        return qEnvironmentVariable("PGPASSWORD");
    const QString path = qEnvironmentVariable("BILLING_PGPASSWORD_FILE");
    if (path.isEmpty())
        return QString();
    QFile file(path);
    // A password file anyone else can read is a leaked password: refuse it, as libpq does.
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                            QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                            QFileDevice::WriteOther | QFileDevice::ExeOther;
    if (!file.exists())
        return invalid(QStringLiteral("BILLING_PGPASSWORD_FILE %1 does not exist").arg(path));
    if (file.permissions() & others)
        return invalid(
            QStringLiteral("BILLING_PGPASSWORD_FILE %1 must have mode 0600 or stricter").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return invalid(QStringLiteral("cannot read BILLING_PGPASSWORD_FILE %1").arg(path));
    return QString::fromUtf8(file.readAll()).trimmed();
}

} // namespace

Result<PostgresLocation> PostgresLocation::parse(const QString &url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || (parsed.scheme() != u"postgresql" && parsed.scheme() != u"postgres") ||
        parsed.host().isEmpty() || parsed.userName().isEmpty() || parsed.path().size() < 2)
        return invalid(QStringLiteral("projections must be postgresql://USER@HOST:PORT/DB"));
    if (!parsed.password().isEmpty())
        return invalid(QStringLiteral("no password in the projections URL: set PGPASSWORD or "
                                      "BILLING_PGPASSWORD_FILE (a file with mode 0600)"));
    PostgresLocation location;
    location.user = parsed.userName();
    location.host = parsed.host();
    location.port = parsed.port(5432);
    location.database = parsed.path().mid(1);
    const Result<QString> password = passwordFromEnvironment();
    if (!password.ok())
        return password.error();
    location.password = password.value();
    return location;
}

QString PostgresLocation::toString() const
{
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(database);
}

} // namespace billing
