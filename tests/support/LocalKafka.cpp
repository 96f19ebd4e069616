#include "LocalKafka.h"

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
