#include "SqliteDatabase.h"

#include "SqliteSchema.h"
#include "SqliteWalWrites.h"
#include "domain/ReasonCode.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <chrono>
#include <thread>

namespace billing {
namespace {

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("billing-sqlite-%1").arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

SqliteDatabase::~SqliteDatabase()
{
    close();
}

Error SqliteDatabase::failure(const QSqlQuery &query, const QString &what)
{
    return Error{
        reason::storageFailure, QStringLiteral("%1: %2").arg(what, query.lastError().text()), {}};
}

Status SqliteDatabase::open(const QString &path, Durability durability, Checkpoints checkpoints)
{
    BILLING_ASSERT(!m_db.isValid());
    const QFileInfo file(path);
    if (!QDir().mkpath(file.absolutePath()))
        return Error{reason::storageFailure,
                     QStringLiteral("cannot create folder %1").arg(file.absolutePath()),
                     {}};
    m_path = file.absoluteFilePath();
    m_connectionName = nextConnectionName();
    sqlite::useBufferedWalWrites();
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(m_path);
    if (!m_db.open())
        return Error{reason::storageFailure,
                     QStringLiteral("cannot open %1: %2").arg(m_path, m_db.lastError().text()),
                     {}};
    retryWhenBusy(handle(), &busyBudgetMs);
    const char *synchronous =
        durability == Durability::Full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL";
    // Checkpoints run on SqliteCheckpointer's thread, not inside every ~30th commit.
    for (const char *pragma : {"PRAGMA journal_mode=WAL", synchronous, "PRAGMA foreign_keys=OFF",
                               "PRAGMA cache_size=-16384", "PRAGMA wal_autocheckpoint=0"}) {
        if (Status done = exec(QString::fromLatin1(pragma)); !done.ok())
            return done;
    }
    if (Status migrated = migrate(); !migrated.ok())
        return migrated;
    if (checkpoints == Checkpoints::OwnThread)
        m_checkpointer = std::make_unique<SqliteCheckpointer>(m_path, checkpointIntervalMs);
    return Done{};
}

void SqliteDatabase::close()
{
    if (!m_db.isValid())
        return;
    m_checkpointer.reset();
    m_statements.clear();
    m_nativeStatements.clear();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool SqliteDatabase::execWith(QSqlQuery &query, const QString &sql, const QVariantList &values)
{
    query.setForwardOnly(true);
    if (!query.prepare(sql))
        return false;
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec();
}

Status SqliteDatabase::exec(const QString &sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return failure(query, sql.left(60));
    return Done{};
}

Status SqliteDatabase::beginWrite()
{
    // The checkpointer copied all but the last few frames of a long WAL: copying those here,
    // where no writer is held back, lets this write start the WAL over.
    if (m_checkpointer && m_checkpointer->takeRestart())
        sqlite3_wal_checkpoint_v2(handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return nativeStatement("BEGIN IMMEDIATE").run("begin a write");
}

QSqlQuery &SqliteDatabase::statement(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        auto query = std::make_shared<QSqlQuery>(m_db);
        query->setForwardOnly(true);
        const bool ok = query->prepare(sql);
        BILLING_ASSERT(ok);
        it = m_statements.insert(sql, query);
    }
    return **it;
}

SqliteStatement &SqliteDatabase::nativeStatement(const char *sql)
{
    auto it = m_nativeStatements.find(sql);
    if (it == m_nativeStatements.end())
        it =
            m_nativeStatements.emplace(sql, std::make_unique<SqliteStatement>(handle(), sql)).first;
    return *it->second;
}

sqlite3 *SqliteDatabase::handle()
{
    return handleOf(m_db);
}

sqlite3 *SqliteDatabase::handleOf(const QSqlDatabase &connection)
{
    const QVariant handle = connection.driver()->handle();
    BILLING_ASSERT(handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0);
    return *static_cast<sqlite3 *const *>(handle.constData());
}

void SqliteDatabase::retryWhenBusy(sqlite3 *db, const int *budgetMs)
{
    sqlite3_busy_handler(
        db,
        [](void *budget, int tries) -> int {
            if (tries >= *static_cast<const int *>(budget))
                return 0;
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            return 1;
        },
        const_cast<int *>(budgetMs));
}

void SqliteDatabase::finishStatements()
{
    for (const auto &query : std::as_const(m_statements))
        query->finish();
    for (const auto &[sql, statement] : m_nativeStatements)
        statement->reset();
}

Status SqliteDatabase::commit()
{
    finishStatements();
    return nativeStatement("COMMIT").run("commit");
}

void SqliteDatabase::rollback()
{
    finishStatements();
    // Fails only when no transaction is open, which is what rolling back is for.
    (void)nativeStatement("ROLLBACK").run("roll back");
}

Status SqliteDatabase::migrate()
{
    if (Status begun = beginWrite(); !begun.ok())
        return begun;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
        rollback();
        return failure(query, QStringLiteral("read schema version"));
    }
    const int current = query.value(0).toInt();
    const QList<QStringList> &all = sqlite::migrations();
    if (current > all.size()) {
        rollback();
        return Error{reason::storageFailure,
                     QStringLiteral("%1 was written by a newer Billing Desk (schema %2)")
                         .arg(m_path)
                         .arg(current),
                     {}};
    }
    for (qsizetype version = current; version < all.size(); ++version) {
        for (const QString &statement : all[version]) {
            if (Status done = exec(statement); !done.ok()) {
                rollback();
                return done;
            }
        }
    }
    if (Status done = exec(QStringLiteral("PRAGMA user_version=%1").arg(all.size())); !done.ok()) {
        rollback();
        return done;
    }
    return commit();
}

} // namespace billing
