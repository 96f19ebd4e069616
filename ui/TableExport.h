#pragma once

#include "application/TableQuery.h"
#include "domain/Result.h"

#include <QCoreApplication>

#include <atomic>

class QAbstractItemModel;
class QIODevice;
class QWidget;

namespace billing {
class TableReader;
struct StoreLocation;
} // namespace billing

namespace billing::ui {

// A table's rows, in its current sort and filter, as CSV: the amounts exactly as the ledger
// holds them.
class TableExport
{
    Q_DECLARE_TR_FUNCTIONS(TableExport)

public:
    static constexpr int chunkRows = 5000;

    // Every row of `query` (its offset and limit are ignored); stops early once `cancelled`.
    static Result<qint64> write(TableReader &reader, TableQuery query, const QStringList &headers,
                                QIODevice &out, const std::atomic<bool> &cancelled,
                                std::atomic<qint64> &rowsWritten);
    // Runs write() on a thread of its own behind a progress dialog with a cancel button.
    static void run(QWidget *parent, const StoreLocation &location, const TableQuery &query,
                    const QStringList &headers, const QString &filePath);
    static QString csvLine(const QStringList &cells);
    // A model held in memory, headers first, each cell as stored (storedValueRole) where the
    // model gives that, else as it displays.
    static QString modelCsv(const QAbstractItemModel &model);
    // Asks where, then writes `text` there; says so when it cannot.
    static void saveCsv(QWidget *parent, const QString &title, const QString &text);
};

} // namespace billing::ui
