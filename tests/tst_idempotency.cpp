#include "application/Decider.h"
#include "domain/ReasonCode.h"
#include "infrastructure/LedgerStateCodec.h"
#include "support/Checked.h"
#include "support/TestLedger.h"

#include <QTest>

using namespace billing;
using namespace billing::test;

namespace {

// A data row that starts with text cells; more cells of other types may follow with <<.
QTestData &row(const char *name, std::initializer_list<QString> cells)
{
    QTestData &data = QTest::newRow(name);
    for (const QString &cell : cells)
        data << cell;
    return data;
}

// The accounts of a desk, and commands on them.
struct Roles
{
    QString id(const QString &role) const
    {
        const QHash<QString, QString> roles{
            {QStringLiteral("user"), user},         {QStringLiteral("other"), other},
            {QStringLiteral("third"), third},       {QStringLiteral("system"), system},
            {QStringLiteral("external"), external}, {QStringLiteral("euroBank"), euroBank}};
        BILLING_ASSERT(roles.contains(role));
        return roles.value(role);
    }

    // A command written as words, so that tables read like what an operator typed:
    //   "transfer user other 10.00 [currency] [ref=...]", same for topup, withdrawal, payment;
    //   "refund 5.00 [currency]" (of `payment`); "create USER EUR alice";
    //   "status other suspended"; "limits other -10.00 [100.00]".
    CommandBody command(const QString &spec) const
    {
        QStringList words = spec.split(u' ', Qt::SkipEmptyParts);
        QString reference;
        for (qsizetype i = words.size() - 1; i >= 0; --i) {
            if (words[i].startsWith(QStringLiteral("ref=")))
                reference = words.takeAt(i).mid(4);
        }
        const QString verb = words.value(0);
        if (verb == QStringLiteral("create")) {
            CreateAccount command;
            command.type = accountTypeFromString(words.value(1)).value();
            command.currency = words.value(2);
            command.ownerId = words.value(3);
            return command;
        }
        if (verb == QStringLiteral("status")) {
            ChangeAccountStatus command;
            command.accountId = id(words.value(1));
            command.target = accountStatusFromString(words.value(2)).value();
            return command;
        }
        if (verb == QStringLiteral("limits")) {
            ChangeAccountLimits command;
            command.accountId = id(words.value(1));
            command.minBalance = TestLedger::money(words.value(2));
            if (words.size() > 3)
                command.maxBalance = TestLedger::money(words.value(3));
            return command;
        }
        if (verb == QStringLiteral("refund")) {
            Refund command;
            command.paymentId = payment;
            command.amount = TestLedger::money(words.value(1));
            command.currency = words.value(2);
            command.reference = reference;
            return command;
        }
        MoveMoney command;
        command.type = transactionTypeFromString(verb).value();
        command.sourceAccountId = id(words.value(1));
        command.destinationAccountId = id(words.value(2));
        command.amount = TestLedger::money(words.value(3));
        command.currency = words.value(4);
        command.reference = reference;
        return command;
    }

    QString user;
    QString other;
    QString third;
    QString system;
    QString external;
    QString euroBank; // an EXTERNAL account in EUR, beside the USD ones
    QString payment;
};

// user 90.00 USD (it paid 10.00 to system), other and third 0.00 USD, external -100.00 USD.
struct Desk : Roles
{
    explicit Desk(const QString &path = {})
        : ledger(path)
    {
        const QString usd = QStringLiteral("USD");
        user = ledger.userAccount(usd);
        other = ledger.userAccount(usd);
        third = ledger.userAccount(usd);
        system = ledger.createAccount(AccountType::System, usd, QStringLiteral("merchant"));
        ledger.fund(user, QStringLiteral("100.00"));
        external = ledger.externalAccount(usd);
        euroBank = ledger.externalAccount(QStringLiteral("EUR"));
        const Outcome paid = ledger.pay(user, system, QStringLiteral("10.00"));
        BILLING_ASSERT(paid.completed());
        payment = paid.transactionId;
    }

    Outcome run(const QString &spec, const QString &key = {})
    {
        return ledger.run(command(spec), key);
    }

