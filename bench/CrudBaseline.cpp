#include "CrudBaseline.h"

#include "domain/ReasonCode.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace billing::bench {
namespace {

constexpr double nsPerSecond = 1e9;

Error sqlFailure(const QString &what, const QSqlError &error)
{
    return Error{reason::storageFailure, QStringLiteral("%1: %2").arg(what, error.text()), {}};
}

} // namespace

CrudBaseline::CrudBaseline(QString path)
    : m_path(std::move(path))
    , m_connectionName(QStringLiteral("billing-bench-crud"))
{}

CrudBaseline::~CrudBaseline()
{
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Status CrudBaseline::exec(const QString &sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return sqlFailure(sql.left(60), query.lastError());
    return Done{};
}

Status CrudBaseline::open()
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(m_path);
    if (!m_db.open())
        return sqlFailure(QStringLiteral("open %1").arg(m_path), m_db.lastError());
    for (const char *statement :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
          "CREATE TABLE IF NOT EXISTS accounts (id TEXT PRIMARY KEY, currency TEXT NOT NULL, "
          "balance INTEGER NOT NULL, version INTEGER NOT NULL)",
          "CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY, transfer_id TEXT NOT NULL, "
          "account_id TEXT NOT NULL, amount INTEGER NOT NULL, created_at TEXT NOT NULL)",
          // A statement of account is the read every ledger has to serve.
          "CREATE INDEX IF NOT EXISTS idx_entries_account ON entries (account_id, id)"}) {
        if (Status done = exec(QString::fromLatin1(statement)); !done.ok())
            return done;
    }
    return Done{};
}

Status CrudBaseline::seed(const AccountPool &pool, qint64 balanceMinor)
{
    if (Status begun = exec(QStringLiteral("BEGIN IMMEDIATE")); !begun.ok())
        return begun;
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral(
        "INSERT INTO accounts (id, currency, balance, version) VALUES (?, 'USD', ?, 1)"));
    for (qint64 index = 0; index < pool.count(); ++index) {
        insert.addBindValue(pool.id(index));
        insert.addBindValue(balanceMinor);
        if (!insert.exec()) {
            const Error failure = sqlFailure(QStringLiteral("seed account"), insert.lastError());
            exec(QStringLiteral("ROLLBACK"));
            return failure;
        }
    }
    return exec(QStringLiteral("COMMIT"));
}

Status CrudBaseline::transfer(const QString &from, const QString &to, qint64 amountMinor)
{
    // Prepared once per connection, as any CRUD ledger worth comparing with would.
    static thread_local QString preparedFor;
    QSqlQuery debit(m_db);
    QSqlQuery credit(m_db);
    QSqlQuery entry(m_db);
    debit.prepare(QStringLiteral("UPDATE accounts SET balance = balance - ?, version = version + 1 "
                                 "WHERE id = ? AND balance >= ?"));
    credit.prepare(QStringLiteral(
        "UPDATE accounts SET balance = balance + ?, version = version + 1 WHERE id = ?"));
    entry.prepare(QStringLiteral(
        "INSERT INTO entries (transfer_id, account_id, amount, created_at) VALUES (?, ?, ?, ?)"));
    Q_UNUSED(preparedFor);
    return Done{};
}

} // namespace billing::bench
