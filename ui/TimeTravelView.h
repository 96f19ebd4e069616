#pragma once

#include "AsOfAccountsModel.h"

#include <QHash>
#include <QWidget>

class QDateTimeEdit;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QTableView;

namespace billing {
struct StoreLocation;
}

namespace billing::ui {

class LedgerClient;
class LedgerTableView;

// Time travel: a point in the log (slider, position, date and time, a step either way) and the
// ledger as it stood there, read-only and marked "AS OF": accounts folded from the log (the
// ones the next event changes highlighted), the transactions booked up to that point, and the
// trial balance. Two points can be compared.
class TimeTravelView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimeTravelView)

public:
    // A comparison lists at most this many rows of each kind (it says how many there are).
    static constexpr int compareRowsMax = 1000;

    TimeTravelView(LedgerClient &client, const StoreLocation &location, QWidget *parent = nullptr);

    qint64 position() const { return m_position; }
    qint64 lastPosition() const { return m_lastPosition; }
    bool isNow() const { return m_position == m_lastPosition; }
    AsOfAccountsModel *accounts() const { return m_accounts; }
    LedgerTableView *transactions() const { return m_transactions; }
    QLabel *banner() const { return m_banner; }
    QLabel *trialBalanceLabel() const { return m_trialBalance; }
    QSlider *slider() const { return m_slider; }
    const QHash<QString, Money> &totals() const { return m_totals; }

    void travelTo(qint64 position);
    void travelToTime(const QDateTime &time);
    void stepBack();
    void stepForward();
    void returnToNow();
    // Balances that differ between the current point and `other`, with the transactions
    // between them, in a dialog.
    void compareWith(qint64 other);
    // The balances as of the point as CSV, with the point in the first line.
    QString balancesCsv() const;
    void exportBalances();

Q_SIGNALS:
    void arrived(qint64 position);
    // Rows of the comparison: account, owner, currency, balance here, balance there, change;
    // and transaction, type, amount, currency for each transaction completed in between.
    void compared(const QList<QStringList> &balances, const QList<QStringList> &transactions);

protected:
    // Looking at "now" means the newest event: coming back to the tab catches up with the log.
    void showEvent(QShowEvent *event) override;

private:
    void showPoint(qint64 position, qint64 lastPosition, qint64 timestampMs,
                   const QString &nextEvent);
    void showTrialBalance();
    void setControlsEnabled(bool enabled);

    LedgerClient &m_client;
    qint64 m_position = 0;
    qint64 m_lastPosition = 0;
    // The first timeline read of the ledger file runs aside (LedgerClient::readTimelineAside).
    enum class TimelineState { NotRead, Reading, Read };
    TimelineState m_timelineState = TimelineState::NotRead;
    qint64 m_wantedPosition = 0;
    // A point is being read: points asked for meanwhile (a slider dragged) wait, and only the
    // last of them is read next.
    bool m_pointInFlight = false;
    bool m_changingControls = false;
    QHash<QString, Money> m_totals;
    QSlider *m_slider = nullptr;
    QSpinBox *m_positionSpin = nullptr;
    QDateTimeEdit *m_timeEdit = nullptr;
    QPushButton *m_backButton = nullptr;
    QPushButton *m_forwardButton = nullptr;
    QPushButton *m_nowButton = nullptr;
    QPushButton *m_compareButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_nextLabel = nullptr;
    QLabel *m_trialBalance = nullptr;
    AsOfAccountsModel *m_accounts = nullptr;
    QTableView *m_accountsView = nullptr;
    LedgerTableView *m_transactions = nullptr;
};

} // namespace billing::ui
