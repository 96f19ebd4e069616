#include "TimeTravelView.h"

#include "AmountText.h"
#include "EventSummaryText.h"
#include "JobProgress.h"
#include "LedgerClient.h"
#include "LedgerTableView.h"
#include "LedgerTerms.h"
#include "TableExport.h"
#include "TransactionsTableModel.h"
#include "application/LedgerLookup.h"
#include "domain/CurrencyCatalog.h"
#include "infrastructure/EventCodec.h"

#include <QDateTimeEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace billing::ui {
namespace {

struct Point
{
    qint64 position = 0;
    qint64 lastPosition = 0;
    qint64 timestampMs = 0;
    AccountsAsOf accounts;
    QHash<QString, int> decimals;
    QSet<QString> changedNext;
    QHash<QString, Money> totals;
    QString nextEvent;
};

// The accounts whose balance the next event moves, or which the command it starts is about.
QSet<QString> changedBy(const EventEnvelope &next)
{
    if (next.eventType == event::balanceChanged)
        return {next.aggregateId};
    if (next.eventType.endsWith(event::requestedSuffix))
        return {next.data.value(QStringLiteral("sourceAccountId")).toString(),
                next.data.value(QStringLiteral("destinationAccountId")).toString()};
    return {};
}

Result<Point> pointAt(LedgerWork &work, qint64 wanted)
{
    const Result<const AccountTimeline *> timeline = work.timeline();
    if (!timeline.ok())
        return timeline.error();
    Point point;
    point.lastPosition = timeline.value()->position();
    point.position = std::clamp<qint64>(wanted, 0, point.lastPosition);
    point.accounts = timeline.value()->at(point.position);
    point.totals = point.accounts.totals();
    const LedgerState &fresh = work.freshState();
    for (auto it = point.totals.cbegin(); it != point.totals.cend(); ++it)
        point.decimals.insert(it.key(), decimalsFor(fresh, it.key()));
    if (point.position > 0) {
        const Result<QList<EventEnvelope>> at = work.storage().events().read(point.position - 1, 1);
        if (at.ok() && !at.value().isEmpty())
            point.timestampMs = at.value().first().timestampMs;
    }
    const Result<QList<EventEnvelope>> next = work.storage().events().read(point.position, 1);
    if (next.ok() && !next.value().isEmpty()) {
        const EventEnvelope &event = next.value().first();
        point.changedNext = changedBy(event);
        point.nextEvent =
            QStringLiteral("%1 %2")
                .arg(LedgerTerms::label(event.eventType),
                     EventSummaryText::describe(
                         event.eventType,
                         QString::fromUtf8(
                             QJsonDocument(event.data).toJson(QJsonDocument::Compact))))
                .trimmed();
    }
    return point;
}

} // namespace

