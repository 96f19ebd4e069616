#pragma once

#include "PostgresLocation.h"
#include "domain/Result.h"

#include <QHash>
#include <QSqlDatabase>
#include <QVariantList>

#include <memory>

class QSqlQuery;

namespace billing {

// One connection to the projections' PostgreSQL database through Qt's QPSQL driver, with the
// schema migrated to the newest version. NUMERIC columns are read as exact strings
// (QSql::HighPrecision), never through double. When the server went away (a restart, a
// failover) the next begin() opens a new connection, so callers retry a failed batch rather than
// the process. A connection belongs to the thread that opened it.
class PostgresDatabase
{
public:
    PostgresDatabase() = default;
    ~PostgresDatabase();
    PostgresDatabase(const PostgresDatabase &) = delete;
    PostgresDatabase &operator=(const PostgresDatabase &) = delete;

    // Migrate: brings the schema to the newest version (a writer). ReadOnly: an auditor's
    // connection, which may create nothing: it checks that the schema is the newest and every
    // transaction on it is READ ONLY.
    enum class Access { Migrate, ReadOnly };

    Status open(const PostgresLocation &location, Access access = Access::Migrate);
    void close();
    QSqlDatabase &connection() { return m_db; }
    const PostgresLocation &location() const { return m_location; }

    Status begin();
    Status commit();
    void rollback();

    Status exec(const QString &sql);
    // Prepared once per connection and reused; forgotten when the connection is renewed.
    QSqlQuery &statement(const QString &sql);
    // Binds `values` in order to the prepared `sql` and runs it.
    Status run(const QString &sql, const QVariantList &values, const QString &what);
    // Prepares `sql` on `query` (forward only), binds `values` and runs it.
    static bool execWith(QSqlQuery &query, const QString &sql, const QVariantList &values);
    static Error failure(const QSqlQuery &query, const QString &what);

private:
    Status connect();
    Status migrate();
    Status checkSchema();

    QSqlDatabase m_db;
    PostgresLocation m_location;
    Access m_access = Access::Migrate;
    QString m_connectionName;
    QHash<QString, std::shared_ptr<QSqlQuery>> m_statements;
};

} // namespace billing
