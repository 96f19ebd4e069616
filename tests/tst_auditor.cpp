// The auditor's workspace: time travel equals a full replay at any point, a step changes exactly
// the balances of that event, the history shows events as stored and whole sagas, and "Verify
// ledger" names a tampered event. Offscreen, on real SQLite files.
#include "AccountWindow.h"
#include "AsOfAccountsModel.h"
#include "BalanceChart.h"
#include "Checked.h"
#include "EventHistoryView.h"
#include "EventSearchIndexer.h"
#include "LedgerClient.h"
#include "LedgerTableView.h"
#include "LedgerVerification.h"
#include "MainWindow.h"
#include "TableExport.h"
#include "TestLedger.h"
#include "TimeTravelView.h"
#include "WindowedTableModel.h"
#include "application/AccountTimeline.h"
#include "application/AsOfCursor.h"
#include "application/PeriodStatement.h"
#include "application/Replay.h"
#include "infrastructure/AccountTimelineCodec.h"
#include "infrastructure/EventSearchIndex.h"
#include "infrastructure/LedgerStateCodec.h"
#include "infrastructure/SavedTimeline.h"
#include "infrastructure/StoreLocation.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSlider>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace billing;
using namespace billing::test;
using namespace billing::ui;

namespace {

constexpr int waitMs = 10000;

// A history with top-ups, transfers, payments, refunds and refusals over a few accounts.
void writeHistory(TestLedger &ledger, int steps, quint32 seed)
{
    QRandomGenerator random(seed);
    QStringList users;
    for (int i = 0; i < 6; ++i)
        users.append(ledger.userAccount());
    const QString shop = ledger.createAccount(AccountType::System, QStringLiteral("USD"));
    QStringList payments;
    for (int step = 0; step < steps; ++step) {
        const QString user = users[random.bounded(int(users.size()))];
        const QString other = users[random.bounded(int(users.size()))];
        const QString amount = QString::number(random.bounded(1, 300)) + QStringLiteral(".50");
        switch (random.bounded(4)) {
        case 0:
            ledger.fund(user, amount);
            break;
        case 1:
            if (user != other)
                ledger.transfer(user, other, amount);
            break;
        case 2: {
            const Outcome paid = ledger.pay(user, shop, amount);
            if (paid.completed())
                payments.append(paid.transactionId);
            break;
        }
        default:
            if (!payments.isEmpty())
                ledger.refund(payments.takeLast(), QStringLiteral("0.50"));
        }
    }
}

QByteArray replayed(TestLedger &ledger, qint64 position)
{
    // replayTo() treats 0 as "all": the empty ledger is its own case.
    if (position == 0)
        return LedgerStateCodec::encode(LedgerState());
    const Result<LedgerState> state = replayTo(ledger.storage().events(), position);
    BILLING_ASSERT(state.ok());
    return LedgerStateCodec::encode(state.value());
}

struct AuditDesk
{
    TestLedger ledger;
    std::unique_ptr<LedgerClient> client;
    std::unique_ptr<MainWindow> window;

    AuditDesk()
    {
        writeHistory(ledger, 60, 5);
        client = std::make_unique<LedgerClient>(StoreLocation::sqlite(ledger.path()));
        client->open(true);
        DeskSettings settings;
        settings.offerDemoData = false;
        settings.auditor = true;
        window = std::make_unique<MainWindow>(*client, settings);
        window->show();
    }

    ~AuditDesk()
    {
        window.reset();
        client.reset();
        // The history's search index is a cache in the user's folder: each run's ledger is new.
        const QString index = EventSearchIndex::pathForStore(ledger.path());
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(index + suffix);
    }
    AuditDesk(const AuditDesk &) = delete;
    AuditDesk &operator=(const AuditDesk &) = delete;

    // The time-travel tab, shown: it folds nothing until it is looked at.
    TimeTravelView *travel()
    {
        window->tabs()->setCurrentWidget(window->timeTravel());
        return window->timeTravel();
    }
};

} // namespace

class TestAuditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void asOfEqualsFullReplayAtRandomPositions();
    void timelineEqualsFullReplayAtRandomPositions();
    void savedTimelineIsACacheOfTheLog();
    void positionAtFindsTheLastEventAtOrBeforeATime();
    void timeTravelShowsTheLedgerAsOfAPoint();
    void steppingChangesExactlyTheBalancesOfThatEvent();
    void theSliderTravelsAsItMoves();
    void comparingTwoPointsListsWhatMoved();
    void historyShowsEventsAsStoredAndWholeSagas();
    void historySearchesThroughTheIndexItBuilds();
    void verifyNamesATamperedEvent();
    void periodStatementMatchesTheReplay();
    void chartPointsTravelToTheirEvent();
    void exportsMatchTheLedger();
    void exportOfALiveLedgerIsOneSnapshot();
};