TimeTravelView::TimeTravelView(LedgerClient &client, const StoreLocation &location, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
{
    auto *layout = new QVBoxLayout(this);
    auto *controls = new QHBoxLayout;
    // Alt+Left, Alt+Right and Alt+End belong to the Audit menu's actions: a button that took
    // them too made each key ambiguous, and Qt then runs neither.
    m_backButton = new QPushButton(tr("◀ Step back"), this);
    m_backButton->setToolTip(tr("Step back (Alt+Left)"));
    m_forwardButton = new QPushButton(tr("Step forward ▶"), this);
    m_forwardButton->setToolTip(tr("Step forward (Alt+Right)"));
    m_slider = new QSlider(Qt::Horizontal, this);
    m_positionSpin = new QSpinBox(this);
    m_positionSpin->setPrefix(tr("position "));
    m_timeEdit = new QDateTimeEdit(this);
    m_timeEdit->setTimeSpec(Qt::UTC);
    m_timeEdit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    m_nowButton = new QPushButton(tr("Now"), this);
    m_nowButton->setToolTip(tr("Return to now (Alt+End)"));
    m_compareButton = new QPushButton(tr("&Compare with…"), this);
    controls->addWidget(m_backButton);
    controls->addWidget(m_slider, 1);
    controls->addWidget(m_forwardButton);
    controls->addWidget(m_positionSpin);
    controls->addWidget(m_timeEdit);
    controls->addWidget(m_nowButton);
    controls->addWidget(m_compareButton);
    m_exportButton = new QPushButton(tr("E&xport balances…"), this);
    controls->addWidget(m_exportButton);
    connect(m_exportButton, &QPushButton::clicked, this, &TimeTravelView::exportBalances);
    layout->addLayout(controls);

    m_banner = new QLabel(this);
    m_banner->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    layout->addWidget(m_banner);
    m_nextLabel = new QLabel(this);
    layout->addWidget(m_nextLabel);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_accounts = new AsOfAccountsModel(this);
    m_accountsView = new QTableView(splitter);
    m_accountsView->setModel(m_accounts);
    m_accountsView->setSortingEnabled(true);
    m_accountsView->sortByColumn(int(AsOfAccountsModel::Column::Owner), Qt::AscendingOrder);
    m_accountsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_accountsView->setWordWrap(false);
    m_accountsView->setTextElideMode(Qt::ElideMiddle);
    m_accountsView->verticalHeader()->hide();
    m_accountsView->horizontalHeader()->setStretchLastSection(true);
    m_transactions = new LedgerTableView(new TransactionsTableModel(location), splitter);
    layout->addWidget(splitter, 1);
    m_trialBalance = new QLabel(this);
    layout->addWidget(m_trialBalance);

    connect(m_backButton, &QPushButton::clicked, this, &TimeTravelView::stepBack);
    connect(m_forwardButton, &QPushButton::clicked, this, &TimeTravelView::stepForward);
    connect(m_nowButton, &QPushButton::clicked, this, &TimeTravelView::returnToNow);
    // Dragged, keyed or clicked beside the handle: the view follows as the slider moves.
    connect(m_slider, &QSlider::valueChanged, this, [this](int value) { travelTo(value); });
    connect(m_positionSpin, &QSpinBox::editingFinished, this,
            [this] { travelTo(m_positionSpin->value()); });
    connect(m_timeEdit, &QDateTimeEdit::editingFinished, this,
            [this] { travelToTime(m_timeEdit->dateTime()); });
    connect(m_compareButton, &QPushButton::clicked, this, [this] {
        // The other point: the start of the ledger when looking at now, else now.
        compareWith(isNow() ? 0 : m_lastPosition);
    });
    setControlsEnabled(false);
    m_slider->setEnabled(false);
    // Nothing is folded until the view is looked at.
    connect(&client, &LedgerClient::opened, this, [this] {
        if (isVisible())
            returnToNow();
    });
}

void TimeTravelView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_client.isReady() && isNow())
        returnToNow();
}

void TimeTravelView::setControlsEnabled(bool enabled)
{
    // Disabling the focused spin box or time field ends its editing, which asks to travel: that
    // is no request of the user's.
    const QScopedValueRollback changing(m_changingControls, true);
    for (QWidget *control :
         std::initializer_list<QWidget *>{m_backButton, m_forwardButton, m_positionSpin, m_timeEdit,
                                          m_nowButton, m_compareButton})
        control->setEnabled(enabled);
    // The slider stays in the hand while points are read: disabled, it would drop a drag and
    // the keyboard focus.
    if (enabled)
        m_slider->setEnabled(true);
}

void TimeTravelView::travelTo(qint64 position)
{
    if (m_changingControls)
        return;
    m_wantedPosition = position;
    if (m_pointInFlight)
        return;
    setControlsEnabled(false);
    // The first point of a store never shown before reads its whole history once.
    if (m_lastPosition == 0)
        m_banner->setText(tr("Reading the ledger's history for time travel…"));
    // On the ledger file that first read runs aside, so that commands do not wait behind it.
    // Points asked for meanwhile wait for it; the last one is shown.
    if (m_timelineState == TimelineState::Reading)
        return;
    if (m_timelineState == TimelineState::NotRead &&
        m_client.location().kind == StoreLocation::Kind::Sqlite) {
        m_timelineState = TimelineState::Reading;
        m_client.readTimelineAside(this, [this] {
            m_timelineState = TimelineState::Read;
            travelTo(m_wantedPosition);
        });
        return;
    }
    m_pointInFlight = true;
    m_client.run(this, [this, position](LedgerWork &work) -> LedgerClient::Continuation {
        const Result<Point> point = pointAt(work, position);
        return [this, point, position] {
            m_pointInFlight = false;
            setControlsEnabled(true);
            if (!point.ok()) {
                m_banner->setText(tr("Cannot travel there: %1").arg(point.error().message));
            } else {
                const Point &p = point.value();
                showPoint(p.position, p.lastPosition, p.timestampMs, p.nextEvent);
                m_accounts->setAccounts(p.accounts, p.changedNext, p.decimals);
                m_totals = p.totals;
                showTrialBalance();
                Q_EMIT arrived(p.position);
            }
            // Asked for while this one was read: on to the last point asked for.
            if (m_wantedPosition != position)
                travelTo(m_wantedPosition);
        };
    });
}

