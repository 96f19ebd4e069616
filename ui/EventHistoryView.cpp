#include "EventHistoryView.h"

#include "EventSearchIndexer.h"
#include "EventsTableModel.h"
#include "LedgerClient.h"
#include "LedgerTableView.h"
#include "domain/EventEnvelope.h"
#include "infrastructure/EventCodec.h"
#include "infrastructure/EventSearchIndex.h"
#include "infrastructure/StoreLocation.h"

#include <QFontDatabase>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace billing::ui {

EventHistoryView::EventHistoryView(LedgerClient &client, const StoreLocation &location,
                                   QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_table = new LedgerTableView(new EventsTableModel(location), splitter);
    m_jsonView = new QPlainTextEdit(splitter);
    m_jsonView->setReadOnly(true);
    m_jsonView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_jsonView->setPlaceholderText(tr("Select an event to see it exactly as stored."));
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    m_searchStatus = new QLabel(this);
    m_searchStatus->setWordWrap(true);
    m_searchStatus->hide();
    layout->addWidget(m_searchStatus);
    layout->addWidget(splitter);
    if (location.kind == StoreLocation::Kind::Sqlite) {
        m_searchIndexer = new EventSearchIndexer(location.target, this);
        connect(m_searchIndexer, &EventSearchIndexer::progressed, this,
                &EventHistoryView::showSearchProgress);
        connect(m_searchIndexer, &EventSearchIndexer::failed, this, [this](const QString &why) {
            m_searchStatus->setText(
                tr("Free-text search reads every event: its index failed (%1).").arg(why));
            m_searchStatus->show();
        });
    }

    connect(m_table->tableView()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                const qint64 position = current.data(WindowedTableModel::RecordIdRole).toLongLong();
                if (position > 0)
                    showStoredEvent(position);
            });
    m_table->setMenuFiller([this](QMenu &menu, const QString &id, const QModelIndex &index) {
        const QString correlation =
            index.siblingAtColumn(int(EventColumn::CorrelationId)).data().toString();
        menu.addAction(tr("Show the whole &saga"), this,
                       [this, correlation] { showSaga(correlation); });
        // An account's own events name it as their aggregate.
        const QString type = index.siblingAtColumn(int(EventColumn::Type))
                                 .data(WindowedTableModel::StoredValueRole)
                                 .toString();
        if (type.startsWith(QStringLiteral("Account")) || type == event::balanceChanged) {
            const QString account =
                index.siblingAtColumn(int(EventColumn::Aggregate)).data().toString();
            menu.addAction(tr("Show this &account's history"), this,
                           [this, account] { m_table->setAccountFilter(account); });
        }
        menu.addAction(tr("&Travel to this event"), this,
                       [this, id] { Q_EMIT travelRequested(id.toLongLong()); });
    });
}

void EventHistoryView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Built when the history is first looked at, not for every desk that opens.
    if (m_searchIndexer)
        m_searchIndexer->start();
}

void EventHistoryView::showSearchProgress(qint64 indexed, qint64 logged)
{
    // A few events behind is normal: a read adds them itself.
    if (logged - indexed <= EventSearchIndex::readCatchUpMax) {
        m_searchStatus->hide();
        return;
    }
    const QLocale locale;
    m_searchStatus->setText(tr("Preparing free-text search: %1 of %2 events (%3%). Until it is "
                               "ready, free text reads every event and may take a while.")
                                .arg(locale.toString(indexed), locale.toString(logged))
                                .arg(logged > 0 ? indexed * 100 / logged : 100));
    m_searchStatus->show();
}

void EventHistoryView::showSaga(const QString &correlationId)
{
    // By its id, through the correlation index: free text would read the whole log.
    m_table->setCorrelationFilter(correlationId);
}

void EventHistoryView::showSelectedSaga()
{
    const QModelIndex current = m_table->tableView()->currentIndex();
    if (current.isValid())
        showSaga(current.siblingAtColumn(int(EventColumn::CorrelationId)).data().toString());
}

void EventHistoryView::travelToSelected()
{
    const qint64 position = m_table->currentRecordId().toLongLong();
    if (position > 0)
        Q_EMIT travelRequested(position);
}

void EventHistoryView::showStoredEvent(qint64 position)
{
    m_client.run(this, [this, position](LedgerWork &work) -> LedgerClient::Continuation {
        const Result<QList<EventEnvelope>> read = work.storage().events().read(position - 1, 1);
        QString text;
        if (!read.ok())
            text = tr("The event could not be read: %1").arg(read.error().message);
        else if (!read.value().isEmpty())
            text = QString::fromUtf8(
                QJsonDocument(codec::toJson(read.value().first())).toJson(QJsonDocument::Indented));
        return [this, position, text] {
            m_jsonView->setPlainText(text);
            Q_EMIT jsonShown(position);
        };
    });
}

} // namespace billing::ui
