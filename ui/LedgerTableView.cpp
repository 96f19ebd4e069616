#include "LedgerTableView.h"

#include "FilterChoices.h"
#include "LedgerTerms.h"
#include "TableExport.h"
#include "WindowedTableModel.h"
#include "domain/Invariant.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QRegularExpressionValidator>
#include <QTableView>
#include <QVBoxLayout>

namespace billing::ui {
namespace {

constexpr int filterDelayMs = 250;

QLineEdit *dateEdit(const QString &placeholder, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    edit->setMaximumWidth(130);
    // A date or a prefix of one: 2025, 2025-12, 2025-12-09.
    edit->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral(R"(\d{0,4}(-\d{0,2}(-\d{0,2})?)?)")), edit));
    return edit;
}

} // namespace

LedgerTableView::LedgerTableView(WindowedTableModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    BILLING_ASSERT(model);
    model->setParent(this);
    auto *layout = new QVBoxLayout(this);
    auto *filterLayout = new QHBoxLayout;
    layout->addLayout(filterLayout);

    m_textEdit = new QLineEdit(this);
    m_textEdit->setPlaceholderText(tr("Filter by id, owner, reference…"));
    m_textEdit->setClearButtonEnabled(true);
    filterLayout->addWidget(m_textEdit, 1);

    const FilterChoices choices = FilterChoices::of(model->table());
    m_typeCombo = addChoices(tr("All types"), choices.types);
    m_statusCombo = addChoices(tr("All statuses"), choices.statuses);
    m_currencyCombo = addChoices(tr("All currencies"), choices.currencies);
    filterLayout->addWidget(m_typeCombo);
    filterLayout->addWidget(m_statusCombo);
    filterLayout->addWidget(m_currencyCombo);
    m_fromEdit = dateEdit(tr("From YYYY-MM-DD"), this);
    m_toEdit = dateEdit(tr("To YYYY-MM-DD"), this);
    filterLayout->addWidget(m_fromEdit);
    filterLayout->addWidget(m_toEdit);
    if (model->table() == LedgerTable::Events) {
        m_textEdit->setPlaceholderText(tr("Search the events' words…"));
        // What the search index does (EventSearchIndex), in the user's terms.
        m_textEdit->setToolTip(
            tr("Finds events holding these words: ids, amounts, owners, references, types. The "
               "last word may be the start of a word (three letters or more, unless it is a "
               "common word), so \"custo\" finds customer-12345; a piece from inside a word is "
               "not found."));
        // Exact values, each read through an index: these stay fast on a log of millions.
        auto *exactLayout = new QHBoxLayout;
        layout->addLayout(exactLayout);
        m_accountEdit = addExactFilter(tr("Account id (with its transactions)"));
        m_correlationEdit = addExactFilter(tr("Correlation id (a whole saga)"));
        m_operatorEdit = addExactFilter(tr("Operator"));
        for (QLineEdit *edit : {m_accountEdit, m_correlationEdit, m_operatorEdit})
            exactLayout->addWidget(edit, 1);
    }

    m_tableView = new QTableView(this);
    m_tableView->setModel(model);
    m_tableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tableView->setAlternatingRowColors(true);
    m_tableView->setWordWrap(false);
    // Time-ordered ids share their start: a narrow column keeps both ends.
    m_tableView->setTextElideMode(Qt::ElideMiddle);
    m_tableView->verticalHeader()->hide();
    // Fixed row heights keep a million-row table cheap to lay out.
    m_tableView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_tableView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_tableView->horizontalHeader()->setStretchLastSection(true);
    m_tableView->horizontalHeader()->setSortIndicator(model->sortColumn(), model->sortOrder());
    m_tableView->setSortingEnabled(true);
    layout->addWidget(m_tableView, 1);

    m_rowCountLabel = new QLabel(this);
    layout->addWidget(m_rowCountLabel);

    m_filterTimer.setSingleShot(true);
    m_filterTimer.setInterval(filterDelayMs);
    connect(&m_filterTimer, &QTimer::timeout, this, &LedgerTableView::applyFilter);
    for (QLineEdit *edit :
         {m_textEdit, m_fromEdit, m_toEdit, m_accountEdit, m_correlationEdit, m_operatorEdit}) {
        if (edit)
            connect(edit, &QLineEdit::textChanged, &m_filterTimer, qOverload<>(&QTimer::start));
    }
    for (QComboBox *combo : {m_typeCombo, m_statusCombo, m_currencyCombo})
        connect(combo, &QComboBox::currentIndexChanged, this, &LedgerTableView::applyFilter);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        sizeColumnsOnce();
        showRowCount();
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, &LedgerTableView::showRowCount);
    // Live updates move rows; the record the user chose stays chosen.
    connect(model, &QAbstractItemModel::dataChanged, this, &LedgerTableView::keepSelection);
    connect(model, &QAbstractItemModel::modelReset, this, &LedgerTableView::keepSelection);
    connect(m_tableView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const QString key = current.data(WindowedTableModel::RowKeyRole).toString();
                if (!key.isEmpty())
                    m_selectedKey = key;
            });
    connect(m_tableView, &QTableView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT recordActivated(index.data(WindowedTableModel::RecordIdRole).toString());
    });
    m_tableView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tableView, &QWidget::customContextMenuRequested, this,
            &LedgerTableView::showContextMenu);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &LedgerTableView::showRowCount);
    connect(model, &WindowedTableModel::loadFailed, this, [this](const QString &message) {
        m_rowCountLabel->setText(tr("The ledger could not be read: %1").arg(message));
    });
    showRowCount();
}