    // "fund:<role>:<amount>", "suspend:<role>", "activate:<role>" or
    // "limits:<role>:<min>:<max>"; an empty action does nothing.
    bool prepare(const QString &action)
    {
        const QStringList parts = action.split(u':');
        const QString verb = parts.value(0);
        if (verb.isEmpty())
            return true;
        if (verb == QStringLiteral("fund"))
            return run(QStringLiteral("topup external %1 %2").arg(parts.value(1), parts.value(2)))
                .completed();
        if (verb == QStringLiteral("suspend") || verb == QStringLiteral("activate"))
            return run(QStringLiteral("status %1 %2")
                           .arg(parts.value(1), verb == QStringLiteral("suspend")
                                                    ? QStringLiteral("suspended")
                                                    : QStringLiteral("active")))
                .completed();
        if (verb == QStringLiteral("limits"))
            return run(QStringLiteral("limits %1 %2 %3")
                           .arg(parts.value(1), parts.value(2), parts.value(3)))
                .completed();
        return false;
    }

    TestLedger ledger;
};

// Everything a repeat must leave as it was.
struct Snapshot
{
    explicit Snapshot(TestLedger &ledger)
        : events(ledger.eventCount())
        , accounts(ledger.state().accounts().size())
        , transactions(ledger.state().transactions().size())
    {
        for (const Account &account : ledger.state().accounts())
            balances.insert(account.id, account.balance.toString());
    }

    qint64 events;
    qsizetype accounts;
    qsizetype transactions;
    QHash<QString, QString> balances;
};

void checkNothingWritten(TestLedger &ledger, const Snapshot &before)
{
    QCOMPARE(ledger.eventCount(), before.events);
    QCOMPARE(ledger.state().position(), before.events);
    QCOMPARE(ledger.state().accounts().size(), before.accounts);
    QCOMPARE(ledger.state().transactions().size(), before.transactions);
    for (auto it = before.balances.cbegin(); it != before.balances.cend(); ++it) {
        QCOMPARE(ledger.state().account(it.key())->balance.toString(), it.value());
        const Result<std::optional<AccountView>> view =
            ledger.storage().projections().account(it.key());
        QVERIFY(view.ok() && view.value().has_value());
        QCOMPARE(view.value()->balance.toString(), it.value());
    }
    QVERIFY(ledger.state().balanced());
    const Result<qint64> checkpoint = ledger.storage().projections().checkpoint();
    QVERIFY(checkpoint.ok());
    QCOMPARE(checkpoint.value(), before.events);
}

void checkRepeat(const Outcome &again, const Outcome &first)
{
    QVERIFY(again.repeated);
    QCOMPARE(again.kindName(), first.kindName());
    QCOMPARE(again.code, first.code);
    // A refusal is repeated in its first words, naming the same field.
    QCOMPARE(again.message, first.message);
    QCOMPARE(again.field, first.field);
    QCOMPARE(again.command, first.command);
    QCOMPARE(again.transactionId, first.transactionId);
    QCOMPARE(again.accountId, first.accountId);
}

void checkConflict(const Outcome &outcome)
{
    QCOMPARE(outcome.kindName(), QStringLiteral("invalid"));
    QCOMPARE(outcome.code, reason::idempotencyConflict);
    QCOMPARE(outcome.field, QStringLiteral("key"));
    QVERIFY(!outcome.repeated);
}

} // namespace

class TestIdempotency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void repeatAnswersWithTheFirstOutcome_data();
    void repeatAnswersWithTheFirstOutcome();
    void repeatIgnoresWhatChangedSince();
    void createRepeatedWithItsDefaultsWrittenOutIsARepeat();
    void repeatOfARejectionIsTheSameRejection_data();
    void repeatOfARejectionIsTheSameRejection();
    void refusedAccountCommandKeepsItsRefusal();
    void undoneRefusalsLeaveNoTrace();
    void sameKeyWithAnotherPayloadConflicts_data();
    void sameKeyWithAnotherPayloadConflicts();
    void commandsWithoutAKeyAreNeverRepeats();
    void keyIsWrittenWithTheFirstEvent();
    void keySurvivesReopeningTheFile();
    void sameKeyTwiceInOneBatch();
    void conflictInsideABatchLeavesTheRestWritten();
};

