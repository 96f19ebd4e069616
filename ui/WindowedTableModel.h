#pragma once

#include "LedgerTerms.h"
#include "application/TableQuery.h"
#include "infrastructure/StoreLocation.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <memory>

namespace billing::ui {

class LedgerTableWorker;

// A table over one projection that never holds it all: the row count comes from a COUNT query,
// rows arrive a page at a time from a worker thread as the view asks for them, and at most
// cachedPagesMax pages stay in memory. Sorting and filtering re-query in SQL. When the ledger
// moves, the pages most recently shown are read again and only what changed is signalled.
class WindowedTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowedTableModel)

public:
    static constexpr int pageRows = 200;
    static constexpr int cachedPagesMax = 50;
    static constexpr int requestsInFlightMax = 4;
    static constexpr int wantedPagesMax = 16;
    static constexpr int refreshPagesMax = 4;
    // Each fetchMore() counts this many times further than the last count.
    static constexpr qint64 countGrowth = 4;
    enum Role {
        RowKeyRole = Qt::UserRole,        // unique per row, stable across refreshes
        RecordIdRole,                     // the account, transaction or entity the row shows
        StoredValueRole = storedValueRole // the cell as stored: a code where the display has words
    };

    ~WindowedTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    // The event log's rows are counted up to a limit, so that the first page does not wait for
    // a count over millions of rows; scrolling to the end counts further.
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    void setFilter(const TableFilter &filter);
    // Reads the current sort and filter again from the first page.
    void reload() { restartQuery(); }
    const TableFilter &filter() const { return m_query.filter; }
    LedgerTable table() const { return m_query.table; }
    int sortColumn() const { return m_query.sortColumn; }
    Qt::SortOrder sortOrder() const;
    bool isAmountColumn(int column) const;
    // Columns holding a stored code (a type or status) that the display puts in words.
    bool isCodeColumn(int column) const;
    // A stored row's cell as the table shows it: codes and the events' data in words.
    QString displayed(const QStringList &row, int column) const;
    // Rows held in memory, at most pageRows * cachedPagesMax.
    qint64 cachedRows() const;
    // True once the rows of the current sort and filter have arrived at least once.
    bool isReady() const { return !m_resetOnNextPage; }
    // False while rowCount() is only a lower bound: the count stopped at its limit.
    bool isRowCountExact() const { return m_totalExact; }
    const LedgerMark &shownMark() const { return m_shownMark; }
    // The row that shows `key` among the rows held in memory, or -1.
    int rowOfKey(const QString &key) const;
    // Where the rows come from: the ledger file, or the distributed mode's PostgreSQL.
    const StoreLocation &location() const { return m_location; }
    // The current sort and filter, for reading the same rows elsewhere (an export).
    const TableQuery &query() const { return m_query; }

Q_SIGNALS:
    void fetchRequested(const billing::TableQuery &query);
    void loadFailed(const QString &message);

protected:
    WindowedTableModel(LedgerTable table, const StoreLocation &location, int sortColumn,
                       Qt::SortOrder order, QObject *parent);
    virtual QString columnTitle(int column) const = 0;

private:
    struct CachedPage
    {
        QList<QStringList> rows;
        bool stale = false;
        quint64 lastUse = 0;
    };

    void restartQuery();
    void want(qint64 page) const;
    void sendWanted();
    void sendRequest(qint64 page, bool countRows);
    void onPageReady(const billing::TablePage &page);
    void onLedgerMoved(const billing::LedgerMark &mark);
    void onPageFailed(quint64 generation, qint64 offset);
    void startRefresh();
    void resetTo(const TablePage &page);
    void applyTotal(qint64 total);
    void mergePage(qint64 pageIndex, const QList<QStringList> &rows);
    void evictPages(qint64 keep);

    TableQuery m_query;
    StoreLocation m_location;
    std::shared_ptr<std::atomic<quint64>> m_generation;
    int m_rowCount = 0;
    bool m_resetOnNextPage = true;
    qint64 m_countLimit = 0; // 0: count every row
    bool m_totalExact = true;
    bool m_countingMore = false;
    // Written from data(), which is const: the pages the view asked for and what is cached.
    mutable QHash<qint64, CachedPage> m_pages;
    mutable QList<qint64> m_wanted;
    mutable quint64 m_useClock = 0;
    mutable QTimer m_sendTimer;
    QList<qint64> m_inFlight;
    QList<qint64> m_refreshPages;
    bool m_refreshAgain = false;
    LedgerMark m_ledgerMark;
    LedgerMark m_shownMark;
    QThread m_thread;
    LedgerTableWorker *m_worker = nullptr;
};

} // namespace billing::ui
