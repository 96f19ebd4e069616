#include "CrudBaseline.h"

#include "domain/Invariant.h"
#include "domain/ReasonCode.h"
#include "infrastructure/SqliteDatabase.h"
#include "infrastructure/SqliteStatement.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSqlError>
#include <QUuid>

#include <sqlite3.h>

namespace billing::bench {
namespace {

constexpr double nsPerSecond = 1e9;

Error sqlFailure(const QString &what, const QSqlError &error)
{
    return Error{reason::storageFailure, QStringLiteral("%1: %2").arg(what, error.text()), {}};
}

Status run(QSqlQuery &query, const QVariantList &values, const QString &what)
{
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return sqlFailure(what, query.lastError());
    return Done{};
}

} // namespace

CrudBaseline::CrudBaseline(QString path)
    : m_path(std::move(path))
    , m_connectionName(QStringLiteral("billing-bench-crud"))
{}

CrudBaseline::~CrudBaseline()
{
    m_debit.reset();
    m_credit.reset();
    m_entry.reset();
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
          // A statement of account is the one read every ledger has to serve.
          "CREATE INDEX IF NOT EXISTS idx_entries_account ON entries (account_id, id)"}) {
        if (Status done = exec(QString::fromLatin1(statement)); !done.ok())
            return done;
    }
    m_debit = std::make_unique<QSqlQuery>(m_db);
    m_credit = std::make_unique<QSqlQuery>(m_db);
    m_entry = std::make_unique<QSqlQuery>(m_db);
    // The balance check sits in the WHERE clause: no row changed means insufficient funds.
    const bool prepared =
        m_debit->prepare(QStringLiteral("UPDATE accounts SET balance = balance - ?, "
                                        "version = version + 1 WHERE id = ? AND balance >= ?")) &&
        m_credit->prepare(QStringLiteral("UPDATE accounts SET balance = balance + ?, "
                                         "version = version + 1 WHERE id = ?")) &&
        m_entry->prepare(QStringLiteral("INSERT INTO entries (transfer_id, account_id, amount, "
                                        "created_at) VALUES (?, ?, ?, ?)"));
    if (!prepared)
        return sqlFailure(QStringLiteral("prepare transfer statements"), m_db.lastError());
    return Done{};
}

void CrudBaseline::rollback()
{
    // Only ever after a failure that is already being reported; a second error adds nothing.
    QSqlQuery query(m_db);
    query.exec(QStringLiteral("ROLLBACK"));
}

Status CrudBaseline::seed(const AccountPool &pool, qint64 balanceMinor)
{
    if (Status begun = exec(QStringLiteral("BEGIN IMMEDIATE")); !begun.ok())
        return begun;
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral(
        "INSERT INTO accounts (id, currency, balance, version) VALUES (?, 'USD', ?, 1)"));
    for (qint64 index = 0; index < pool.count(); ++index) {
        if (Status done = run(insert, {pool.id(index), balanceMinor}, QStringLiteral("seed"));
            !done.ok()) {
            rollback();
            return done;
        }
    }
    return exec(QStringLiteral("COMMIT"));
}

Status CrudBaseline::transfer(const QString &from, const QString &to, qint64 amountMinor)
{
    if (Status begun = exec(QStringLiteral("BEGIN IMMEDIATE")); !begun.ok())
        return begun;
    const QString transferId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    Status done = run(*m_debit, {amountMinor, from, amountMinor}, QStringLiteral("debit"));
    if (done.ok() && m_debit->numRowsAffected() != 1)
        done = Error{reason::insufficientFunds,
                     QStringLiteral("baseline account %1 cannot pay").arg(from),
                     {}};
    if (done.ok())
        done = run(*m_credit, {amountMinor, to}, QStringLiteral("credit"));
    if (done.ok())
        done = run(*m_entry, {transferId, from, -amountMinor, now}, QStringLiteral("entry"));
    if (done.ok())
        done = run(*m_entry, {transferId, to, amountMinor, now}, QStringLiteral("entry"));
    if (done.ok())
        done = exec(QStringLiteral("COMMIT"));
    if (!done.ok())
        rollback();
    return done;
}