void TestIdempotency::repeatAnswersWithTheFirstOutcome_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("again");

    row("top-up", {"topup external user 5.00", "topup external user 5.00"});
    row("withdrawal", {"withdrawal user external 5.00", "withdrawal user external 5.00"});
    row("transfer", {"transfer user other 5.00 ref=inv-7", "transfer user other 5.00 ref=inv-7"});
    row("payment", {"payment user system 5.00", "payment user system 5.00"});
    row("refund", {"refund 5.00", "refund 5.00"});
    row("account creation", {"create USER EUR alice", "create USER EUR alice"});
    row("status change", {"status other suspended", "status other suspended"});
    row("limits change", {"limits other -10.00 100.00", "limits other -10.00 100.00"});
    // The payload holds the amount's value, not how it was typed.
    row("same amount spelled otherwise", {"transfer user other 5.00", "transfer user other 5"});
    // A currency left out is the account's (the payment's, for a refund): naming it is the same.
    row("currency named the second time",
        {"transfer user other 5.00", "transfer user other 5.00 USD"});
    row("currency left out the second time",
        {"topup external user 5.00 USD", "topup external user 5.00"});
    row("refund's currency named", {"refund 5.00", "refund 5.00 USD"});
}

void TestIdempotency::repeatAnswersWithTheFirstOutcome()
{
    QFETCH(QString, first);
    QFETCH(QString, again);

    // Given
    Desk desk;
    const QString key = QStringLiteral("key-1");
    const Outcome firstOutcome = desk.run(first, key);
    QVERIFY2(firstOutcome.completed(), qPrintable(firstOutcome.code));
    QVERIFY(!firstOutcome.repeated);
    QVERIFY(!firstOutcome.transactionId.isEmpty() || !firstOutcome.accountId.isEmpty());
    const Snapshot before(desk.ledger);

    // When
    const Outcome repeated = desk.run(again, key);

    // Then
    CHECKED(checkRepeat(repeated, firstOutcome));
    QCOMPARE(repeated.position, qint64(0));
    CHECKED(checkNothingWritten(desk.ledger, before));
}

void TestIdempotency::repeatIgnoresWhatChangedSince()
{
    // Given: a transfer, after which its sender is emptied and suspended, so that deciding the
    // same command again would refuse it.
    Desk desk;
    const QString key = QStringLiteral("key-transfer");
    const Outcome first = desk.run(QStringLiteral("transfer user other 60.00"), key);
    QVERIFY(first.completed());
    QVERIFY(desk.run(QStringLiteral("transfer user third 30.00")).completed());
    QVERIFY(desk.prepare(QStringLiteral("suspend:user")));
    const Snapshot before(desk.ledger);

    // When
    const Outcome repeated = desk.run(QStringLiteral("transfer user other 60.00"), key);

    // Then
    CHECKED(checkRepeat(repeated, first));
    QVERIFY(repeated.completed());
    CHECKED(checkNothingWritten(desk.ledger, before));
    QCOMPARE(desk.ledger.state().account(desk.other)->balance.toString(), QStringLiteral("60"));
}

void TestIdempotency::repeatOfARejectionIsTheSameRejection_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("remedy"); // makes the command succeed when decided again

    row("insufficient funds",
        {"", "transfer other user 1.00", reason::insufficientFunds, "fund:other:10.00"});
    row("account not active",
        {"suspend:other", "topup external other 1.00", reason::accountNotActive, "activate:other"});
    row("above the maximum", {"limits:other:0:0.50", "topup external other 1.00",
                              reason::balanceAboveMaximum, "limits:other:0:"});
    row("refund exceeds the payment", {"", "refund 10.01", reason::refundExceedsPayment, ""});
    row("currency mismatch", {"", "transfer user other 1.00 EUR", reason::currencyMismatch, ""});
}