void TestAuditor::asOfEqualsFullReplayAtRandomPositions()
{
    TestLedger ledger(QString(), SqliteDatabase::Durability::Relaxed);
    ledger.service().setSnapshots(ledger.storage().snapshots(), 150);
    writeHistory(ledger, 400, 3);
    const qint64 last = ledger.eventCount();
    QVERIFY(last > 1000);
    AsOfCursor cursor(ledger.storage().events(), ledger.storage().snapshots());
    const quint32 seed = 17;
    qInfo("positions seed %u", seed);
    QRandomGenerator random(seed);
    // Forward, back, far and near: every path the cursor can take.
    for (int i = 0; i < 40; ++i) {
        const qint64 position = random.bounded(last + 1);
        const Result<const LedgerState *> state = cursor.moveTo(position);
        QVERIFY(state.ok());
        QCOMPARE(state.value()->position(), position);
        QCOMPARE(LedgerStateCodec::encode(*state.value()), replayed(ledger, position));
    }
    QVERIFY(!cursor.moveTo(last + 1).ok());
}

// The accounts of every point as a full replay has them, whichever checkpoint a point starts
// from (or none), also after the timeline caught up with later events in several goes.
void TestAuditor::timelineEqualsFullReplayAtRandomPositions()
{
    TestLedger ledger(QString(), SqliteDatabase::Durability::Relaxed);
    writeHistory(ledger, 200, 9);
    // Statuses are steps too: one account suspended and back, one opened and closed.
    const QString idle = ledger.userAccount();
    ledger.run(ChangeAccountStatus{idle, AccountStatus::Suspended});
    AccountTimeline timeline(97);
    QVERIFY(timeline.catchUp(ledger.storage().events()).ok());
    ledger.run(ChangeAccountStatus{idle, AccountStatus::Active});
    writeHistory(ledger, 200, 10);
    ledger.run(ChangeAccountStatus{ledger.userAccount(), AccountStatus::Closed});
    QVERIFY(timeline.catchUp(ledger.storage().events()).ok());
    const qint64 last = ledger.eventCount();
    QCOMPARE(timeline.position(), last);
    QCOMPARE(timeline.checkpointCount(), last / 97);
    const quint32 seed = 23;
    qInfo("positions seed %u", seed);
    QRandomGenerator random(seed);
    QList<qint64> positions{0, 1, last - 1, last, 97, 98, 96};
    for (int i = 0; i < 60; ++i)
        positions.append(random.bounded(last + 1));
    for (const qint64 position : positions) {
        const Result<LedgerState> expected = position == 0
                                                 ? Result<LedgerState>(LedgerState())
                                                 : replayTo(ledger.storage().events(), position);
        QVERIFY(expected.ok());
        for (const bool checkpoints : {true, false}) {
            const AccountsAsOf shown = timeline.at(position, checkpoints);
            QCOMPARE(shown.position(), position);
            QCOMPARE(shown.size(), expected.value().accounts().size());
            for (qsizetype row = 0; row < shown.size(); ++row) {
                const Account *account = expected.value().account(shown.facts(row).id);
                QVERIFY(account);
                QCOMPARE(shown.balance(row), account->balance);
                QCOMPARE(int(shown.status(row)), int(account->status));
                QCOMPARE(shown.facts(row).currency, account->currency);
                QCOMPARE(timeline.rowOf(account->id), row);
            }
            // A currency whose accounts never moved money sums to zero here and is absent
            // from the fold's totals: compare what is not zero.
            const auto moved = [](QHash<QString, Money> totals) {
                totals.removeIf([](const auto &entry) { return entry.value().isZero(); });
                return totals;
            };
            QCOMPARE(moved(shown.totals()), moved(expected.value().totals()));
        }
    }
}