QString CrudBaseline::sqliteVersion()
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT sqlite_version()")) || !query.next())
        return QStringLiteral("unknown");
    return query.value(0).toString();
}

Result<LatencySummary> CrudBaseline::runTransfers(AccountPool &pool, qint64 count,
                                                  qint64 amountMinor)
{
    // As for the ledger: the seeding's WAL is written back before the timed run.
    if (Status settled = exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")); !settled.ok())
        return settled.error();
    QList<qint64> samples;
    samples.reserve(count);
    QElapsedTimer wall;
    QElapsedTimer one;
    wall.start();
    for (qint64 i = 0; i < count; ++i) {
        const auto [from, to] = pool.randomPair();
        one.start();
        const Status done = transfer(from, to, amountMinor);
        samples.append(one.nsecsElapsed());
        if (!done.ok())
            return done.error();
    }
    return summarize(std::move(samples), static_cast<double>(wall.nsecsElapsed()) / nsPerSecond);
}

Result<BatchedCrudFigures> CrudBaseline::runBatchedTransfers(AccountPool &pool, qint64 count,
                                                             qint64 batch, qint64 amountMinor)
{
    BILLING_ASSERT(count > 0 && batch > 0);
    if (Status settled = exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")); !settled.ok())
        return settled.error();
    sqlite3 *db = SqliteDatabase::handleOf(m_db);
    SqliteStatement debit(db, "UPDATE accounts SET balance = balance - ?1, version = version + 1 "
                              "WHERE id = ?2 AND balance >= ?1");
    SqliteStatement credit(db, "UPDATE accounts SET balance = balance + ?1, "
                               "version = version + 1 WHERE id = ?2");
    SqliteStatement entry(db, "INSERT INTO entries (transfer_id, account_id, amount, created_at) "
                              "VALUES (?1, ?2, ?3, ?4)");
    const auto oneTransfer = [&](const QString &from, const QString &to) -> Status {
        // Bound without a copy: each text lives until its statement has run.
        const QString transferId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        debit.bind(1, amountMinor);
        debit.bind(2, from);
        if (Status done = debit.run("debit"); !done.ok())
            return done;
        if (sqlite3_changes(db) != 1)
            return Error{reason::insufficientFunds,
                         QStringLiteral("baseline account %1 cannot pay").arg(from),
                         {}};
        credit.bind(1, amountMinor);
        credit.bind(2, to);
        if (Status done = credit.run("credit"); !done.ok())
            return done;
        for (const auto &[account, amount] : {std::pair{&from, -amountMinor}, {&to, amountMinor}}) {
            entry.bind(1, transferId);
            entry.bind(2, *account);
            entry.bind(3, amount);
            entry.bind(4, now);
            if (Status done = entry.run("entry"); !done.ok())
                return done;
        }
        return Done{};
    };
    BatchedCrudFigures figures;
    QElapsedTimer wall;
    wall.start();
    while (figures.transfers < count) {
        if (Status begun = exec(QStringLiteral("BEGIN IMMEDIATE")); !begun.ok())
            return begun.error();
        const qint64 inThis = std::min(batch, count - figures.transfers);
        for (qint64 i = 0; i < inThis; ++i) {
            const auto [from, to] = pool.randomPair();
            if (Status done = oneTransfer(from, to); !done.ok()) {
                rollback();
                return done.error();
            }
        }
        if (Status committed = exec(QStringLiteral("COMMIT")); !committed.ok()) {
            rollback();
            return committed.error();
        }
        figures.transfers += inThis;
        ++figures.commits;
    }
    figures.seconds = static_cast<double>(wall.nsecsElapsed()) / nsPerSecond;
    figures.perSecond = static_cast<double>(figures.transfers) / figures.seconds;
    return figures;
}

} // namespace billing::bench