void TestIdempotency::repeatOfARejectionIsTheSameRejection()
{
    QFETCH(QString, given);
    QFETCH(QString, command);
    QFETCH(QString, code);
    QFETCH(QString, remedy);

    // Given: a money command refused under a key, and then the cause of the refusal removed.
    Desk desk;
    QVERIFY(desk.prepare(given));
    const QString key = QStringLiteral("key-refused");
    const Outcome first = desk.run(command, key);
    QCOMPARE(first.kindName(), QStringLiteral("rejected"));
    QCOMPARE(first.code, code);
    QVERIFY(desk.prepare(remedy));
    const Snapshot before(desk.ledger);

    // When
    const Outcome repeated = desk.run(command, key);

    // Then
    CHECKED(checkRepeat(repeated, first));
    CHECKED(checkNothingWritten(desk.ledger, before));
    const Transaction *transaction = desk.ledger.state().transaction(first.transactionId);
    QVERIFY(transaction);
    QCOMPARE(toString(transaction->status), QStringLiteral("failed"));
    const Result<QList<TransactionLegView>> legs =
        desk.ledger.storage().projections().transaction(first.transactionId);
    QVERIFY(legs.ok());
    QCOMPARE(legs.value().size(), qsizetype(2));
    for (const TransactionLegView &leg : legs.value())
        QCOMPARE(leg.failureReason, code);

    // The answer came from the log, not from deciding again: without the key it now succeeds.
    if (!remedy.isEmpty())
        QVERIFY(desk.run(command).completed());
}

void TestIdempotency::refusedAccountCommandKeepsItsRefusal()
{
    // A refused account command is recorded (AccountCommandRejected), so the same key and
    // payload answer with the first refusal even after the reason has gone away.

    // Given
    Desk desk;
    const QString key = QStringLiteral("key-close");
    const QString close = QStringLiteral("status user closed");
    const Outcome first = desk.run(close, key);
    QCOMPARE(first.code, reason::balanceNotZero);
    QVERIFY(desk.ledger.state().idempotency(key));
    QVERIFY(desk.run(QStringLiteral("withdrawal user external 90.00")).completed());
    const qint64 before = desk.ledger.eventCount();

    // When
    const Outcome again = desk.run(close, key);

    // Then
    CHECKED(checkRepeat(again, first));
    QVERIFY(!first.message.isEmpty());
    QCOMPARE(desk.ledger.eventCount(), before);
}

void TestIdempotency::undoneRefusalsLeaveNoTrace()
{
    // A batch that lost an append race is undone: the refusals it folded must go with it, or the
    // state would answer a repeat of a command that was never written, and its snapshot would
    // differ from a replay of the log.

    // Given
    Desk desk;
    LedgerState state = desk.ledger.state();
    const QByteArray before = LedgerStateCodec::encode(state);
    const QStringList keys = {QStringLiteral("key-overdraw"), QStringLiteral("key-close")};
    const QStringList specs = {QStringLiteral("transfer other user 1000.00"),
                               QStringLiteral("status user closed")};

    // When
    state.beginTentative();
    for (qsizetype i = 0; i < keys.size(); ++i) {
        CommandOptions options;
        options.idempotencyKey = keys[i];
        const Decision decision =
            decide(state, desk.ledger.service().issue(desk.command(specs[i]), options));
        QCOMPARE(decision.outcome.kindName(), QStringLiteral("rejected"));
        for (const EventEnvelope &event : decision.events)
            state.apply(event);
        const std::optional<IdempotencyRecord> record = state.idempotency(keys[i]);
        QVERIFY(record.has_value());
        QCOMPARE(record->message, decision.outcome.message);
        QCOMPARE(record->field, decision.outcome.field);
    }
    state.undoTentative();

    // Then
    for (const QString &key : keys)
        QVERIFY(!state.idempotency(key).has_value());
    QCOMPARE(LedgerStateCodec::encode(state), before);
}