// Saved and loaded, the timeline shows the same points; a file that no longer matches the log
// (another store, or a rewritten history) is refused, and a missing one is simply no cache.
void TestAuditor::savedTimelineIsACacheOfTheLog()
{
    TestLedger ledger(QString(), SqliteDatabase::Durability::Relaxed);
    writeHistory(ledger, 150, 4);
    ledger.run(ChangeAccountStatus{ledger.userAccount(), AccountStatus::Suspended});
    AccountTimeline timeline(50);
    QVERIFY(timeline.catchUp(ledger.storage().events()).ok());
    QTemporaryDir folder;
    const SavedTimeline saved(folder.filePath(QStringLiteral("timeline.bin")));
    QVERIFY(!saved.load(ledger.storage().events(), 50));
    QVERIFY(saved.save(timeline).ok());
    std::optional<AccountTimeline> loaded = saved.load(ledger.storage().events(), 50);
    QVERIFY(loaded);
    QCOMPARE(loaded->position(), timeline.position());
    QCOMPARE(loaded->checkpointCount(), timeline.checkpointCount());
    QCOMPARE(AccountTimelineCodec::encode(*loaded), AccountTimelineCodec::encode(timeline));
    for (qint64 position = 0; position <= timeline.position(); position += 7) {
        const AccountsAsOf expected = timeline.at(position);
        const AccountsAsOf shown = loaded->at(position);
        QCOMPARE(shown.size(), expected.size());
        for (qsizetype row = 0; row < shown.size(); ++row) {
            QCOMPARE(shown.facts(row).id, expected.facts(row).id);
            QCOMPARE(shown.balance(row), expected.balance(row));
            QCOMPARE(int(shown.status(row)), int(expected.status(row)));
        }
    }
    // It goes on from where it was saved.
    writeHistory(ledger, 20, 6);
    QVERIFY(loaded->catchUp(ledger.storage().events()).ok());
    QCOMPARE(loaded->position(), ledger.eventCount());
    // Another history with as many events is not this one.
    TestLedger other(QString(), SqliteDatabase::Durability::Relaxed);
    writeHistory(other, 400, 5);
    QVERIFY(other.eventCount() > timeline.position());
    QVERIFY(!saved.load(other.storage().events(), 50));
    // Damaged bytes are no cache either.
    QFile file(saved.path());
    QVERIFY(file.open(QIODevice::ReadWrite));
    QByteArray bytes = file.readAll();
    bytes.truncate(bytes.size() - 9);
    QVERIFY(file.resize(0) && file.write(bytes) == bytes.size());
    file.close();
    QVERIFY(!saved.load(ledger.storage().events(), 50));
}

void TestAuditor::positionAtFindsTheLastEventAtOrBeforeATime()
{
    TestLedger ledger;
    const QString alice = ledger.userAccount();
    const qint64 start = ledger.clock().nowMs();
    ledger.fund(alice, QStringLiteral("1.00"));
    const qint64 afterFirst = ledger.eventCount();
    ledger.clock().advance(60000);
    ledger.fund(alice, QStringLiteral("2.00"));
    AsOfCursor cursor(ledger.storage().events(), nullptr);
    QCOMPARE(cursor.positionAt(start - 1).value(), 0);
    QCOMPARE(cursor.positionAt(start + 30000).value(), afterFirst);
    QCOMPARE(cursor.positionAt(start + 60000).value(), ledger.eventCount());
}

