#include "PostgresDatabase.h"

#include "PostgresSchema.h"
#include "domain/ReasonCode.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QSqlQuery>

namespace billing {
namespace {

// Any 64-bit key will do, as long as every Billing Desk process uses the same one: two
// processes that open a fresh database at once must not both run a migration.
constexpr qint64 migrationLockKey = 0x42494c4c494e47; // "BILLING"

Error storageError(const QString &message)
{
    return Error{reason::storageFailure, message, {}};
}

} // namespace

PostgresDatabase::~PostgresDatabase()
{
    close();
}

Error PostgresDatabase::failure(const QSqlQuery &query, const QString &what)
{
    return storageError(QStringLiteral("%1: %2").arg(what, query.lastError().text()));
}

bool PostgresDatabase::execWith(QSqlQuery &query, const QString &sql, const QVariantList &values)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return false;
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec();
}

Status PostgresDatabase::open(const PostgresLocation &location, Access access)
{
    BILLING_ASSERT(!m_db.isValid());
    static QAtomicInteger<quint64> counter;
    m_connectionName = QStringLiteral("billing-pg-%1").arg(counter.fetchAndAddRelaxed(1));
    m_location = location;
    m_access = access;
    if (Status connected = connect(); !connected.ok())
        return connected;
    return access == Access::Migrate ? migrate() : checkSchema();
}

Status PostgresDatabase::connect()
{
    if (!m_db.isValid()) {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connectionName);
        if (!m_db.isValid())
            return storageError(QStringLiteral("the Qt PostgreSQL driver (QPSQL) is missing: "
                                               "install libqt6sql6-psql"));
        m_db.setHostName(m_location.host);
        m_db.setPort(m_location.port);
        m_db.setDatabaseName(m_location.database);
        m_db.setUserName(m_location.user);
        m_db.setPassword(m_location.password);
        m_db.setConnectOptions(QStringLiteral("connect_timeout=10"));
        // Amounts are NUMERIC(28,8): as double they would lose digits past the 15th.
        m_db.setNumericalPrecisionPolicy(QSql::HighPrecision);
    }
    m_statements.clear();
    if (m_db.isOpen())
        m_db.close();
    if (!m_db.open())
        return storageError(QStringLiteral("cannot connect to %1: %2")
                                .arg(m_location.toString(), m_db.lastError().text()));
    // Migrations say CREATE ... IF NOT EXISTS; the server's notices about it are noise.
    if (Status done = exec(QStringLiteral("SET client_min_messages TO WARNING")); !done.ok())
        return done;
    // A process that stalls inside a projection batch (SIGSTOP, a debugger) holds the
    // checkpoint row: others give up on it after a few seconds instead of hanging (their
    // projections stay behind, never wrong), and the server ends the stalled session's
    // transaction after a minute, so the lock does not outlive the stall for long.
    if (Status done = exec(QStringLiteral("SET lock_timeout = '5s'")); !done.ok())
        return done;
    if (Status done = exec(QStringLiteral("SET idle_in_transaction_session_timeout = '60s'"));
        !done.ok())
        return done;
    if (m_access == Access::ReadOnly) {
        if (Status done = exec(QStringLiteral("SET default_transaction_read_only = on"));
            !done.ok())
            return done;
    }
    return exec(QStringLiteral("SET TIME ZONE 'UTC'"));
}

void PostgresDatabase::close()
{
    m_statements.clear();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

Status PostgresDatabase::exec(const QString &sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return failure(query, sql.left(60));
    return Done{};
}

Status PostgresDatabase::begin()
{
    if (m_db.isOpen() && m_db.transaction())
        return Done{};
    // The server may have restarted since the last batch: one fresh connection, then give up
    // and let the caller retry later.
    if (Status connected = connect(); !connected.ok())
        return connected;
    if (!m_db.transaction())
        return storageError(
            QStringLiteral("BEGIN on %1: %2").arg(m_location.toString(), m_db.lastError().text()));
    return Done{};
}

Status PostgresDatabase::commit()
{
    for (const auto &query : std::as_const(m_statements))
        query->finish();
    if (!m_db.commit()) {
        const QString message = m_db.lastError().text();
        m_db.rollback();
        return storageError(QStringLiteral("COMMIT: %1").arg(message));
    }
    return Done{};
}

void PostgresDatabase::rollback()
{
    for (const auto &query : std::as_const(m_statements))
        query->finish();
    m_db.rollback();
}

QSqlQuery &PostgresDatabase::statement(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        auto query = std::make_shared<QSqlQuery>(m_db);
        query->setForwardOnly(true);
        query->prepare(sql);
        it = m_statements.insert(sql, query);
    }
    return **it;
}

Status PostgresDatabase::run(const QString &sql, const QVariantList &values, const QString &what)
{
    QSqlQuery &query = statement(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return failure(query, what);
    return Done{};
}

Status PostgresDatabase::checkSchema()
{
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) ||
        !query.next())
        return storageError(QStringLiteral("%1 has no Billing Desk schema a reader can use (open "
                                           "it once as a writer): %2")
                                .arg(m_location.toString(), query.lastError().text()));
    const qint64 current = query.value(0).toLongLong();
    const qint64 newest = postgres::migrations().size();
    if (current != newest)
        return storageError(QStringLiteral("%1 has schema %2, this Billing Desk reads schema %3 "
                                           "(a writer of this version migrates it)")
                                .arg(m_location.toString())
                                .arg(current)
                                .arg(newest));
    return Done{};
}

Status PostgresDatabase::migrate()
{
    const QList<QStringList> &all = postgres::migrations();
    for (;;) {
        if (Status begun = begin(); !begun.ok())
            return begun;
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        if (!query.exec(QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(migrationLockKey)) ||
            !query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                       "version INTEGER PRIMARY KEY, "
                                       "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")) ||
            !query.exec(
                QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")) ||
            !query.next()) {
            const Error error = failure(query, QStringLiteral("read schema version"));
            rollback();
            return error;
        }
        const int current = query.value(0).toInt();
        query.finish();
        if (current > all.size()) {
            rollback();
            return storageError(QStringLiteral("%1 was written by a newer Billing Desk (schema %2)")
                                    .arg(m_location.toString())
                                    .arg(current));
        }
        if (current == all.size()) {
            rollback();
            return Done{};
        }
        for (const QString &sql : all[current]) {
            if (!query.exec(sql)) {
                const Error error = failure(query, QStringLiteral("migration %1").arg(current + 1));
                rollback();
                return error;
            }
        }
        if (!query.exec(QStringLiteral("INSERT INTO schema_migrations (version) VALUES (%1)")
                            .arg(current + 1))) {
            const Error error = failure(query, QStringLiteral("record migration"));
            rollback();
            return error;
        }
        query.finish();
        if (Status committed = commit(); !committed.ok())
            return committed;
    }
}

} // namespace billing
