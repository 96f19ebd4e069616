#include "StorageFloor.h"

#include "domain/Invariant.h"
#include "domain/ReasonCode.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace billing::bench {
namespace {

constexpr double nsPerSecond = 1e9;
const QString connectionName = QStringLiteral("billing-bench-floor");

Error sqlFailure(const QString &what, const QSqlError &error)
{
    return Error{reason::storageFailure, QStringLiteral("%1: %2").arg(what, error.text()), {}};
}

Result<FloorFigures> copyRows(QSqlDatabase &db, const QString &ledgerPath, qint64 first,
                              qint64 last, qint64 perCommit, int eventsPerTransfer)
{
    const QString columns = QStringLiteral(
        "(position INTEGER PRIMARY KEY, event_id TEXT NOT NULL, event_type TEXT NOT NULL, "
        "aggregate_id TEXT NOT NULL, aggregate_version INTEGER NOT NULL, "
        "timestamp TEXT NOT NULL, correlation_id TEXT NOT NULL, idempotency_key TEXT, "
        "body BLOB NOT NULL, hash TEXT NOT NULL)");
    QSqlQuery query(db);
    // The ledger's pragmas, except that nothing is checkpointed while the rows are copied: a
    // floor may flatter the copy, never burden it. The source rows sit in memory.
    for (const QString &statement :
         {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=FULL"),
          QStringLiteral("PRAGMA wal_autocheckpoint=0"), QStringLiteral("PRAGMA temp_store=MEMORY"),
          QStringLiteral("CREATE TABLE events ") + columns,
          QStringLiteral("CREATE TEMP TABLE source ") + columns}) {
        if (!query.exec(statement))
            return sqlFailure(statement.left(60), query.lastError());
    }
    query.prepare(QStringLiteral("ATTACH DATABASE ? AS ledger"));
    query.addBindValue(ledgerPath);
    if (!query.exec())
        return sqlFailure(QStringLiteral("attach the ledger"), query.lastError());
    query.prepare(QStringLiteral("INSERT INTO temp.source SELECT position, event_id, event_type, "
                                 "aggregate_id, aggregate_version, timestamp, correlation_id, "
                                 "idempotency_key, body, hash FROM ledger.events "
                                 "WHERE position BETWEEN ? AND ?"));
    query.addBindValue(first);
    query.addBindValue(last);
    if (!query.exec() || !query.exec(QStringLiteral("DETACH DATABASE ledger")))
        return sqlFailure(QStringLiteral("read the ledger's events"), query.lastError());

    QSqlQuery copy(db);
    if (!copy.prepare(QStringLiteral("INSERT INTO main.events SELECT * FROM temp.source "
                                     "WHERE position BETWEEN ? AND ?")))
        return sqlFailure(QStringLiteral("prepare the copy"), copy.lastError());
    FloorFigures figures;
    QElapsedTimer timer;
    timer.start();
    for (qint64 from = first; from <= last; from += perCommit) {
        copy.addBindValue(from);
        copy.addBindValue(std::min(last, from + perCommit - 1));
        if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")) || !copy.exec() ||
            !query.exec(QStringLiteral("COMMIT")))
            return sqlFailure(QStringLiteral("copying rows"),
                              copy.lastError().isValid() ? copy.lastError() : query.lastError());
        ++figures.commits;
    }
    figures.seconds = static_cast<double>(timer.nsecsElapsed()) / nsPerSecond;
    figures.events = last - first + 1;
    BILLING_ASSERT(figures.seconds > 0);
    figures.eventsPerSecond = static_cast<double>(figures.events) / figures.seconds;
    figures.transfersPerSecond = figures.eventsPerSecond / eventsPerTransfer;
    return figures;
}

} // namespace

Result<FloorFigures> timeStorageFloor(const QString &ledgerPath, const QString &floorPath,
                                      qint64 first, qint64 last, qint64 perCommit,
                                      int eventsPerTransfer)
{
    BILLING_ASSERT(first >= 1 && last >= first && perCommit > 0 && eventsPerTransfer > 0);
    // Only a measurement: the copy would double the disk the bench's folder takes, and one
    // left by an interrupted run must not fail this one.
    auto removeCopy = [&floorPath] {
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(floorPath + suffix);
    };
    removeCopy();
    Result<FloorFigures> figures = Error{};
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        db.setDatabaseName(floorPath);
        figures = db.open() ? copyRows(db, ledgerPath, first, last, perCommit, eventsPerTransfer)
                            : Result<FloorFigures>(sqlFailure(
                                  QStringLiteral("open %1").arg(floorPath), db.lastError()));
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
    removeCopy();
    return figures;
}

} // namespace billing::bench