void TestAuditor::timeTravelShowsTheLedgerAsOfAPoint()
{
    AuditDesk desk;
    TimeTravelView *travel = desk.travel();
    QVERIFY(travel);
    QTRY_COMPARE_WITH_TIMEOUT(travel->position(), desk.ledger.eventCount(), waitMs);
    QVERIFY(travel->isNow());
    const qint64 middle = desk.ledger.eventCount() / 2;
    QSignalSpy arrived(travel, &TimeTravelView::arrived);
    travel->travelTo(middle);
    QVERIFY(arrived.wait(waitMs));
    QCOMPARE(travel->position(), middle);
    QVERIFY(travel->banner()->text().contains(QStringLiteral("AS OF position %1").arg(middle)));
    const Result<LedgerState> expected = replayTo(desk.ledger.storage().events(), middle);
    QVERIFY(expected.ok());
    QCOMPARE(travel->totals(), expected.value().totals());
    const AccountsAsOf &shown = travel->accounts()->accounts();
    QCOMPARE(shown.size(), expected.value().accounts().size());
    for (qsizetype row = 0; row < shown.size(); ++row)
        QCOMPARE(shown.balance(row), expected.value().account(shown.facts(row).id)->balance);
    // The model sorts itself: by owner at first, by balance either way on request.
    AsOfAccountsModel &model = *travel->accounts();
    const auto column = [&model](int row, AsOfAccountsModel::Column c) {
        return model.index(row, int(c)).data().toString();
    };
    const auto balanceAt = [&](int row) {
        return shown.balance(shown.rowOf(column(row, AsOfAccountsModel::Column::Id)));
    };
    for (int row = 1; row < model.rowCount(); ++row)
        QVERIFY(column(row - 1, AsOfAccountsModel::Column::Owner) <=
                column(row, AsOfAccountsModel::Column::Owner));
    for (const Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
        model.sort(int(AsOfAccountsModel::Column::Balance), order);
        QCOMPARE(qsizetype(model.rowCount()), shown.size());
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY(order == Qt::AscendingOrder ? !(balanceAt(row) < balanceAt(row - 1))
                                                : !(balanceAt(row - 1) < balanceAt(row)));
    }
    // The transactions shown are those booked up to the point, no later one.
    WindowedTableModel *legs = travel->transactions()->model();
    QCOMPARE(legs->filter().upToPosition, middle);
    QTRY_VERIFY_WITH_TIMEOUT(legs->isReady() && legs->shownMark().logged > 0, waitMs);
    QSqlQuery count(desk.ledger.storage().database().connection());
    QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM transaction_projections WHERE "
                                      "position <= %1")
                           .arg(middle)) &&
            count.next());
    const qint64 legsExpected = count.value(0).toLongLong();
    QVERIFY(legsExpected > 0);
    QTRY_COMPARE_WITH_TIMEOUT(qint64(legs->rowCount()), legsExpected, waitMs);
    // Filtering the table at that point keeps the point: no later transaction shows.
    travel->transactions()->setFilterText(QStringLiteral("USD"));
    QCOMPARE(legs->filter().upToPosition, middle);
    travel->transactions()->setFilterText(QString());
    QCOMPARE(legs->filter().upToPosition, middle);
    QTRY_COMPARE_WITH_TIMEOUT(qint64(legs->rowCount()), legsExpected, waitMs);
    travel->returnToNow();
    QVERIFY(arrived.wait(waitMs));
    QVERIFY(travel->isNow());
}

void TestAuditor::steppingChangesExactlyTheBalancesOfThatEvent()
{
    AuditDesk desk;
    TimeTravelView *travel = desk.travel();
    QTRY_VERIFY_WITH_TIMEOUT(travel->isNow() && travel->position() > 0, waitMs);
    const Result<QList<EventEnvelope>> events = desk.ledger.storage().events().read(0, 100000);
    QVERIFY(events.ok());
    QSignalSpy arrived(travel, &TimeTravelView::arrived);
    travel->travelTo(20);
    QVERIFY(arrived.wait(waitMs));
    for (int step = 0; step < 30; ++step) {
        QHash<QString, Money> before;
        QSet<QString> highlighted;
        const AsOfAccountsModel &model = *travel->accounts();
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString id =
                model.index(row, int(AsOfAccountsModel::Column::Id)).data().toString();
            QCOMPARE(model.rowOf(id), row);
            const AccountsAsOf &shown = model.accounts();
            before.insert(id, shown.balance(shown.rowOf(id)));
            if (model.index(row, 0).data(AsOfAccountsModel::ChangesNextRole).toBool())
                highlighted.insert(id);
        }
        const EventEnvelope &next = events.value().at(travel->position());
        travel->stepForward();
        QVERIFY(arrived.wait(waitMs));
        QSet<QString> changed;
        const AccountsAsOf &shown = travel->accounts()->accounts();
        for (qsizetype row = 0; row < shown.size(); ++row) {
            if (before.value(shown.facts(row).id) != shown.balance(row))
                changed.insert(shown.facts(row).id);
        }
        if (next.eventType == event::balanceChanged) {
            QCOMPARE(changed, QSet<QString>{next.aggregateId});
            QCOMPARE(highlighted, QSet<QString>{next.aggregateId});
            const Result<Money> moved =
                before.value(next.aggregateId).plus(moneyField(next.data, u"amount"));
            QCOMPARE(shown.balance(shown.rowOf(next.aggregateId)), moved.value());
        } else {
            QVERIFY(changed.isEmpty());
        }
        // Between a transaction's two legs the trial balance is off by one leg, and says why.
        const bool firstLeg =
            next.eventType == event::balanceChanged &&
            events.value().at(travel->position() - 2).eventType != event::balanceChanged;
        QCOMPARE(travel->trialBalanceLabel()->text().contains(QStringLiteral("two legs")),
                 firstLeg);
    }
    // And back again: one step back undoes exactly that event.
    const qint64 at = travel->position();
    travel->stepBack();
    QVERIFY(arrived.wait(waitMs));
    QCOMPARE(travel->position(), at - 1);
    // The Audit menu's keys step too (the view's buttons once took the same keys, which made
    // Qt run neither).
    desk.window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(desk.window.get()));
    QTest::keyClick(desk.window.get(), Qt::Key_Right, Qt::AltModifier);
    QVERIFY(arrived.wait(waitMs));
    QCOMPARE(travel->position(), at);
    QTest::keyClick(desk.window.get(), Qt::Key_Left, Qt::AltModifier);
    QVERIFY(arrived.wait(waitMs));
    QCOMPARE(travel->position(), at - 1);
}

