#include "KafkaSettings.h"

#include "domain/ReasonCode.h"

#include <QFile>

#include <librdkafka/rdkafkacpp.h>

namespace billing {
namespace {

Error invalid(const QString &message)
{
    return Error{reason::invalidArgument, message, QStringLiteral("store")};
}

Result<QHash<QString, QString>> readProperties(const QString &path)
{
    QHash<QString, QString> properties;
    if (path.isEmpty())
        return properties;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return invalid(QStringLiteral("cannot read BILLING_KAFKA_CONFIG %1").arg(path));
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::ReadOther;
    bool secret = false;
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const qsizetype equals = line.indexOf(u'=');
        if (equals <= 0)
            return invalid(QStringLiteral("%1:%2: expected key=value").arg(path).arg(lineNumber));
        const QString key = line.left(equals).trimmed();
        secret = secret || key.contains(u"password") || key.contains(u"secret");
        properties.insert(key, line.mid(equals + 1).trimmed());
    }
    if (secret && (file.permissions() & others))
        return invalid(QStringLiteral("BILLING_KAFKA_CONFIG %1 holds a password: give it mode 0600")
                           .arg(path));
    return properties;
}

} // namespace

Result<KafkaSettings> KafkaSettings::fromEnvironment(const QString &bootstrap)
{
    KafkaSettings settings;
    settings.bootstrap = bootstrap;
    if (bootstrap.isEmpty())
        return invalid(QStringLiteral("store must be kafka:HOST:PORT[,HOST:PORT...]"));
    settings.topicPrefix = qEnvironmentVariable("BILLING_KAFKA_TOPIC_PREFIX");
    if (qEnvironmentVariableIsSet("BILLING_KAFKA_PARTITIONS")) {
        bool ok = false;
        settings.partitions = qEnvironmentVariable("BILLING_KAFKA_PARTITIONS").toInt(&ok);
        if (!ok || settings.partitions < 1 || settings.partitions > 1000)
            return invalid(QStringLiteral("BILLING_KAFKA_PARTITIONS must be 1 to 1000"));
    }
    if (qEnvironmentVariableIsSet("BILLING_KAFKA_EVENTS_IN_MEMORY")) {
        bool ok = false;
        settings.eventsInMemory =
            qEnvironmentVariable("BILLING_KAFKA_EVENTS_IN_MEMORY").toLongLong(&ok);
        if (!ok || settings.eventsInMemory < 1)
            return invalid(QStringLiteral("BILLING_KAFKA_EVENTS_IN_MEMORY must be at least 1"));
    }
    Result<QHash<QString, QString>> properties =
        readProperties(qEnvironmentVariable("BILLING_KAFKA_CONFIG"));
    if (!properties.ok())
        return properties.error();
    settings.properties = std::move(properties.value());
    return settings;
}

Status KafkaSettings::set(RdKafka::Conf &conf, const char *name, const QString &value)
{
    std::string error;
    if (conf.set(name, value.toStdString(), error) != RdKafka::Conf::CONF_OK)
        // The value is left out: it may be a password.
        return invalid(QStringLiteral("Kafka property %1: %2")
                           .arg(QString::fromLatin1(name), QString::fromStdString(error)));
    return Done{};
}

Status KafkaSettings::configure(RdKafka::Conf &conf) const
{
    if (Status done = set(conf, "bootstrap.servers", bootstrap); !done.ok())
        return done;
    // librdkafka logs to stderr, where billing-cli writes its one error document; a fenced
    // writer that recovers is no news. BILLING_KAFKA_CONFIG can set log_level (7 = debug).
    if (Status done = set(conf, "log_level", QStringLiteral("0")); !done.ok())
        return done;
    for (auto it = properties.cbegin(); it != properties.cend(); ++it) {
        if (Status done = set(conf, it.key().toUtf8().constData(), it.value()); !done.ok())
            return done;
    }
    return Done{};
}

} // namespace billing