void TimeTravelView::travelToTime(const QDateTime &time)
{
    if (m_changingControls)
        return;
    const qint64 ms = time.toMSecsSinceEpoch();
    setControlsEnabled(false);
    m_client.run(this, [this, ms](LedgerWork &work) -> LedgerClient::Continuation {
        const Result<qint64> position = work.asOf().positionAt(ms);
        return [this, position] {
            setControlsEnabled(true);
            if (position.ok())
                travelTo(position.value());
        };
    });
}

void TimeTravelView::stepBack()
{
    if (m_position > 0)
        travelTo(m_position - 1);
}

void TimeTravelView::stepForward()
{
    travelTo(m_position + 1);
}

void TimeTravelView::returnToNow()
{
    travelTo(std::numeric_limits<qint64>::max());
}

void TimeTravelView::showPoint(qint64 position, qint64 lastPosition, qint64 timestampMs,
                               const QString &nextEvent)
{
    m_position = position;
    m_lastPosition = lastPosition;
    const int last = int(std::min<qint64>(lastPosition, std::numeric_limits<int>::max()));
    for (auto *control : {static_cast<QWidget *>(m_slider), static_cast<QWidget *>(m_positionSpin)})
        control->blockSignals(true);
    m_slider->setRange(0, last);
    // Under the user's hand the slider is where they drag it, not where the last point was.
    if (!m_slider->isSliderDown())
        m_slider->setValue(int(position));
    m_positionSpin->setRange(0, last);
    m_positionSpin->setValue(int(position));
    for (auto *control : {static_cast<QWidget *>(m_slider), static_cast<QWidget *>(m_positionSpin)})
        control->blockSignals(false);
    if (timestampMs > 0)
        m_timeEdit->setDateTime(QDateTime::fromMSecsSinceEpoch(timestampMs, Qt::UTC));
    const QString when = timestampMs > 0 ? codec::formatTimestamp(timestampMs) : tr("the start");
    m_banner->setText(
        position == lastPosition
            ? tr("AS OF the latest event, position %1 (%2) — read-only").arg(position).arg(when)
            : tr("AS OF position %1 of %2 (%3) — read-only")
                  .arg(position)
                  .arg(lastPosition)
                  .arg(when));
    m_nextLabel->setText(nextEvent.isEmpty()
                             ? tr("No event follows.")
                             : tr("Next event: %1 (highlighted accounts change)").arg(nextEvent));
    m_backButton->setEnabled(position > 0);
    m_forwardButton->setEnabled(position < lastPosition);
    TableFilter filter = m_transactions->model()->filter();
    filter.upToPosition = position;
    m_transactions->model()->setFilter(filter);
}

void TimeTravelView::showTrialBalance()
{
    QStringList sums;
    bool balanced = true;
    for (auto it = m_totals.cbegin(); it != m_totals.cend(); ++it) {
        sums.append(QStringLiteral("%1 %2").arg(
            it.key(), AmountText::shown(CurrencyCatalog::standard().format(it.key(), it.value()))));
        balanced = balanced && it.value().isZero();
    }
    sums.sort();
    QString text =
        tr("Trial balance as of this point (Σ per currency): %1")
            .arg(sums.isEmpty() ? tr("nothing booked") : sums.join(QStringLiteral(" · ")));
    // The ledger checks the books at every completed transaction: between a transaction's
    // two BalanceChanged events, stepping one event at a time, one leg is booked and one not.
    if (!balanced)
        text +=
            u' ' + tr("(between the two legs of a transaction: the next event books the other)");
    m_trialBalance->setText(text);
}