void TestAuditor::theSliderTravelsAsItMoves()
{
    // Keys and clicks beside the handle move the slider without a release: each travels. A
    // drag asks for many points while one is read; the view shows the last it was dragged to.
    AuditDesk desk;
    TimeTravelView *travel = desk.travel();
    QVERIFY(travel);
    QTRY_COMPARE_WITH_TIMEOUT(travel->position(), desk.ledger.eventCount(), waitMs);
    QSlider *slider = travel->slider();
    QVERIFY(slider->isEnabled());
    QSignalSpy arrived(travel, &TimeTravelView::arrived);
    slider->setPageStep(5);
    slider->triggerAction(QAbstractSlider::SliderPageStepSub);
    QVERIFY(arrived.wait(waitMs));
    QCOMPARE(travel->position(), desk.ledger.eventCount() - 5);

    arrived.clear();
    slider->setSliderDown(true);
    for (int value = 10; value <= 20; ++value)
        slider->setSliderPosition(value);
    QVERIFY(slider->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(travel->position(), qint64(20), waitMs);
    slider->setSliderDown(false);
    // The first point asked for, then only the last: none of the nine in between was read.
    QCOMPARE(arrived.size(), 2);
    QCOMPARE(arrived.first().first().toLongLong(), qint64(10));
    QCOMPARE(arrived.last().first().toLongLong(), qint64(20));
    QCOMPARE(slider->value(), 20);
    const Result<LedgerState> expected = replayTo(desk.ledger.storage().events(), 20);
    QVERIFY(expected.ok());
    const AccountsAsOf &shown = travel->accounts()->accounts();
    QCOMPARE(shown.size(), expected.value().accounts().size());
    for (qsizetype row = 0; row < shown.size(); ++row)
        QCOMPARE(shown.balance(row), expected.value().account(shown.facts(row).id)->balance);
}

void TestAuditor::comparingTwoPointsListsWhatMoved()
{
    AuditDesk desk;
    TimeTravelView *travel = desk.travel();
    QTRY_VERIFY_WITH_TIMEOUT(travel->isNow() && travel->position() > 0, waitMs);
    QSignalSpy compared(travel, &TimeTravelView::compared);
    travel->compareWith(0);
    QVERIFY(compared.wait(waitMs));
    const auto balances = compared.first().at(0).value<QList<QStringList>>();
    const auto transactions = compared.first().at(1).value<QList<QStringList>>();
    // From the empty ledger to now: every account that holds something, every completed one.
    int holding = 0;
    for (const Account &account : desk.ledger.state().accounts())
        holding += account.balance.isZero() ? 0 : 1;
    int accountsCreatedEmpty = 0;
    for (const QStringList &row : balances)
        accountsCreatedEmpty += row.at(4) == QStringLiteral("0") ? 1 : 0;
    QCOMPARE(int(balances.size()) - accountsCreatedEmpty, holding);
    int completed = 0;
    for (const Transaction &transaction : desk.ledger.state().transactions())
        completed += transaction.status == TransactionStatus::Completed ? 1 : 0;
    QCOMPARE(int(transactions.size()), completed);
}

void TestAuditor::historyShowsEventsAsStoredAndWholeSagas()
{
    AuditDesk desk;
    EventHistoryView *history = desk.window->eventHistory();
    QVERIFY(history);
    WindowedTableModel *events = history->table()->model();
    QTRY_COMPARE_WITH_TIMEOUT(qint64(events->rowCount()), desk.ledger.eventCount(), waitMs);
    QTRY_VERIFY_WITH_TIMEOUT(!events->index(0, 0).data().toString().isEmpty(), waitMs);
    QCOMPARE(events->index(0, int(EventColumn::Position)).data().toString(),
             QString::number(desk.ledger.eventCount()));
    // A summary says what the type does not: empty for a completion, the data otherwise.
    for (int row = 0; row < 4; ++row) {
        const QModelIndex summary = events->index(row, int(EventColumn::Summary));
        const bool completion = events->index(row, int(EventColumn::Type))
                                    .data(WindowedTableModel::StoredValueRole)
                                    .toString()
                                    .endsWith(event::completedSuffix);
        QCOMPARE(summary.data().toString().isEmpty(), completion);
        QVERIFY(!summary.data(WindowedTableModel::StoredValueRole).toString().isEmpty());
    }

    QSignalSpy shown(history, &EventHistoryView::jsonShown);
    history->table()->tableView()->selectRow(0);
    QVERIFY(shown.wait(waitMs));
    const QString json = history->jsonView()->toPlainText();
    QVERIFY(json.contains(QStringLiteral("\"hash\"")));
    QVERIFY(json.contains(QStringLiteral("\"position\": %1").arg(desk.ledger.eventCount())));

    const QString correlation = events->index(0, int(EventColumn::CorrelationId)).data().toString();
    qint64 sagaEvents = 0;
    const Result<QList<EventEnvelope>> all = desk.ledger.storage().events().read(0, 100000);
    for (const EventEnvelope &event : all.value())
        sagaEvents += event.correlationId == correlation ? 1 : 0;
    QVERIFY(sagaEvents >= 2);
    history->showSaga(correlation);
    QTRY_COMPARE_WITH_TIMEOUT(qint64(events->rowCount()), sagaEvents, waitMs);
}

void TestAuditor::historySearchesThroughTheIndexItBuilds()
{
    AuditDesk desk;
    EventHistoryView *history = desk.window->eventHistory();
    QVERIFY(history->searchIndexer());
    QSignalSpy progressed(history->searchIndexer(), &EventSearchIndexer::progressed);
    desk.window->tabs()->setCurrentWidget(history); // built when first shown
    const qint64 events = desk.ledger.eventCount();
    QTRY_VERIFY_WITH_TIMEOUT(
        !progressed.isEmpty() && progressed.last().at(0).toLongLong() == events, waitMs);
    QCOMPARE(progressed.last().at(1).toLongLong(), events);

    // The desk's reads go through it: a word's start is found, a piece from inside one is not
    // (a read of the log would find both).
    WindowedTableModel *model = history->table()->model();
    QTRY_VERIFY_WITH_TIMEOUT(model->isReady(), waitMs);
    TableFilter words;
    words.text = QStringLiteral("OWNE"); // the accounts' owner, "owner"
    model->setFilter(words);
    QTRY_VERIFY_WITH_TIMEOUT(model->isReady() && model->rowCount() > 0, waitMs);
    TableFilter inside;
    inside.text = QStringLiteral("wner");
    model->setFilter(inside);
    QTRY_VERIFY_WITH_TIMEOUT(model->isReady(), waitMs);
    QCOMPARE(model->rowCount(), 0);
}

void TestAuditor::verifyNamesATamperedEvent()
{
    AuditDesk desk;
    QTRY_VERIFY_WITH_TIMEOUT(desk.client->isReady(), waitMs);
    LedgerVerification *clean = desk.window->verifyLedger(false);
    QSignalSpy intact(clean, &LedgerVerification::finished);
    QVERIFY(intact.wait(waitMs * 3));
    QVERIFY(intact.first().at(0).value<VerifyReport>().ok);

    // Someone edits an amount inside the stored bytes of an event in the middle of the log.
    QSqlQuery find(desk.ledger.storage().database().connection());
    QVERIFY(find.exec(QStringLiteral("SELECT MIN(position) FROM events WHERE position > 30 AND "
                                     "CAST(body AS TEXT) LIKE '%.50\"%'")) &&
            find.next());
    const qint64 victim = find.value(0).toLongLong();
    QVERIFY(victim > 30);
    QSqlQuery edit(desk.ledger.storage().database().connection());
    QVERIFY(edit.exec(QStringLiteral("UPDATE events SET body = CAST(replace(CAST(body AS TEXT), "
                                     "'.50\"', '.51\"') AS BLOB) WHERE position = %1")
                          .arg(victim)));
    QCOMPARE(edit.numRowsAffected(), 1);
    LedgerVerification *tampered = desk.window->verifyLedger(false);
    QSignalSpy report(tampered, &LedgerVerification::finished);
    QVERIFY(report.wait(waitMs * 3));
    const VerifyReport found = report.first().at(0).value<VerifyReport>();
    QVERIFY(!found.ok);
    QCOMPARE(found.firstBadPosition, victim);
    QVERIFY(
        LedgerVerification::describe(found).contains(QStringLiteral("position %1").arg(victim)));
}

void TestAuditor::periodStatementMatchesTheReplay()
{
    TestLedger ledger;
    const QString alice = ledger.userAccount();
    const QString bob = ledger.userAccount();
    const qint64 day = qint64(24) * 3600 * 1000;
    ledger.fund(alice, QStringLiteral("100.00")); // day 0
    ledger.clock().advance(day);
    const qint64 periodStart = ledger.clock().nowMs();
    ledger.transfer(alice, bob, QStringLiteral("30.00")); // day 1: in the period
    ledger.clock().advance(day);
    ledger.fund(alice, QStringLiteral("5.00")); // day 2: in the period
    const qint64 periodEnd = ledger.clock().nowMs();
    ledger.clock().advance(day);
    ledger.transfer(alice, bob, QStringLiteral("1.00")); // day 3: after it
    AsOfCursor cursor(ledger.storage().events(), nullptr);
    const Result<PeriodStatement> statement =
        periodStatement(cursor, ledger.storage().events(), alice, periodStart, periodEnd);
    QVERIFY(statement.ok());
    const PeriodStatement &s = statement.value();
    const auto balanceAsOf = [&ledger, &alice](qint64 ms) {
        const Result<LedgerState> state = replayAsOf(ledger.storage().events(), ms);
        BILLING_ASSERT(state.ok());
        return state.value().account(alice)->balance;
    };
    QCOMPARE(s.opening, balanceAsOf(periodStart - 1));
    QCOMPARE(s.closing, balanceAsOf(periodEnd));
    QCOMPARE(s.opening, TestLedger::money(QStringLiteral("100.00")));
    QCOMPARE(s.closing, TestLedger::money(QStringLiteral("75.00")));
    QCOMPARE(s.lines.size(), 2);
    QCOMPARE(s.lines.at(0).amount, TestLedger::money(QStringLiteral("-30.00")));
    QCOMPARE(s.lines.at(0).type, QStringLiteral("TRANSFER"));
    QVERIFY(
        !periodStatement(cursor, ledger.storage().events(), alice, periodEnd, periodStart).ok());
}

void TestAuditor::chartPointsTravelToTheirEvent()
{
    AuditDesk desk;
    QTRY_VERIFY_WITH_TIMEOUT(desk.client->isReady(), waitMs);
    const Account *richest = nullptr;
    for (const Account &account : desk.ledger.state().accounts()) {
        if (account.type == AccountType::User && (!richest || account.version > richest->version))
            richest = &account;
    }
    QVERIFY(richest);
    AccountWindow *window = desk.window->openAccount(richest->id);
    QSignalSpy loaded(window, &AccountWindow::loaded);
    QVERIFY(loaded.wait(waitMs));
    BalanceChart *chart = window->chart();
    int balanceEvents = 0;
    qint64 lastPosition = 0;
    const Result<QList<EventEnvelope>> events = desk.ledger.storage().events().read(0, 100000);
    for (const EventEnvelope &event : events.value()) {
        if (event.eventType == event::balanceChanged && event.aggregateId == richest->id) {
            ++balanceEvents;
            lastPosition = event.position;
        }
    }
    QVERIFY(balanceEvents >= 2);
    QCOMPARE(int(chart->points().size()), balanceEvents);
    QCOMPARE(chart->points().last().balance, richest->balance);
    QCOMPARE(chart->points().last().position, lastPosition);
    chart->resize(600, 260);
    TimeTravelView *travel = desk.travel();
    QTRY_VERIFY_WITH_TIMEOUT(travel->isNow() && travel->position() > 0, waitMs);
    QSignalSpy arrived(travel, &TimeTravelView::arrived);
    const qint64 wanted = chart->points().first().position;
    QTest::mouseClick(chart, Qt::LeftButton, {}, chart->dotAt(0).toPoint());
    QVERIFY(arrived.wait(waitMs));
    QCOMPARE(travel->position(), wanted);
}

void TestAuditor::exportsMatchTheLedger()
{
    AuditDesk desk;
    QTRY_VERIFY_WITH_TIMEOUT(desk.client->isReady(), waitMs);
    TimeTravelView *travel = desk.travel();
    QTRY_VERIFY_WITH_TIMEOUT(travel->isNow() && travel->position() > 0, waitMs);
    const QString csv = travel->balancesCsv();
    for (const Account &account : desk.ledger.state().accounts()) {
        const Result<Currency> currency = CurrencyCatalog::standard().find(account.currency);
        QVERIFY(csv.contains(account.id + u',' + account.ownerId));
        QVERIFY(csv.contains(u',' + account.balance.toString(currency.value().decimals) + u','));
    }

    QString alice;
    for (const Account &account : desk.ledger.state().accounts()) {
        if (account.type == AccountType::User && !account.balance.isZero())
            alice = account.id;
    }
    QVERIFY(!alice.isEmpty());
    AccountWindow *window = desk.window->openAccount(alice);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("statement.pdf"));
    QSignalSpy written(window, &AccountWindow::periodPdfWritten);
    const QDate day = QDateTime::fromMSecsSinceEpoch(desk.ledger.clock().nowMs(), Qt::UTC).date();
    window->writePeriodPdf(day.addDays(-1), day, path);
    QVERIFY(written.wait(waitMs));
    QFile pdf(path);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.read(5) == "%PDF-");
    const Account *account = desk.ledger.state().account(alice);
    const Result<Currency> currency = CurrencyCatalog::standard().find(account->currency);
    QCOMPARE(written.first().at(1).toString(), Money().toString(currency.value().decimals));
    QCOMPARE(written.first().at(2).toString(),
             account->balance.toString(currency.value().decimals));

    // Where nothing can be written it says so: the size it checked was that of whatever had
    // the name before (here a folder, which no PDF replaces).
    const QString taken = dir.filePath(QStringLiteral("taken.pdf"));
    QVERIFY(QDir().mkdir(taken));
    QSignalSpy failed(window, &AccountWindow::periodPdfFailed);
    window->writePeriodPdf(day.addDays(-1), day, taken);
    QVERIFY(failed.wait(waitMs));
    QCOMPARE(written.size(), 1);
}