void TestIdempotency::sameKeyWithAnotherPayloadConflicts_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");

    row("another amount", {"transfer user other 10.00", "transfer user other 10.01"});
    row("another receiver", {"transfer user other 10.00", "transfer user third 10.00"});
    row("another reference",
        {"transfer user other 10.00 ref=a", "transfer user other 10.00 ref=b"});
    row("another operation", {"transfer user other 10.00", "payment user system 10.00"});
    row("another refund amount", {"refund 5.00", "refund 6.00"});
    row("account in another currency", {"create USER USD alice", "create USER EUR alice"});
    row("another target status", {"status other suspended", "status other closed"});
    row("maximum dropped", {"limits other -10.00 100.00", "limits other -10.00"});
    row("money key reused for an account", {"transfer user other 10.00", "create USER USD bob"});
    row("account key reused for money", {"status other suspended", "topup external user 1.00"});
    row("first one was refused", {"transfer other user 1.00", "transfer other user 2.00"});
    row("another currency named", {"transfer user other 10.00", "transfer user other 10.00 EUR"});
    row("named, then another", {"transfer user other 10.00 USD", "transfer user other 10.00 EUR"});
    row("refund in another currency", {"refund 5.00", "refund 5.00 EUR"});
    // The default is the USER side's currency, not the other side's.
    row("the other side's currency, then left out",
        {"topup euroBank user 5.00 EUR", "topup euroBank user 5.00"});
    row("left out, then the other side's currency",
        {"topup euroBank user 5.00", "topup euroBank user 5.00 EUR"});
}

void TestIdempotency::sameKeyWithAnotherPayloadConflicts()
{
    QFETCH(QString, first);
    QFETCH(QString, second);

    // Given
    Desk desk;
    const QString key = QStringLiteral("key-shared");
    const Outcome firstOutcome = desk.run(first, key);
    QVERIFY(firstOutcome.kindName() != QStringLiteral("invalid"));
    const Snapshot before(desk.ledger);

    // When
    const Outcome conflicting = desk.run(second, key);

    // Then
    CHECKED(checkConflict(conflicting));
    CHECKED(checkNothingWritten(desk.ledger, before));
    // The key still belongs to the first command.
    CHECKED(checkRepeat(desk.run(first, key), firstOutcome));
    CHECKED(checkNothingWritten(desk.ledger, before));
}

void TestIdempotency::commandsWithoutAKeyAreNeverRepeats()
{
    // Given
    Desk desk;
    const qint64 before = desk.ledger.eventCount();

    // When: the same transfer twice, each issued with a fresh key.
    const Outcome first = desk.run(QStringLiteral("transfer user other 10.00"));
    const Outcome second = desk.run(QStringLiteral("transfer user other 10.00"));

    // Then
    QVERIFY(first.completed() && second.completed());
    QVERIFY(!second.repeated);
    QVERIFY(first.transactionId != second.transactionId);
    QCOMPARE(desk.ledger.eventCount(), before + 8);
    QCOMPARE(desk.ledger.state().account(desk.other)->balance.toString(), QStringLiteral("20"));
}

void TestIdempotency::keyIsWrittenWithTheFirstEvent()
{
    // Given
    Desk desk;
    const qint64 before = desk.ledger.eventCount();
    const QString key = QStringLiteral("key-audit");

    // When
    const Outcome outcome = desk.run(QStringLiteral("transfer user other 10.00"), key);

    // Then
    QVERIFY(outcome.completed());
    const Result<QList<EventEnvelope>> events = desk.ledger.storage().events().read(before, 10);
    QVERIFY(events.ok());
    QCOMPARE(events.value().size(), qsizetype(4));
    QCOMPARE(events.value()[0].data.value(u"idempotencyKey").toString(), key);
    QVERIFY(!events.value()[0].data.value(u"payloadHash").toString().isEmpty());
    const Result<QList<TransactionLegView>> legs =
        desk.ledger.storage().projections().transaction(outcome.transactionId);
    QVERIFY(legs.ok());
    QCOMPARE(legs.value().size(), qsizetype(2));
    for (const TransactionLegView &leg : legs.value())
        QCOMPARE(leg.idempotencyKey, key);
    const std::optional<IdempotencyRecord> record = desk.ledger.state().idempotency(key);
    QVERIFY(record);
    QCOMPARE(record->targetId, outcome.transactionId);
}

