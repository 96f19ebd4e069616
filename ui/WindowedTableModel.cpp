#include "WindowedTableModel.h"

#include "AmountText.h"
#include "EventSummaryText.h"
#include "LedgerTerms.h"

#include "LedgerTableWorker.h"
#include "domain/Invariant.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <utility>

namespace billing::ui {

WindowedTableModel::WindowedTableModel(LedgerTable table, const StoreLocation &location,
                                       int sortColumn, Qt::SortOrder order, QObject *parent)
    : QAbstractTableModel(parent)
    , m_location(location)
    , m_generation(std::make_shared<std::atomic<quint64>>(0))
{
    qRegisterMetaType<TableQuery>();
    qRegisterMetaType<TablePage>();
    qRegisterMetaType<LedgerMark>();
    m_query.table = table;
    m_query.sortColumn = sortColumn;
    m_query.descending = order == Qt::DescendingOrder;
    m_query.limit = pageRows;

    m_sendTimer.setSingleShot(true);
    m_sendTimer.setInterval(0);
    connect(&m_sendTimer, &QTimer::timeout, this, &WindowedTableModel::sendWanted);

    m_worker = new LedgerTableWorker(m_generation);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &WindowedTableModel::fetchRequested, m_worker, &LedgerTableWorker::fetch);
    connect(m_worker, &LedgerTableWorker::pageReady, this, &WindowedTableModel::onPageReady);
    connect(m_worker, &LedgerTableWorker::ledgerMoved, this, &WindowedTableModel::onLedgerMoved);
    connect(m_worker, &LedgerTableWorker::failed, this, &WindowedTableModel::loadFailed);
    connect(m_worker, &LedgerTableWorker::pageFailed, this, &WindowedTableModel::onPageFailed);
    m_thread.setObjectName(QStringLiteral("ledger-table-%1").arg(int(table)));
    m_thread.start();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, location] { worker->open(location); }, Qt::QueuedConnection);
    restartQuery();
}

WindowedTableModel::~WindowedTableModel()
{
    // The worker finishes the query it is running, then is deleted on its own thread.
    m_thread.quit();
    m_thread.wait();
}

int WindowedTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int WindowedTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : billing::columnCount(m_query.table);
}

bool WindowedTableModel::isAmountColumn(int column) const
{
    return (m_query.table == LedgerTable::Accounts && column == int(AccountColumn::Balance)) ||
           (m_query.table == LedgerTable::Transactions && column == int(TransactionColumn::Amount));
}

bool WindowedTableModel::isCodeColumn(int column) const
{
    switch (m_query.table) {
    case LedgerTable::Accounts:
        return column == int(AccountColumn::Type) || column == int(AccountColumn::State);
    case LedgerTable::Transactions:
        return column == int(TransactionColumn::Type) || column == int(TransactionColumn::State);
    case LedgerTable::AuditLog:
        return column == int(AuditColumn::Action);
    case LedgerTable::Events:
        return column == int(EventColumn::Type);
    }
    return false;
}

QVariant WindowedTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == Qt::TextAlignmentRole && isAmountColumn(index.column()))
        return (Qt::AlignRight | Qt::AlignVCenter).toInt();
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != RowKeyRole &&
        role != RecordIdRole && role != StoredValueRole)
        return {};
    const qint64 pageIndex = index.row() / pageRows;
    auto found = m_pages.find(pageIndex);
    if (found == m_pages.end()) {
        want(pageIndex);
        return {};
    }
    found->lastUse = ++m_useClock;
    if (found->stale)
        want(pageIndex);
    const qsizetype rowInPage = index.row() % pageRows;
    if (rowInPage >= found->rows.size())
        return {};
    const QStringList &row = found->rows.at(rowInPage);
    if (role == RowKeyRole)
        return row.value(columnCount() + hiddenCellKey);
    if (role == RecordIdRole)
        return row.value(columnCount() + hiddenCellRecord);
    if (role == Qt::DisplayRole)
        return displayed(row, index.column());
    return row.value(index.column());
}

QString WindowedTableModel::displayed(const QStringList &row, int column) const
{
    if (isCodeColumn(column))
        return LedgerTerms::label(row.value(column));
    if (isAmountColumn(column))
        return AmountText::shown(row.value(column));
    if (m_query.table == LedgerTable::Events && column == int(EventColumn::Summary))
        return EventSummaryText::describe(row.value(int(EventColumn::Type)), row.value(column));
    // The audit log's entity is its kind and its id ("transaction 01a2…").
    if (m_query.table == LedgerTable::AuditLog && column == int(AuditColumn::Entity)) {
        const QString entity = row.value(column);
        const qsizetype space = entity.indexOf(u' ');
        if (space > 0)
            return LedgerTerms::label(entity.left(space)) + entity.mid(space);
    }
    return row.value(column);
}

