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

private:
    LocalService m_service;
};

} // namespace billing::test