void TestIdempotency::keySurvivesReopeningTheFile()
{
    // Given: keys used on a ledger file that is then closed.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("ledger.db"));
    const QString transfer = QStringLiteral("transfer user other 30.00");
    const QString overdraw = QStringLiteral("transfer other user 500.00");
    const QString suspend = QStringLiteral("status third suspended");
    Roles roles;
    Outcome transferred;
    Outcome refused;
    Outcome suspended;
    qint64 written = 0;
    {
        Desk desk(path);
        transferred = desk.run(transfer, QStringLiteral("key-transfer"));
        QVERIFY(transferred.completed());
        refused = desk.run(overdraw, QStringLiteral("key-refused"));
        QCOMPARE(refused.code, reason::insufficientFunds);
        suspended = desk.run(suspend, QStringLiteral("key-status"));
        QVERIFY(suspended.completed());
        roles = desk;
        written = desk.ledger.eventCount();
    }

    // When: a new service opens the file and folds the log from the start.
    TestLedger reopened(path);
    QCOMPARE(reopened.eventCount(), written);
    QCOMPARE(reopened.state().position(), written);
    const Outcome transferAgain =
        reopened.run(roles.command(transfer), QStringLiteral("key-transfer"));
    const Outcome refusedAgain =
        reopened.run(roles.command(overdraw), QStringLiteral("key-refused"));
    const Outcome suspendAgain = reopened.run(roles.command(suspend), QStringLiteral("key-status"));
    const Outcome conflicting = reopened.run(
        roles.command(QStringLiteral("transfer user other 31.00")), QStringLiteral("key-transfer"));

    // Then
    CHECKED(checkRepeat(transferAgain, transferred));
    CHECKED(checkRepeat(refusedAgain, refused));
    CHECKED(checkRepeat(suspendAgain, suspended));
    CHECKED(checkConflict(conflicting));
    QCOMPARE(reopened.eventCount(), written);
    QCOMPARE(reopened.state().account(roles.user)->balance.toString(), QStringLiteral("60"));
    QCOMPARE(reopened.state().account(roles.other)->balance.toString(), QStringLiteral("30"));
}

void TestIdempotency::sameKeyTwiceInOneBatch()
{
    // Given
    Desk desk;
    LedgerService &service = desk.ledger.service();
    CommandOptions keyed;
    keyed.idempotencyKey = QStringLiteral("key-batch");
    CommandOptions refusedKey;
    refusedKey.idempotencyKey = QStringLiteral("key-batch-refused");
    const QString transfer = QStringLiteral("transfer user other 10.00");
    const QString overdraw = QStringLiteral("transfer third user 5.00");
    const QList<Command> batch{
        service.issue(desk.command(transfer), keyed),
        service.issue(desk.command(transfer), keyed),
        service.issue(desk.command(overdraw), refusedKey),
        // Funds arrive between the refusal and its repeat: the repeat must not see them.
        service.issue(desk.command(QStringLiteral("topup external third 5.00")), {}),
        service.issue(desk.command(overdraw), refusedKey),
    };
    const qint64 before = desk.ledger.eventCount();

    // When
    const Result<QList<Outcome>> outcomes = service.executeBatch(batch);

    // Then
    QVERIFY(outcomes.ok());
    const QList<Outcome> &results = outcomes.value();
    QCOMPARE(results.size(), qsizetype(5));
    QVERIFY(results[0].completed());
    QVERIFY(!results[0].repeated);
    CHECKED(checkRepeat(results[1], results[0]));
    QCOMPARE(results[2].code, reason::insufficientFunds);
    QVERIFY(!results[2].repeated);
    QVERIFY(results[3].completed());
    CHECKED(checkRepeat(results[4], results[2]));
    QCOMPARE(desk.ledger.eventCount(), before + 4 + 2 + 4);
    QCOMPARE(results[1].position, qint64(0));
    QCOMPARE(results[4].position, qint64(0));
    QCOMPARE(desk.ledger.state().account(desk.user)->balance.toString(), QStringLiteral("80"));
    QCOMPARE(desk.ledger.state().account(desk.other)->balance.toString(), QStringLiteral("10"));
    QCOMPARE(desk.ledger.state().account(desk.third)->balance.toString(), QStringLiteral("5"));
    QVERIFY(desk.ledger.state().balanced());
}