void TimeTravelView::compareWith(qint64 other)
{
    const qint64 here = m_position;
    // From "now" back to the start it reads the whole log: with progress and a way out, and
    // at most compareRowsMax rows of each kind for the dialog to build.
    const JobProgress progress(
        m_client,
        tr("Comparing position %1 with %2…").arg(std::min(here, other)).arg(std::max(here, other)),
        this);
    m_client.run(
        this, [this, here, other, progress](LedgerWork &work) -> LedgerClient::Continuation {
            QList<QStringList> balances;
            QList<QStringList> transactions;
            qint64 balancesFound = 0;
            qint64 transactionsFound = 0;
            const qint64 from = std::min(here, other);
            const qint64 to = std::max(here, other);
            const Result<const AccountTimeline *> timeline = work.timeline();
            if (!timeline.ok())
                return [progress] {
                    progress.close();
                };
            const AccountsAsOf after =
                timeline.value()->at(std::min(to, timeline.value()->position()));
            const AccountsAsOf before = timeline.value()->at(std::min(from, after.position()));
            const CurrencyCatalog &currencies = CurrencyCatalog::standard();
            for (qsizetype row = 0; row < after.size(); ++row) {
                const bool existed = row < before.size();
                const Money was = existed ? before.balance(row) : Money();
                if (existed && was == after.balance(row))
                    continue;
                if (++balancesFound > compareRowsMax)
                    continue;
                const AccountFacts &account = after.facts(row);
                const Result<Money> change = after.balance(row).minus(was);
                balances.append({account.id, account.ownerId, account.currency,
                                 currencies.format(account.currency, was),
                                 currencies.format(account.currency, after.balance(row)),
                                 change.ok() ? currencies.format(account.currency, change.value())
                                             : QString()});
            }
            // What a transaction was never changes once it completes: the newest state tells.
            const LedgerState &now = work.freshState();
            for (qint64 at = from; at < to;) {
                if (!progress.report(at - from, to - from))
                    return [progress] {
                        progress.close();
                    };
                const Result<QList<EventEnvelope>> events =
                    work.storage().events().read(at, int(std::min<qint64>(10000, to - at)));
                if (!events.ok() || events.value().isEmpty())
                    break;
                for (const EventEnvelope &event : events.value()) {
                    at = event.position;
                    const Transaction *done = event.eventType.endsWith(event::completedSuffix)
                                                  ? now.transaction(event.aggregateId)
                                                  : nullptr;
                    if (done && ++transactionsFound <= compareRowsMax)
                        transactions.append({done->id, LedgerTerms::label(toString(done->type)),
                                             currencies.format(done->currency, done->amount),
                                             done->currency});
                }
            }
            return [this, progress, balances, transactions, balancesFound, transactionsFound, from,
                    to] {
                progress.close();
                Q_EMIT compared(balances, transactions);
                auto *dialog = new QDialog(this);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                dialog->setWindowTitle(tr("Compare position %1 with %2").arg(from).arg(to));
                auto *layout = new QVBoxLayout(dialog);
                const auto table = [dialog](const QStringList &headers,
                                            const QList<QStringList> &rows,
                                            const QList<int> &amountColumns) {
                    auto *widget = new QTableWidget(int(rows.size()), int(headers.size()), dialog);
                    widget->setHorizontalHeaderLabels(headers);
                    widget->setEditTriggers(QAbstractItemView::NoEditTriggers);
                    for (int row = 0; row < rows.size(); ++row) {
                        for (int column = 0; column < headers.size(); ++column) {
                            const QString cell = rows.at(row).value(column);
                            widget->setItem(row, column,
                                            new QTableWidgetItem(amountColumns.contains(column)
                                                                     ? AmountText::shown(cell)
                                                                     : cell));
                        }
                    }
                    widget->resizeColumnsToContents();
                    return widget;
                };
                const auto heading = [](const QString &text, qint64 found) {
                    return found > compareRowsMax
                               ? text + u' ' + tr("(the first %1 are listed)").arg(compareRowsMax)
                               : text;
                };
                layout->addWidget(new QLabel(
                    heading(tr("Balances that differ (%n):", nullptr, int(balancesFound)),
                            balancesFound),
                    dialog));
                layout->addWidget(table({tr("Account"), tr("Owner"), tr("Currency"),
                                         tr("At %1").arg(from), tr("At %1").arg(to), tr("Change")},
                                        balances, {3, 4, 5}));
                layout->addWidget(new QLabel(heading(tr("Transactions completed in between (%n):",
                                                        nullptr, int(transactionsFound)),
                                                     transactionsFound),
                                             dialog));
                layout->addWidget(
                    table({tr("Transaction"), tr("Type"), tr("Amount"), tr("Currency")},
                          transactions, {2}));
                auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
                connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
                layout->addWidget(buttons);
                dialog->resize(900, 600);
                dialog->show();
            };
        });
}

QString TimeTravelView::balancesCsv() const
{
    return TableExport::csvLine({tr("As of position"), QString::number(m_position)}) +
           TableExport::modelCsv(*m_accounts);
}

void TimeTravelView::exportBalances()
{
    TableExport::saveCsv(this, tr("Export balances"), balancesCsv());
}

} // namespace billing::ui