int WindowedTableModel::rowOfKey(const QString &key) const
{
    const int keyCell = columnCount() + hiddenCellKey;
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        for (qsizetype row = 0; row < it->rows.size(); ++row) {
            if (it->rows.at(row).value(keyCell) == key)
                return int(it.key() * pageRows + row);
        }
    }
    return -1;
}

QVariant WindowedTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && section >= 0 && section < columnCount()) {
        if (role == Qt::DisplayRole)
            return columnTitle(section);
        if (role == Qt::TextAlignmentRole && isAmountColumn(section))
            return (Qt::AlignRight | Qt::AlignVCenter).toInt();
        return {};
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

Qt::SortOrder WindowedTableModel::sortOrder() const
{
    return m_query.descending ? Qt::DescendingOrder : Qt::AscendingOrder;
}

void WindowedTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= columnCount())
        return;
    const bool descending = order == Qt::DescendingOrder;
    if (column == m_query.sortColumn && descending == m_query.descending)
        return;
    m_query.sortColumn = column;
    m_query.descending = descending;
    restartQuery();
}

bool WindowedTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_resetOnNextPage && !m_totalExact && !m_countingMore;
}

void WindowedTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    BILLING_ASSERT(m_countLimit > 0);
    m_countLimit *= countGrowth;
    m_countingMore = true;
    // The first page again, counted further: its total grows the table.
    sendRequest(0, true);
}

void WindowedTableModel::setFilter(const TableFilter &filter)
{
    if (filter == m_query.filter)
        return;
    m_query.filter = filter;
    restartQuery();
}

qint64 WindowedTableModel::cachedRows() const
{
    qint64 rows = 0;
    for (const CachedPage &page : std::as_const(m_pages))
        rows += page.rows.size();
    return rows;
}

// A new sort or filter: what is on screen stays until the first page of the new order arrives
// and replaces it in one reset, so the table does not flash empty.
void WindowedTableModel::restartQuery()
{
    m_query.generation = m_generation->fetch_add(1) + 1;
    m_resetOnNextPage = true;
    // Only the event log grows to millions of rows; the projections count exactly.
    m_countLimit = m_query.table == LedgerTable::Events ? countedRowsFirst : 0;
    m_totalExact = true;
    m_countingMore = false;
    m_wanted.clear();
    m_inFlight.clear();
    m_refreshPages.clear();
    m_refreshAgain = false;
    sendRequest(0, true);
}

void WindowedTableModel::want(qint64 page) const
{
    if (m_wanted.contains(page))
        return;
    // The most recently painted pages matter most; pages scrolled past are forgotten.
    m_wanted.append(page);
    if (m_wanted.size() > wantedPagesMax)
        m_wanted.removeFirst();
    m_sendTimer.start();
}

void WindowedTableModel::sendWanted()
{
    while (!m_wanted.isEmpty() && m_inFlight.size() < requestsInFlightMax) {
        const qint64 page = m_wanted.takeLast();
        if (!m_inFlight.contains(page))
            sendRequest(page, false);
    }
}

void WindowedTableModel::sendRequest(qint64 page, bool countRows)
{
    BILLING_ASSERT(page >= 0);
    TableQuery query = m_query;
    query.offset = page * pageRows;
    query.limit = pageRows;
    query.countRows = countRows;
    query.countLimit = m_countLimit;
    m_inFlight.append(page);
    Q_EMIT fetchRequested(query);
}

void WindowedTableModel::onPageReady(const TablePage &page)
{
    if (page.generation != m_query.generation)
        return;
    const qint64 pageIndex = page.offset / pageRows;
    m_inFlight.removeOne(pageIndex);
    if (page.totalRows >= 0) {
        m_totalExact = page.totalExact;
        m_countingMore = false;
    }
    if (m_resetOnNextPage) {
        // Only the counted first page may start the new order; anything else is re-asked.
        if (page.totalRows >= 0)
            resetTo(page);
    } else {
        if (page.totalRows >= 0)
            applyTotal(page.totalRows);
        mergePage(pageIndex, page.rows);
    }
    // Counted pages start a reset or a refresh: the rows shown are as of their mark.
    if (page.totalRows >= 0)
        m_shownMark = page.mark;
    if (m_refreshPages.removeOne(pageIndex) && m_refreshPages.isEmpty() && m_refreshAgain) {
        m_refreshAgain = false;
        startRefresh();
    }
    sendWanted();
}

