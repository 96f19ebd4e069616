#pragma once

#include "LocalService.h"

namespace billing::test {

// A real single-node KRaft Kafka broker for one test run (services/kafka-up). Its jars come
// from Maven Central through services/kafka/pom.xml once and are kept under the build dir, so
// later runs start without a download.
class LocalKafka
{
public:
    LocalKafka();

    bool start();
    QString error() const { return m_service.error(); }
    // 127.0.0.1:PORT
    QString bootstrap() const { return m_service.setting(QStringLiteral("KAFKA_BOOTSTRAP")); }
    // Fault drills: SIGKILL the broker (no controlled shutdown), then start it again with the
    // same command line, data and ports, and wait until it serves metadata.
    bool killBroker();
    bool restartBroker();

private:
    QString pidFile() const;

    LocalService m_service;
    QStringList m_commandLine;
};

} // namespace billing::test