void TestIdempotency::conflictInsideABatchLeavesTheRestWritten()
{
    // Given
    Desk desk;
    LedgerService &service = desk.ledger.service();
    CommandOptions keyed;
    keyed.idempotencyKey = QStringLiteral("key-batch");
    const QList<Command> batch{
        service.issue(desk.command(QStringLiteral("transfer user other 10.00")), keyed),
        service.issue(desk.command(QStringLiteral("transfer user other 11.00")), keyed),
    };
    const qint64 before = desk.ledger.eventCount();

    // When
    const Result<QList<Outcome>> outcomes = service.executeBatch(batch);

    // Then
    QVERIFY(outcomes.ok());
    QVERIFY(outcomes.value()[0].completed());
    CHECKED(checkConflict(outcomes.value()[1]));
    QCOMPARE(desk.ledger.eventCount(), before + 4);
    QCOMPARE(desk.ledger.state().account(desk.other)->balance.toString(), QStringLiteral("10"));
    const Result<std::optional<AccountView>> view =
        desk.ledger.storage().projections().account(desk.other);
    QVERIFY(view.ok() && view.value().has_value());
    QCOMPARE(view.value()->balance.toString(), QStringLiteral("10"));
}

void TestIdempotency::createRepeatedWithItsDefaultsWrittenOutIsARepeat()
{
    TestLedger ledger;
    const auto create = [](AccountType type, const QString &ownerType,
                           std::optional<Money> minimum) {
        CreateAccount command;
        command.type = type;
        command.ownerId = QStringLiteral("olga");
        command.ownerType = ownerType;
        command.currency = QStringLiteral("USD");
        command.minBalance = minimum;
        return command;
    };
    const Money zero;
    const Outcome first = ledger.run(create(AccountType::User, {}, {}), QStringLiteral("k1"));
    QCOMPARE(first.kind, Outcome::Kind::Completed);
    const qint64 events = ledger.eventCount();
    // The owner type a USER account implies and a zero minimum, written out or left out.
    for (const CreateAccount &again : {create(AccountType::User, QStringLiteral("user"), {}),
                                       create(AccountType::User, {}, zero),
                                       create(AccountType::User, QStringLiteral("user"), zero)}) {
        const Outcome repeated = ledger.run(again, QStringLiteral("k1"));
        QCOMPARE(repeated.kind, Outcome::Kind::Completed);
        QVERIFY(repeated.repeated);
        QCOMPARE(repeated.accountId, first.accountId);
    }
    QCOMPARE(ledger.eventCount(), events);
    // Written out first, left out in the repeat.
    const Outcome written =
        ledger.run(create(AccountType::User, QStringLiteral("user"), zero), QStringLiteral("k2"));
    QVERIFY(ledger.run(create(AccountType::User, {}, {}), QStringLiteral("k2")).repeated);
    QCOMPARE(ledger.run(create(AccountType::User, {}, {}), QStringLiteral("k2")).accountId,
             written.accountId);
    // Anything else is another request: another owner type, a minimum below zero, or a minimum
    // on an account that takes none.
    const auto conflicts = [&ledger](const CreateAccount &command, const QString &key) {
        const Outcome outcome = ledger.run(command, key);
        QCOMPARE(outcome.code, reason::idempotencyConflict);
    };
    conflicts(create(AccountType::User, QStringLiteral("company"), {}), QStringLiteral("k1"));
    conflicts(create(AccountType::User, {}, TestLedger::money(QStringLiteral("-1.00"))),
              QStringLiteral("k1"));
    QCOMPARE(ledger.run(create(AccountType::External, {}, {}), QStringLiteral("k3")).kind,
             Outcome::Kind::Completed);
    QVERIFY(ledger
                .run(create(AccountType::External, QStringLiteral("external"), {}),
                     QStringLiteral("k3"))
                .repeated);
    conflicts(create(AccountType::External, {}, zero), QStringLiteral("k3"));
}

QTEST_GUILESS_MAIN(TestIdempotency)
#include "tst_idempotency.moc"
