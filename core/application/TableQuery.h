#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace billing {

// The desk's three tables over the projections, read a window at a time.
enum class LedgerTable { Accounts, Transactions, AuditLog, Events };

// Column numbers are shared by the SQL reader (which maps them to whitelisted SQL) and the
// models (which show them), so each enum ends in its count. CurrencyCode and State avoid the
// names of the domain's Currency and Status types.
enum class AccountColumn { Id, Owner, Type, CurrencyCode, Balance, State, Updated, Count };
enum class TransactionColumn {
    Time,
    Type,
    Account,
    Counterparty,
    Amount,
    CurrencyCode,
    State,
    Reference,
    CorrelationId,
    Count
};
enum class AuditColumn { Position, Time, Action, Entity, Operator, CorrelationId, Count };
// The auditor's event history: every event in log order. Summary holds the event's data as
// JSON text, which the desk shows as one line in the user's words.
enum class EventColumn {
    Position,
    Time,
    Type,
    Aggregate,
    Version,
    CorrelationId,
    CausationId,
    Operator,
    Summary,
    Count
};

// Empty fields do not filter. `text` matches ids, owners, references and the like anywhere in
// them; the dates are ISO 8601 prefixes compared with the row's time ("2025-12-09").
// `account` keeps the account's own events and those of its transactions; `correlationId` keeps
// one saga; `operatorName` keeps what one operator did. Tables without such a column ignore them.
struct TableFilter
{
    QString text;
    QString type;
    QString status;
    QString currency;
    QString fromDate;
    QString toDate;
    QString account;
    QString correlationId;
    QString operatorName;
    // Time travel: only rows that existed after the event at this position (negative: all).
    // Tables without a position (accounts) ignore it.
    qint64 upToPosition = -1;

    friend bool operator==(const TableFilter &, const TableFilter &) = default;
};

// A table first counts at most this many rows of a filter, then more as it is scrolled.
inline constexpr qint64 countedRowsFirst = 1000;

// One windowed read: `limit` rows from `offset` in the given order. `generation` comes back
// with the page, so that a model can drop pages of a sort or filter it no longer shows.
struct TableQuery
{
    LedgerTable table = LedgerTable::Accounts;
    int sortColumn = 0;
    bool descending = false;
    TableFilter filter;
    qint64 offset = 0;
    int limit = 200;
    bool countRows = false;
    // When above 0, counting stops after this many rows: on a big log an exact count of a
    // filter may read millions of rows, and the first page should not wait for it.
    qint64 countLimit = 0;
    quint64 generation = 0;
};

// Where the ledger stands: the projector's checkpoint and the log's last position. The desk
// polls it and refreshes its tables when it moves.
struct LedgerMark
{
    qint64 projected = 0;
    qint64 logged = 0;

    friend bool operator==(const LedgerMark &, const LedgerMark &) = default;
};

// A window of rows, each cell the projection's exact text (amounts included), in column order,
// followed by two hidden cells: the row's unique key and the id of the record it shows (the
// account, the transaction, or the audited entity).
struct TablePage
{
    quint64 generation = 0;
    qint64 offset = 0;
    QList<QStringList> rows;
    qint64 totalRows = -1;  // -1 when the query did not count
    bool totalExact = true; // false: at least totalRows rows, the count stopped at its limit
    LedgerMark mark;        // where the ledger stood when the rows were read
};

constexpr int hiddenCellKey = 0;
constexpr int hiddenCellRecord = 1;

inline int columnCount(LedgerTable table)
{
    switch (table) {
    case LedgerTable::Accounts:
        return int(AccountColumn::Count);
    case LedgerTable::Transactions:
        return int(TransactionColumn::Count);
    case LedgerTable::AuditLog:
        return int(AuditColumn::Count);
    case LedgerTable::Events:
        return int(EventColumn::Count);
    }
    return 0;
}

} // namespace billing

Q_DECLARE_METATYPE(billing::TableQuery)
Q_DECLARE_METATYPE(billing::TablePage)
Q_DECLARE_METATYPE(billing::LedgerMark)
