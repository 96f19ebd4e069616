#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace billing {
struct StoreLocation;
}

namespace billing::ui {

class EventSearchIndexer;
class LedgerClient;
class LedgerTableView;

// The auditor's history: every event in global order with its filters, and the selected event's
// full JSON exactly as stored (hash included). "Show the whole saga" filters by the event's
// correlation id; "Travel to this event" asks the time-travel view to go there.
class EventHistoryView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventHistoryView)

public:
    EventHistoryView(LedgerClient &client, const StoreLocation &location,
                     QWidget *parent = nullptr);

    LedgerTableView *table() const { return m_table; }
    QPlainTextEdit *jsonView() const { return m_jsonView; }
    // Null in the distributed mode.
    EventSearchIndexer *searchIndexer() const { return m_searchIndexer; }
    void showSaga(const QString &correlationId);
    // The same for the selected event, and a request to travel there (menu shortcuts).
    void showSelectedSaga();
    void travelToSelected();

Q_SIGNALS:
    void travelRequested(qint64 position);
    void jsonShown(qint64 position);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showStoredEvent(qint64 position);
    void showSearchProgress(qint64 indexed, qint64 logged);

    LedgerClient &m_client;
    LedgerTableView *m_table = nullptr;
    QPlainTextEdit *m_jsonView = nullptr;
    QLabel *m_searchStatus = nullptr;
    // Only for the ledger file; in the distributed mode PostgreSQL answers free text.
    EventSearchIndexer *m_searchIndexer = nullptr;
};

} // namespace billing::ui