namespace {

// A real table reader whose second read first lets another writer book: a desk exporting a
// table that another desk is writing to.
class BookingBetweenChunks final : public TableReader
{
public:
    BookingBetweenChunks(TableReader &real, std::function<void()> book)
        : m_real(real)
        , m_book(std::move(book))
    {}
    Result<TablePage> read(const TableQuery &query) override
    {
        if (++m_reads == 2)
            m_book();
        return m_real.read(query);
    }
    Result<LedgerMark> mark() override { return m_real.mark(); }

private:
    TableReader &m_real;
    std::function<void()> m_book;
    int m_reads = 0;
};

} // namespace

void TestAuditor::exportOfALiveLedgerIsOneSnapshot()
{
    TestLedger ledger;
    const QString alice = ledger.userAccount();
    const QString bob = ledger.userAccount();
    ledger.fund(alice, QStringLiteral("1000.00"));
    // More legs than one chunk of the export.
    QList<Command> batch;
    CommandOptions options;
    options.operatorName = QStringLiteral("test");
    for (int i = 0; i < TableExport::chunkRows / 2 + 10; ++i) {
        MoveMoney move;
        move.sourceAccountId = alice;
        move.destinationAccountId = bob;
        move.amount = TestLedger::money(QStringLiteral("0.01"));
        batch.append(ledger.service().issue(move, options));
    }
    QVERIFY(ledger.service().executeBatch(batch).ok());
    QSqlQuery count(ledger.storage().database().connection());
    QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM transaction_projections")) &&
            count.next());
    const qint64 legs = count.value(0).toLongLong();
    count.finish();
    QVERIFY(legs > TableExport::chunkRows);

    Result<std::unique_ptr<TableReader>> reader =
        openTableReader(StoreLocation::sqlite(ledger.path()), StorageAccess::ReadOnly);
    QVERIFY(reader.ok());
    BookingBetweenChunks booking(*reader.value(), [&] {
        for (int i = 0; i < 20; ++i)
            ledger.transfer(alice, bob, QStringLiteral("0.01"));
    });
    TableQuery query;
    query.table = LedgerTable::Transactions;
    query.descending = true; // newest first, where new rows land
    QStringList headers;
    for (int column = 0; column < int(TransactionColumn::Count); ++column)
        headers.append(QString::number(column));
    QBuffer out;
    QVERIFY(out.open(QIODevice::WriteOnly));
    const std::atomic<bool> cancelled{false};
    std::atomic<qint64> rows{0};
    const Result<qint64> exported =
        TableExport::write(booking, query, headers, out, cancelled, rows);
    QVERIFY(exported.ok());
    // The rows of the start, each once: none of the 40 legs booked meanwhile, none twice.
    QCOMPARE(exported.value(), legs);
    QCOMPARE(qint64(out.data().count('\n')), legs + 1);
}

QTEST_MAIN(TestAuditor)
#include "tst_auditor.moc"
