#pragma once

#include "LocalService.h"

namespace billing::test {

// A real PostgreSQL cluster for one test run: initdb + pg_ctl on a free 127.0.0.1 port in a temp
// dir (services/postgres-up), as the `postgres` user when the test runs as root.
class LocalPostgres
{
public:
    LocalPostgres();

    bool start() { return m_service.start(); }
    QString error() const { return m_service.error(); }
    // postgresql://postgres@127.0.0.1:PORT/billing
    QString url() const { return m_service.setting(QStringLiteral("PG_URL")); }
    // Fault drills: the server goes away (a fast shutdown) and comes back on the same port
    // with the same data.
    bool stopServer();
    bool startServer();

private:
    bool pgCtl(const QStringList &arguments);

    LocalService m_service;
};

} // namespace billing::test
