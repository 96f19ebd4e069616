#include "TableExport.h"

#include "EventSummaryText.h"
#include "FileWriteJob.h"
#include "LedgerTerms.h"
#include "infrastructure/StoreLocation.h"

#include <QAbstractItemModel>
#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QRegularExpression>
#include <QSaveFile>
#include <QThread>
#include <QTimer>

#include <memory>

namespace billing::ui {

QString TableExport::csvLine(const QStringList &cells)
{
    QStringList quoted;
    quoted.reserve(cells.size());
    static const QRegularExpression signedNumber(QStringLiteral(R"(^[-+]\d+(\.\d+)?$)"));
    for (QString cell : cells) {
        // A spreadsheet runs a cell that starts like a formula (a reference such as
        // "=HYPERLINK(...)" typed by anyone who books): a leading apostrophe keeps it text.
        // Signed amounts stay numbers.
        if (!cell.isEmpty() && QStringLiteral("=+-@\t\r").contains(cell.front()) &&
            !signedNumber.match(cell).hasMatch())
            cell.prepend(u'\'');
        if (cell.contains(u',') || cell.contains(u'"') || cell.contains(u'\n')) {
            cell.replace(QStringLiteral("\""), QStringLiteral("\"\""));
            cell = u'"' + cell + u'"';
        }
        quoted.append(cell);
    }
    return quoted.join(u',') + u'\n';
}

QString TableExport::modelCsv(const QAbstractItemModel &model)
{
    QStringList headers;
    for (int column = 0; column < model.columnCount(); ++column)
        headers.append(model.headerData(column, Qt::Horizontal).toString());
    QString csv = csvLine(headers);
    for (int row = 0; row < model.rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < model.columnCount(); ++column) {
            const QModelIndex index = model.index(row, column);
            const QVariant stored = index.data(storedValueRole);
            cells.append(stored.isValid() ? stored.toString() : index.data().toString());
        }
        csv += csvLine(cells);
    }
    return csv;
}

void TableExport::saveCsv(QWidget *parent, const QString &title, const QString &text)
{
    const QString path =
        QFileDialog::getSaveFileName(parent, title, QString(), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    FileWriteJob::start(
        parent,
        [path, bytes = text.toUtf8()] {
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(bytes) < 0 || !file.commit())
                return file.errorString();
            return QString();
        },
        [parent, title](const QString &error) {
            if (error.isEmpty())
                return;
            auto *box = new QMessageBox(QMessageBox::Warning, title,
                                        tr("The file could not be written: %1").arg(error),
                                        QMessageBox::Ok, parent);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        });
}

Result<qint64> TableExport::write(TableReader &reader, TableQuery query, const QStringList &headers,
                                  QIODevice &out, const std::atomic<bool> &cancelled,
                                  std::atomic<qint64> &rowsWritten)
{
    // Chunks are read one after the other, each its own snapshot: rows booked meanwhile would
    // push rows from one chunk into the next, which would write them twice. Pinned to where the
    // projections stood at the start, every chunk reads the same rows.
    if (query.table != LedgerTable::Accounts && query.filter.upToPosition < 0) {
        const Result<LedgerMark> mark = reader.mark();
        if (!mark.ok())
            return mark.error();
        query.filter.upToPosition = std::min(mark.value().projected, mark.value().logged);
    }
    out.write(csvLine(headers).toUtf8());
    query.limit = chunkRows;
    query.countRows = false;
    const int columns = int(headers.size());
    for (query.offset = 0; !cancelled.load(); query.offset += chunkRows) {
        const Result<TablePage> page = reader.read(query);
        if (!page.ok())
            return page.error();
        for (QStringList row : page.value().rows) {
            // The events' summary as the table shows it; codes stay codes.
            if (query.table == LedgerTable::Events && columns > int(EventColumn::Summary)) {
                QString &summary = row[int(EventColumn::Summary)];
                summary = EventSummaryText::describe(row.value(int(EventColumn::Type)), summary,
                                                     EventSummaryText::Amounts::AsLedger);
            }
            out.write(csvLine(row.mid(0, columns)).toUtf8());
        }
        rowsWritten += page.value().rows.size();
        if (page.value().rows.size() < chunkRows)
            break;
    }
    return rowsWritten.load();
}

void TableExport::run(QWidget *parent, const StoreLocation &location, const TableQuery &query,
                      const QStringList &headers, const QString &filePath)
{
    struct Shared
    {
        std::atomic<bool> cancelled{false};
        std::atomic<qint64> rows{0};
        QString error;
    };
    auto shared = std::make_shared<Shared>();
    QThread *thread = QThread::create([=] {
        QSaveFile file(filePath);
        Result<std::unique_ptr<TableReader>> reader =
            openTableReader(location, StorageAccess::ReadOnly);
        if (!reader.ok()) {
            shared->error = reader.error().message;
            return;
        }
        if (!file.open(QIODevice::WriteOnly)) {
            shared->error = file.errorString();
            return;
        }
        const Result<qint64> written =
            write(*reader.value(), query, headers, file, shared->cancelled, shared->rows);
        if (!written.ok())
            shared->error = written.error().message;
        // A cancelled export leaves no half-written file behind.
        if (shared->cancelled || !written.ok())
            file.cancelWriting();
        else if (!file.commit())
            shared->error = file.errorString();
    });
    auto *progress = new QProgressDialog(tr("Exporting rows…"), tr("Cancel"), 0, 0, parent);
    progress->setWindowModality(Qt::WindowModal);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->setMinimumDuration(300);
    auto *timer = new QTimer(progress);
    QObject::connect(timer, &QTimer::timeout, progress, [progress, shared] {
        progress->setLabelText(tr("Exporting rows… %n written", nullptr, int(shared->rows)));
    });
    timer->start(100);
    QObject::connect(progress, &QProgressDialog::canceled, progress,
                     [shared] { shared->cancelled = true; });
    const QPointer<QWidget> owner(parent);
    const QPointer<QProgressDialog> shown(progress);
    QObject::connect(thread, &QThread::finished, thread, [=] {
        // The dialog goes with its window, which may have closed meanwhile.
        if (shown)
            shown->close();
        thread->deleteLater();
        if (!shared->error.isEmpty() && owner)
            QMessageBox::warning(owner, tr("Export rows"),
                                 tr("The rows could not be exported: %1").arg(shared->error));
    });
    // Quitting gives up the export (a cancelled one leaves no file) and waits for that.
    FileWriteJob::finishBeforeQuit(thread, [shared] { shared->cancelled = true; });
    thread->start();
}

} // namespace billing::ui