QComboBox *LedgerTableView::addChoices(const QString &allText, const QStringList &choices)
{
    auto *combo = new QComboBox(this);
    combo->addItem(allText, QString());
    for (const QString &choice : choices)
        combo->addItem(LedgerTerms::label(choice), choice);
    if (choices.isEmpty())
        combo->hide();
    return combo;
}

QLineEdit *LedgerTableView::addExactFilter(const QString &placeholder)
{
    auto *edit = new QLineEdit(this);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    return edit;
}

void LedgerTableView::setExactFilter(QLineEdit *edit, const QString &text)
{
    if (!edit)
        return;
    edit->setText(text);
    applyFilter();
}

void LedgerTableView::setCorrelationFilter(const QString &correlationId)
{
    setExactFilter(m_correlationEdit, correlationId);
}

void LedgerTableView::setAccountFilter(const QString &accountId)
{
    setExactFilter(m_accountEdit, accountId);
}

void LedgerTableView::applyFilter()
{
    m_filterTimer.stop();
    TableFilter filter;
    filter.text = m_textEdit->text().trimmed();
    filter.type = m_typeCombo->currentData().toString();
    filter.status = m_statusCombo->currentData().toString();
    filter.currency = m_currencyCombo->currentData().toString();
    filter.fromDate = m_fromEdit->text();
    filter.toDate = m_toEdit->text();
    const auto exact = [](const QLineEdit *edit) {
        return edit ? edit->text().trimmed() : QString();
    };
    filter.account = exact(m_accountEdit);
    filter.correlationId = exact(m_correlationEdit);
    filter.operatorName = exact(m_operatorEdit);
    // The point in time a time-travel view shows is no filter of the user's: it stays.
    filter.upToPosition = m_model->filter().upToPosition;
    m_model->setFilter(filter);
}

void LedgerTableView::setFilterText(const QString &text)
{
    m_textEdit->setText(text);
    applyFilter();
}

void LedgerTableView::reload()
{
    m_model->reload();
}

void LedgerTableView::sizeColumnsOnce()
{
    // Once, on the first rows shown: an empty or hidden table would size to its headers only.
    if (m_columnsSized || m_model->rowCount() == 0 || !m_tableView->isVisible())
        return;
    m_tableView->resizeColumnsToContents();
    m_columnsSized = true;
}

void LedgerTableView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    sizeColumnsOnce();
}

QString LedgerTableView::currentRecordId() const
{
    return m_tableView->currentIndex().data(WindowedTableModel::RecordIdRole).toString();
}

void LedgerTableView::keepSelection()
{
    if (m_selectedKey.isEmpty())
        return;
    const QModelIndex current = m_tableView->currentIndex();
    if (current.data(WindowedTableModel::RowKeyRole).toString() == m_selectedKey)
        return;
    const int row = m_model->rowOfKey(m_selectedKey);
    if (row < 0)
        return;
    const QString key = m_selectedKey;
    const int column = current.isValid() ? current.column() : 0;
    // Choosing the row again must not scroll to it: the user may be reading elsewhere.
    const bool autoScroll = m_tableView->hasAutoScroll();
    m_tableView->setAutoScroll(false);
    m_tableView->selectionModel()->setCurrentIndex(m_model->index(row, column),
                                                   QItemSelectionModel::ClearAndSelect |
                                                       QItemSelectionModel::Rows);
    m_tableView->setAutoScroll(autoScroll);
    m_selectedKey = key;
}

void LedgerTableView::fillContextMenu(QMenu &menu, const QModelIndex &index)
{
    const QString recordId = index.data(WindowedTableModel::RecordIdRole).toString();
    if (!recordId.isEmpty()) {
        if (m_menuFiller)
            m_menuFiller(menu, recordId, index);
        menu.addAction(tr("&Copy id"), this,
                       [recordId] { QApplication::clipboard()->setText(recordId); });
    }
    menu.addAction(tr("&Export rows to CSV…"), this, &LedgerTableView::exportRows);
}

void LedgerTableView::showContextMenu(const QPoint &position)
{
    QMenu menu(this);
    fillContextMenu(menu, m_tableView->indexAt(position));
    menu.exec(m_tableView->viewport()->mapToGlobal(position));
}

void LedgerTableView::exportRows()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export rows"), QString(), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QStringList headers;
    for (int column = 0; column < m_model->columnCount(); ++column)
        headers.append(m_model->headerData(column, Qt::Horizontal).toString());
    TableExport::run(this, m_model->location(), m_model->query(), headers, path);
}

void LedgerTableView::showRowCount()
{
    if (!m_model->isReady())
        m_rowCountLabel->setText(tr("Loading…"));
    else if (m_model->isRowCountExact())
        m_rowCountLabel->setText(tr("%n row(s)", nullptr, m_model->rowCount()));
    else
        m_rowCountLabel->setText(tr("At least %n row(s); scroll to the end to count more", nullptr,
                                    m_model->rowCount()));
}

} // namespace billing::ui
