#pragma once

#include "domain/Result.h"

#include <QByteArrayView>
#include <QString>
#include <QStringView>

struct sqlite3;
struct sqlite3_stmt;

namespace billing {

// A statement prepared with SQLite's own API, for the write path: binding a QVariant per value
// and copying it through QSqlQuery cost more than SQLite's own work on a transfer's rows.
// Text and blobs are bound without a copy, so they must outlive the step() that reads them.
class SqliteStatement
{
public:
    SqliteStatement(sqlite3 *db, const char *sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    // Parameters count from 1, as in SQLite.
    void bind(int index, qint64 value);
    void bind(int index, QStringView text); // null: NULL; empty: '' (as Qt binds a QString)
    void bindTextOrNull(int index, QStringView text);
    void bindBlob(int index, QByteArrayView bytes);
    void bindNull(int index);

    // SQLITE_ROW, SQLITE_DONE or an error code.
    int step();
    // Runs a statement that returns no rows and resets it.
    Status run(const char *what);
    // Runs a statement that returns one row and resets it: that row's first column.
    Result<qint64> singleInt64(const char *what);
    qint64 columnInt64(int index);
    // A copy; NULL reads as a null QString.
    QString columnText(int index);
    // Valid until the next step() or reset().
    QByteArrayView columnBlob(int index);
    // Resets and clears the bindings, which ends the statement's read snapshot.
    void reset();
    // After stepping through rows: resets, and returns the error when `lastStep` was one
    // rather than SQLITE_DONE.
    Status finishRows(int lastStep, const char *what);

    // SQLite's message for the connection's last failure, with `what` in front.
    Error failure(const QString &what) const;
    // The extended result code of that failure (SQLITE_CONSTRAINT_UNIQUE, say).
    int extendedError() const;

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
};

} // namespace billing