void WindowedTableModel::resetTo(const TablePage &page)
{
    beginResetModel();
    m_pages.clear();
    m_rowCount = int(std::min<qint64>(page.totalRows, std::numeric_limits<int>::max()));
    m_pages.insert(page.offset / pageRows, CachedPage{page.rows, false, ++m_useClock});
    m_resetOnNextPage = false;
    endResetModel();
}

void WindowedTableModel::applyTotal(qint64 total)
{
    const int rows = int(std::min<qint64>(total, std::numeric_limits<int>::max()));
    if (rows > m_rowCount) {
        beginInsertRows({}, m_rowCount, rows - 1);
        m_rowCount = rows;
        endInsertRows();
    } else if (rows < m_rowCount) {
        beginRemoveRows({}, rows, m_rowCount - 1);
        m_rowCount = rows;
        for (auto it = m_pages.begin(); it != m_pages.end();) {
            if (it.key() * pageRows >= rows)
                it = m_pages.erase(it);
            else
                ++it;
        }
        endRemoveRows();
    }
}

// Signals only the rows whose text changed, so selection and scroll position stay.
void WindowedTableModel::mergePage(qint64 pageIndex, const QList<QStringList> &rows)
{
    const qint64 firstRow = pageIndex * pageRows;
    if (firstRow >= m_rowCount)
        return;
    CachedPage &cached = m_pages[pageIndex];
    const QList<QStringList> old = std::exchange(cached.rows, rows);
    cached.stale = false;
    cached.lastUse = ++m_useClock;
    const qsizetype rowsMax = std::min<qint64>(pageRows, m_rowCount - firstRow);
    qsizetype first = -1;
    qsizetype last = -1;
    for (qsizetype row = 0; row < rowsMax; ++row) {
        if (row < old.size() && row < rows.size() && old.at(row) == rows.at(row))
            continue;
        if (first < 0)
            first = row;
        last = row;
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(int(firstRow + first), 0),
                           index(int(firstRow + last), columnCount() - 1));
    evictPages(pageIndex);
}

void WindowedTableModel::evictPages(qint64 keep)
{
    while (m_pages.size() > cachedPagesMax) {
        auto oldest = m_pages.end();
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
            if (it.key() != keep && (oldest == m_pages.end() || it->lastUse < oldest->lastUse))
                oldest = it;
        }
        BILLING_ASSERT(oldest != m_pages.end());
        m_pages.erase(oldest);
    }
}

void WindowedTableModel::onPageFailed(quint64 generation, qint64 offset)
{
    if (generation != m_query.generation)
        return;
    // Forgotten, so that it does not hold a place among the requests in flight, nor keep a
    // refresh open for good; the next move of the ledger asks again.
    const qint64 pageIndex = offset / pageRows;
    m_inFlight.removeOne(pageIndex);
    if (m_refreshPages.removeOne(pageIndex) && m_refreshPages.isEmpty())
        m_refreshAgain = false;
}

void WindowedTableModel::onLedgerMoved(const LedgerMark &mark)
{
    m_ledgerMark = mark;
    if (m_resetOnNextPage) {
        // The first page of the order shown is what a reset waits for: asked again if its
        // read failed.
        if (!m_inFlight.contains(0))
            sendRequest(0, true);
        return;
    }
    if (mark == m_shownMark)
        return;
    // One refresh at a time: moves during a refresh are caught by the next one.
    if (!m_refreshPages.isEmpty()) {
        m_refreshAgain = true;
        return;
    }
    startRefresh();
}

void WindowedTableModel::startRefresh()
{
    QList<std::pair<quint64, qint64>> recent; // (last use, page)
    for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
        it->stale = true;
        recent.append({it->lastUse, it.key()});
    }
    std::sort(recent.begin(), recent.end(), std::greater<>());
    if (recent.isEmpty())
        recent.append({0, 0});
    recent.resize(std::min<qsizetype>(recent.size(), refreshPagesMax));
    bool counted = false;
    for (const auto &[lastUse, page] : std::as_const(recent)) {
        m_refreshPages.append(page);
        sendRequest(page, !counted);
        counted = true;
    }
}

} // namespace billing::ui
