#include "SqliteStatement.h"

#include "domain/ReasonCode.h"

#include <sqlite3.h>

namespace billing {

SqliteStatement::SqliteStatement(sqlite3 *db, const char *sql)
    : m_db(db)
{
    const int prepared =
        sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_statement, nullptr);
    // The SQL is the program's own: failing to prepare it is a bug, not a condition to handle.
    BILLING_ASSERT(prepared == SQLITE_OK);
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

void SqliteStatement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_statement, index, value);
}

void SqliteStatement::bind(int index, QStringView text)
{
    // As Qt's driver binds a QString: a null one is NULL, an empty one ''. An empty view may
    // still have no data pointer, which SQLite would take for NULL too.
    if (text.isNull()) {
        bindNull(index);
        return;
    }
    static const char16_t empty[1] = {0};
    const void *data = text.isEmpty() ? static_cast<const void *>(empty) : text.utf16();
    sqlite3_bind_text16(m_statement, index, data, int(text.size() * 2), SQLITE_STATIC);
}

void SqliteStatement::bindTextOrNull(int index, QStringView text)
{
    if (text.isEmpty())
        bindNull(index);
    else
        bind(index, text);
}

void SqliteStatement::bindBlob(int index, QByteArrayView bytes)
{
    sqlite3_bind_blob(m_statement, index, bytes.data(), int(bytes.size()), SQLITE_STATIC);
}

void SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_statement, index);
}

int SqliteStatement::step()
{
    return sqlite3_step(m_statement);
}

Status SqliteStatement::run(const char *what)
{
    const int stepped = step();
    Status status = Done{};
    if (stepped != SQLITE_DONE && stepped != SQLITE_ROW)
        status = failure(QString::fromLatin1(what));
    reset();
    return status;
}

Status SqliteStatement::finishRows(int lastStep, const char *what)
{
    Status status = Done{};
    if (lastStep != SQLITE_DONE)
        status = failure(QString::fromLatin1(what));
    reset();
    return status;
}

Result<qint64> SqliteStatement::singleInt64(const char *what)
{
    if (step() != SQLITE_ROW) {
        const Error error = failure(QString::fromLatin1(what));
        reset();
        return error;
    }
    const qint64 value = columnInt64(0);
    reset();
    return value;
}

qint64 SqliteStatement::columnInt64(int index)
{
    return sqlite3_column_int64(m_statement, index);
}

QString SqliteStatement::columnText(int index)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_statement, index));
    if (!text)
        return {};
    return QString::fromUtf8(text, sqlite3_column_bytes(m_statement, index));
}

QByteArrayView SqliteStatement::columnBlob(int index)
{
    const auto *bytes = static_cast<const char *>(sqlite3_column_blob(m_statement, index));
    return {bytes, sqlite3_column_bytes(m_statement, index)};
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

Error SqliteStatement::failure(const QString &what) const
{
    return Error{reason::storageFailure,
                 QStringLiteral("%1: %2").arg(what, QString::fromUtf8(sqlite3_errmsg(m_db))),
                 {}};
}

int SqliteStatement::extendedError() const
{
    return sqlite3_extended_errcode(m_db);
}

} // namespace billing
