#include "application/Decider.h"
#include "domain/ReasonCode.h"
#include "support/Checked.h"
#include "support/TestLedger.h"

#include <QTest>

using namespace billing;
using namespace billing::test;

namespace {

const QString usd = QStringLiteral("USD");
const QString eur = QStringLiteral("EUR");

// The accounts most rules need, on a fresh ledger file:
// user 100.00 USD, other 0.00 USD, system 0.00 USD, external -100.00 USD,
// euro 0.00 EUR and euroExternal 0.00 EUR.
struct Desk
{
    Desk()
    {
        user = ledger.userAccount(usd);
        other = ledger.userAccount(usd);
        system = ledger.createAccount(AccountType::System, usd, QStringLiteral("merchant"));
        funding = ledger.fund(user, QStringLiteral("100.00"));
        external = ledger.externalAccount(usd);
        euro = ledger.userAccount(eur);
        euroExternal = ledger.externalAccount(eur);
    }

    // A role name from a data table; anything else is taken as a literal (unknown) id.
    QString id(const QString &role) const
    {
        const QHash<QString, QString> roles{
            {QStringLiteral("user"), user},     {QStringLiteral("other"), other},
            {QStringLiteral("system"), system}, {QStringLiteral("external"), external},
            {QStringLiteral("euro"), euro},     {QStringLiteral("euroExternal"), euroExternal}};
        return roles.value(role, role);
    }

    TestLedger ledger;
    QString user;
    QString other;
    QString system;
    QString external;
    QString euro;
    QString euroExternal;
    QString funding; // the top-up that funded `user`
};

// A data row that starts with text cells; more cells of other types may follow with <<.
QTestData &row(const char *name, std::initializer_list<QString> cells)
{
    QTestData &data = QTest::newRow(name);
    for (const QString &cell : cells)
        data << cell;
    return data;
}

TransactionType transactionType(const QString &name)
{
    const std::optional<TransactionType> type = transactionTypeFromString(name);
    BILLING_ASSERT(type.has_value());
    return *type;
}

AccountStatus accountStatus(const QString &name)
{
    const std::optional<AccountStatus> status = accountStatusFromString(name);
    BILLING_ASSERT(status.has_value());
    return *status;
}

Outcome move(TestLedger &ledger, const QString &operation, const QString &source,
             const QString &destination, const QString &amount, const QString &currency = {})
{
    MoveMoney command;
    command.type = transactionType(operation);
    command.sourceAccountId = source;
    command.destinationAccountId = destination;
    command.amount = TestLedger::money(amount);
    command.currency = currency;
    return ledger.run(command);
}

Outcome refund(TestLedger &ledger, const QString &payment, const QString &amount,
               const QString &currency)
{
    Refund command;
    command.paymentId = payment;
    command.amount = TestLedger::money(amount);
    command.currency = currency;
    return ledger.run(command);
}

Outcome changeStatus(TestLedger &ledger, const QString &accountId, AccountStatus target)
{
    ChangeAccountStatus command;
    command.accountId = accountId;
    command.target = target;
    return ledger.run(command);
}

// An empty max means no maximum.
Outcome changeLimits(TestLedger &ledger, const QString &accountId, const QString &min,
                     const QString &max)
{
    ChangeAccountLimits command;
    command.accountId = accountId;
    command.minBalance = TestLedger::money(min);
    if (!max.isEmpty())
        command.maxBalance = TestLedger::money(max);
    return ledger.run(command);
}

std::optional<AccountView> projected(TestLedger &ledger, const QString &accountId)
{
    const Result<std::optional<AccountView>> view =
        ledger.storage().projections().account(accountId);
    BILLING_ASSERT(view.ok());
    return view.value();
}

QHash<QString, QString> balances(const TestLedger &ledger)
{
    QHash<QString, QString> result;
    for (const Account &account : ledger.state().accounts())
        result.insert(account.id, account.balance.toString());
    return result;
}

void checkBalance(TestLedger &ledger, const QString &accountId, const QString &expected)
{
    const QString want = TestLedger::money(expected).toString();
    const Account *account = ledger.state().account(accountId);
    QVERIFY2(account, qPrintable(accountId));
    QCOMPARE(account->balance.toString(), want);
    const std::optional<AccountView> view = projected(ledger, accountId);
    QVERIFY(view.has_value());
    QCOMPARE(view->balance.toString(), want);
}

void checkBalancesUnchanged(TestLedger &ledger, const QHash<QString, QString> &before)
{
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        CHECKED(checkBalance(ledger, it.key(), it.value()));
}

// Σ balances per currency is zero in the state and in the projections, and the projections agree
// with the state account by account.
void checkBooks(TestLedger &ledger)
{
    const LedgerState &state = ledger.state();
    QVERIFY(state.balanced());
    QCOMPARE(state.position(), ledger.eventCount());
    const Result<qint64> checkpoint = ledger.storage().projections().checkpoint();
    QVERIFY(checkpoint.ok());
    QCOMPARE(checkpoint.value(), ledger.eventCount());
    const Result<QList<AccountView>> views = ledger.storage().projections().accounts({});
    QVERIFY(views.ok());
    QCOMPARE(views.value().size(), state.accounts().size());
    QHash<QString, Money> sums;
    for (const AccountView &view : views.value()) {
        const Account *account = state.account(view.id);
        QVERIFY2(account, qPrintable(view.id));
        QCOMPARE(view.balance.toString(), account->balance.toString());
        QCOMPARE(view.status, toString(account->status));
        QCOMPARE(view.version, account->version);
        const Result<Money> sum = sums.value(view.currency).plus(view.balance);
        QVERIFY(sum.ok());
        sums.insert(view.currency, sum.value());
    }
    for (auto it = sums.cbegin(); it != sums.cend(); ++it)
        QVERIFY2(it.value().isZero(), qPrintable(it.key() + u' ' + it.value().toString()));
}

QList<EventEnvelope> eventsAfter(TestLedger &ledger, qint64 position)
{
    const Result<QList<EventEnvelope>> events = ledger.storage().events().read(position, 100);
    BILLING_ASSERT(events.ok());
    return events.value();
}

QList<TransactionLegView> legsOf(TestLedger &ledger, const QString &transactionId)
{
    const Result<QList<TransactionLegView>> legs =
        ledger.storage().projections().transaction(transactionId);
    BILLING_ASSERT(legs.ok());
    return legs.value();
}

// Completed: Requested, BalanceChanged twice, Completed; both legs projected as completed.
void checkCompletedMove(TestLedger &ledger, const Outcome &outcome, qint64 before,
                        const QString &source, const QString &destination, const QString &amount)
{
    QCOMPARE(outcome.kindName(), QStringLiteral("completed"));
    QCOMPARE(outcome.code, QString());
    QVERIFY(!outcome.repeated);
    QCOMPARE(ledger.eventCount(), before + 4);
    QCOMPARE(outcome.position, before + 4);
    const Transaction *transaction = ledger.state().transaction(outcome.transactionId);
    QVERIFY(transaction);
    QCOMPARE(toString(transaction->status), QStringLiteral("completed"));
    QCOMPARE(transaction->sourceAccountId, source);
    QCOMPARE(transaction->destinationAccountId, destination);
    QCOMPARE(transaction->amount.toString(), TestLedger::money(amount).toString());

    const QList<EventEnvelope> events = eventsAfter(ledger, before);
    QCOMPARE(events.size(), 4);
    const QString stem = eventStem(transaction->type);
    QCOMPARE(events[0].eventType, stem + event::requestedSuffix);
    QCOMPARE(events[1].eventType, event::balanceChanged);
    QCOMPARE(events[1].aggregateId, source);
    QCOMPARE(events[2].eventType, event::balanceChanged);
    QCOMPARE(events[2].aggregateId, destination);
    QCOMPARE(events[3].eventType, stem + event::completedSuffix);

    const QList<TransactionLegView> legs = legsOf(ledger, outcome.transactionId);
    QCOMPARE(legs.size(), 2);
    QCOMPARE(legs[0].accountId, source);
    QCOMPARE(legs[0].amount.toString(), TestLedger::money(amount).negated().toString());
    QCOMPARE(legs[1].accountId, destination);
    QCOMPARE(legs[1].amount.toString(), TestLedger::money(amount).toString());
    for (const TransactionLegView &leg : legs) {
        QCOMPARE(leg.status, QStringLiteral("completed"));
        QCOMPARE(leg.failureReason, QString());
        QCOMPARE(leg.type, toString(transaction->type));
    }
}

// Rejected money command: Requested and Failed are written, no balance moves, both legs failed.
void checkRejectedMove(TestLedger &ledger, const Outcome &outcome, qint64 before,
                       const QString &code)
{
    QCOMPARE(outcome.kindName(), QStringLiteral("rejected"));
    QCOMPARE(outcome.code, code);
    QVERIFY(!outcome.repeated);
    QCOMPARE(ledger.eventCount(), before + 2);
    QCOMPARE(outcome.position, before + 2);
    const Transaction *transaction = ledger.state().transaction(outcome.transactionId);
    QVERIFY(transaction);
    QCOMPARE(toString(transaction->status), QStringLiteral("failed"));
    QCOMPARE(transaction->failureReason, code);

    const QList<EventEnvelope> events = eventsAfter(ledger, before);
    QCOMPARE(events.size(), 2);
    const QString stem = eventStem(transaction->type);
    QCOMPARE(events[0].eventType, stem + event::requestedSuffix);
    QCOMPARE(events[1].eventType, stem + event::failedSuffix);
    QCOMPARE(events[1].data.value(u"reason").toString(), code);

    const QList<TransactionLegView> legs = legsOf(ledger, outcome.transactionId);
    QCOMPARE(legs.size(), 2);
    for (const TransactionLegView &leg : legs) {
        QCOMPARE(leg.status, QStringLiteral("failed"));
        QCOMPARE(leg.failureReason, code);
    }
}

// Invalid: nothing at all is written.
void checkInvalid(TestLedger &ledger, const Outcome &outcome, qint64 before,
                  qsizetype transactionsBefore, const QString &code, const QString &field)
{
    QCOMPARE(outcome.kindName(), QStringLiteral("invalid"));
    QCOMPARE(outcome.code, code);
    QCOMPARE(outcome.field, field);
    QVERIFY(!outcome.repeated);
    QCOMPARE(outcome.position, qint64(0));
    QCOMPARE(ledger.eventCount(), before);
    QCOMPARE(ledger.state().transactions().size(), transactionsBefore);
}

// "suspend:<role>", "close:<role>" or "limits:<role>:<min>:<max>".
void prepare(Desk &desk, const QString &action)
{
    if (action.isEmpty())
        return;
    const QStringList parts = action.split(u':');
    const QString account = desk.id(parts.value(1));
    Outcome outcome;
    if (parts[0] == u"suspend")
        outcome = changeStatus(desk.ledger, account, AccountStatus::Suspended);
    else if (parts[0] == u"close")
        outcome = changeStatus(desk.ledger, account, AccountStatus::Closed);
    else if (parts[0] == u"limits")
        outcome = changeLimits(desk.ledger, account, parts.value(2), parts.value(3));
    else
        QFAIL(qPrintable(QStringLiteral("unknown action ") + action));
    QVERIFY2(outcome.completed(), qPrintable(action + u' ' + outcome.code));
}

} // namespace

class TestRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void moneyMovesBetweenTheRightRoles_data();
    void moneyMovesBetweenTheRightRoles();
    void refusedMoneyMovesAreRecordedAsFailed_data();
    void refusedMoneyMovesAreRecordedAsFailed();
    void malformedMoneyMovesWriteNothing_data();
    void malformedMoneyMovesWriteNothing();
    void commandsFromTheWireThatNoClientMakesAreRefused();
    void textTheStoresCannotHoldIsRefused_data();
    void textTheStoresCannotHoldIsRefused();
    void amountPrecisionFollowsTheCurrency_data();
    void amountPrecisionFollowsTheCurrency();
    void unknownCurrencyCreatesNoAccount();
    void externalAccountsMayGoNegative();
    void refundGoesBackToThePayer();
    void refundsNeverExceedThePayment_data();
    void refundsNeverExceedThePayment();
    void refundNeedsAPayment_data();
    void refundNeedsAPayment();
    void refundOfAFailedPaymentIsRejected();
    void refundRules_data();
    void refundRules();
    void statusTransitions_data();
    void statusTransitions();
    void closingNeedsAZeroBalance();
    void accountCommandsNeedAnAccount();
    void overdraftLetsAUserGoBelowZero();
    void keptLimitsAreTheAccountsWhenDecided();
    void maximumBalanceRefusesCredits();
    void limitsMustBeConsistent_data();
    void limitsMustBeConsistent();
    void limitsAtCreation_data();
    void limitsAtCreation();
};

void TestRules::moneyMovesBetweenTheRightRoles_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("destination");
    QTest::addColumn<QString>("amount");
    QTest::addColumn<QString>("sourceAfter");
    QTest::addColumn<QString>("destinationAfter");
    QTest::addColumn<QString>("userSide");

    row("top-up EXTERNAL -> USER",
        {"topup", "external", "user", "25.00", "-125.00", "125.00", "user"});
    row("top-up of an empty USER",
        {"topup", "external", "other", "0.01", "-100.01", "0.01", "other"});
    row("withdrawal USER -> EXTERNAL",
        {"withdrawal", "user", "external", "40.00", "60.00", "-60.00", "user"});
    row("withdrawal of everything", {"withdrawal", "user", "external", "100.00", "0", "0", "user"});
    row("transfer USER -> USER", {"transfer", "user", "other", "30.00", "70.00", "30.00", "user"});
    row("payment USER -> SYSTEM", {"payment", "user", "system", "100.00", "0", "100.00", "user"});
}

void TestRules::moneyMovesBetweenTheRightRoles()
{
    QFETCH(QString, operation);
    QFETCH(QString, source);
    QFETCH(QString, destination);
    QFETCH(QString, amount);
    QFETCH(QString, sourceAfter);
    QFETCH(QString, destinationAfter);
    QFETCH(QString, userSide);

    // Given
    Desk desk;
    const qint64 before = desk.ledger.eventCount();
    QHash<QString, QString> untouched = balances(desk.ledger);
    untouched.remove(desk.id(source));
    untouched.remove(desk.id(destination));

    // When
    const Outcome outcome =
        move(desk.ledger, operation, desk.id(source), desk.id(destination), amount);

    // Then
    CHECKED(checkCompletedMove(desk.ledger, outcome, before, desk.id(source), desk.id(destination),
                               amount));
    QCOMPARE(outcome.accountId, desk.id(userSide));
    QCOMPARE(outcome.command, operation);
    CHECKED(checkBalance(desk.ledger, desk.id(source), sourceAfter));
    CHECKED(checkBalance(desk.ledger, desk.id(destination), destinationAfter));
    CHECKED(checkBalancesUnchanged(desk.ledger, untouched));
    CHECKED(checkBooks(desk.ledger));
}

void TestRules::refusedMoneyMovesAreRecordedAsFailed_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("destination");
    QTest::addColumn<QString>("amount");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("code");

    const QString funds = reason::insufficientFunds;
    row("transfer above the balance", {"", "transfer", "user", "other", "100.01", "", funds});
    row("withdrawal above the balance",
        {"", "withdrawal", "user", "external", "100.01", "", funds});
    row("payment above the balance", {"", "payment", "user", "system", "250.00", "", funds});
    row("transfer from an empty account", {"", "transfer", "other", "user", "0.01", "", funds});
    row("overdraft exhausted",
        {"limits:other:-20.00:", "transfer", "other", "user", "20.01", "", funds});
    row("above the maximum balance", {"limits:other:0:50.00", "transfer", "user", "other", "50.01",
                                      "", reason::balanceAboveMaximum});
    row("top-up above the maximum balance", {"limits:user:0:100.00", "topup", "external", "user",
                                             "0.01", "", reason::balanceAboveMaximum});

    const QString mismatch = reason::currencyMismatch;
    row("explicit currency differs from the accounts",
        {"", "transfer", "user", "other", "1.00", "EUR", mismatch});
    row("explicit currency differs, top-up",
        {"", "topup", "external", "user", "1.00", "GBP", mismatch});
    row("receiver holds another currency", {"", "transfer", "user", "euro", "1.00", "", mismatch});
    row("top-up from another currency's EXTERNAL",
        {"", "topup", "euroExternal", "user", "1.00", "", mismatch});
    row("withdrawal to another currency's EXTERNAL",
        {"", "withdrawal", "user", "euroExternal", "1.00", "", mismatch});

    const QString inactive = reason::accountNotActive;
    row("suspended sender", {"suspend:user", "transfer", "user", "other", "1.00", "", inactive});
    row("suspended receiver", {"suspend:other", "transfer", "user", "other", "1.00", "", inactive});
    row("closed receiver", {"close:other", "transfer", "user", "other", "1.00", "", inactive});
    // Status is checked before funds: an empty closed account says "not active".
    row("closed sender", {"close:other", "transfer", "other", "user", "1.00", "", inactive});
    row("top-up of a suspended USER",
        {"suspend:user", "topup", "external", "user", "1.00", "", inactive});
    row("withdrawal from a suspended USER",
        {"suspend:user", "withdrawal", "user", "external", "1.00", "", inactive});
    row("payment from a suspended USER",
        {"suspend:user", "payment", "user", "system", "1.00", "", inactive});
    row("payment to a suspended SYSTEM",
        {"suspend:system", "payment", "user", "system", "1.00", "", inactive});
    row("top-up from a suspended EXTERNAL",
        {"suspend:external", "topup", "external", "user", "1.00", "", inactive});
    row("withdrawal to a suspended EXTERNAL",
        {"suspend:external", "withdrawal", "user", "external", "1.00", "", inactive});
}

void TestRules::refusedMoneyMovesAreRecordedAsFailed()
{
    QFETCH(QString, given);
    QFETCH(QString, operation);
    QFETCH(QString, source);
    QFETCH(QString, destination);
    QFETCH(QString, amount);
    QFETCH(QString, currency);
    QFETCH(QString, code);

    // Given
    Desk desk;
    CHECKED(prepare(desk, given));
    const qint64 before = desk.ledger.eventCount();
    const QHash<QString, QString> balancesBefore = balances(desk.ledger);

    // When
    const Outcome outcome =
        move(desk.ledger, operation, desk.id(source), desk.id(destination), amount, currency);

    // Then
    CHECKED(checkRejectedMove(desk.ledger, outcome, before, code));
    CHECKED(checkBalancesUnchanged(desk.ledger, balancesBefore));
    CHECKED(checkBooks(desk.ledger));
}

void TestRules::malformedMoneyMovesWriteNothing_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("destination");
    QTest::addColumn<QString>("amount");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");

    const QString type = reason::accountTypeMismatch;
    row("top-up from a USER", {"topup", "other", "user", "1.00", "", type, "from"});
    row("top-up into a SYSTEM", {"topup", "external", "system", "1.00", "", type, "account"});
    row("withdrawal to a USER", {"withdrawal", "user", "other", "1.00", "", type, "to"});
    row("withdrawal from an EXTERNAL",
        {"withdrawal", "external", "euroExternal", "1.00", "", type, "account"});
    row("transfer to a SYSTEM", {"transfer", "user", "system", "1.00", "", type, "to"});
    row("transfer from an EXTERNAL", {"transfer", "external", "user", "1.00", "", type, "from"});
    row("payment to a USER", {"payment", "user", "other", "1.00", "", type, "to"});
    row("payment to an EXTERNAL", {"payment", "user", "external", "1.00", "", type, "to"});
    row("payment from a SYSTEM", {"payment", "system", "user", "1.00", "", type, "account"});

    const QString missing = reason::accountNotFound;
    row("unknown sender", {"transfer", "nobody", "other", "1.00", "", missing, "from"});
    row("unknown receiver", {"transfer", "user", "nobody", "1.00", "", missing, "to"});
    row("unknown top-up account", {"topup", "external", "nobody", "1.00", "", missing, "account"});
    row("unknown payee", {"payment", "user", "nobody", "1.00", "", missing, "to"});

    row("same account", {"transfer", "user", "user", "1.00", "", reason::accountsMustDiffer, "to"});
    row("zero amount", {"transfer", "user", "other", "0", "", reason::amountNotPositive, "amount"});
    row("negative amount",
        {"withdrawal", "user", "external", "-1.00", "", reason::amountNotPositive, "amount"});
    row("unknown currency",
        {"transfer", "user", "other", "1.00", "XYZ", reason::currencyUnknown, "currency"});
    row("cents below a USD cent",
        {"transfer", "user", "other", "1.001", "", reason::amountTooPrecise, "amount"});
    // Precision follows the currency named, even before it is found not to match the accounts.
    row("cents in explicit JPY",
        {"transfer", "user", "other", "1.50", "JPY", reason::amountTooPrecise, "amount"});
}

void TestRules::malformedMoneyMovesWriteNothing()
{
    QFETCH(QString, operation);
    QFETCH(QString, source);
    QFETCH(QString, destination);
    QFETCH(QString, amount);
    QFETCH(QString, currency);
    QFETCH(QString, code);
    QFETCH(QString, field);

    // Given
    Desk desk;
    const qint64 before = desk.ledger.eventCount();
    const qsizetype transactionsBefore = desk.ledger.state().transactions().size();
    const QHash<QString, QString> balancesBefore = balances(desk.ledger);

    // When
    const Outcome outcome =
        move(desk.ledger, operation, desk.id(source), desk.id(destination), amount, currency);

    // Then
    CHECKED(checkInvalid(desk.ledger, outcome, before, transactionsBefore, code, field));
    QCOMPARE(outcome.transactionId, QString());
    CHECKED(checkBalancesUnchanged(desk.ledger, balancesBefore));
    CHECKED(checkBooks(desk.ledger));
}

void TestRules::textTheStoresCannotHoldIsRefused_data()
{
    // What: owner, owner type, reference, key or operator; how long, or a NUL in it.
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("field");
    const QString longest(commandTextMax, u'o');
    const QString tooLong = longest + u'o';
    QTest::newRow("owner of 256") << "owner" << tooLong << "owner";
    QTest::newRow("owner with NUL") << "owner" << QStringLiteral("al") + QChar(u'\0') << "owner";
    QTest::newRow("owner type of 256") << "owner-type" << tooLong << "owner-type";
    QTest::newRow("reference of 1025")
        << "reference" << QString(referenceMax + 1, u'r') << "reference";
    QTest::newRow("reference with NUL")
        << "reference" << QStringLiteral("inv") + QChar(u'\0') << "reference";
    QTest::newRow("key of 256") << "key" << tooLong << "key";
    QTest::newRow("operator of 256") << "operator" << tooLong << "operator";
    // Ids go into PostgreSQL's VARCHAR(64) columns.
    QTest::newRow("account id of 65") << "account" << QString(idMax + 1, u'a') << "account";
}

void TestRules::textTheStoresCannotHoldIsRefused()
{
    QFETCH(QString, what);
    QFETCH(QString, text);
    QFETCH(QString, field);

    // Given: PostgreSQL holds neither a B-tree entry over 2,704 bytes nor a NUL, and Kafka no
    // record over 1 MB; one such command stopped the distributed mode's projections for good.
    Desk desk;
    const qint64 before = desk.ledger.eventCount();
    const qsizetype transactionsBefore = desk.ledger.state().transactions().size();
    CommandOptions options;
    options.operatorName = what == u"operator" ? text : QStringLiteral("test");
    options.idempotencyKey = what == u"key" ? text : QString();
    CommandBody body;
    if (what.startsWith(u"owner") || what == u"account") {
        CreateAccount create;
        create.currency = usd;
        if (what == u"account")
            create.accountId = text;
        create.ownerId = what == u"owner" ? text : QStringLiteral("owner");
        create.ownerType = what == u"owner-type" ? text : QString();
        body = create;
    } else {
        MoveMoney move;
        move.type = TransactionType::Transfer;
        move.sourceAccountId = desk.user;
        move.destinationAccountId = desk.other;
        move.amount = TestLedger::money(QStringLiteral("1.00"));
        move.reference = what == u"reference" ? text : QString();
        body = move;
    }

    // When
    const Result<Outcome> outcome =
        desk.ledger.service().execute(desk.ledger.service().issue(body, options));

    // Then: refused by name, nothing written; the longest allowed text is taken.
    QVERIFY(outcome.ok());
    CHECKED(checkInvalid(desk.ledger, outcome.value(), before, transactionsBefore,
                         reason::invalidArgument, field));
    if (!text.contains(QChar(u'\0'))) {
        const QString longest = text.chopped(1);
        if (what == u"operator")
            options.operatorName = longest;
        if (what == u"key")
            options.idempotencyKey = longest;
        if (auto *create = std::get_if<CreateAccount>(&body))
            (what == u"owner"        ? create->ownerId
             : what == u"owner-type" ? create->ownerType
                                     : create->accountId) = longest;
        if (auto *move = std::get_if<MoveMoney>(&body); move && what == u"reference")
            move->reference = longest;
        const Result<Outcome> taken =
            desk.ledger.service().execute(desk.ledger.service().issue(body, options));
        QVERIFY(taken.ok());
        QVERIFY2(taken.value().completed(), qPrintable(taken.value().message));
    }
}

void TestRules::amountPrecisionFollowsTheCurrency_data()
{
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("amount");
    QTest::addColumn<QString>("written"); // the amount as the event holds it; empty: refused

    row("USD cents", {"USD", "1.01", "1.01"});
    row("USD tenth of a cent", {"USD", "1.001", ""});
    row("EUR padded to cents", {"EUR", "0.1", "0.10"});
    row("JPY whole", {"JPY", "15", "15"});
    row("JPY half", {"JPY", "1.5", ""});
    row("BTC satoshi", {"BTC", "0.00000001", "0.00000001"});
    row("BTC eight decimals", {"BTC", "1.12345678", "1.12345678"});
    row("ETH padded to eight", {"ETH", "2.5", "2.50000000"});
    row("POINTS fraction", {"POINTS", "1.1", ""});
}

void TestRules::amountPrecisionFollowsTheCurrency()
{
    QFETCH(QString, currency);
    QFETCH(QString, amount);
    QFETCH(QString, written);

    // Given
    TestLedger ledger;
    const QString account = ledger.userAccount(currency);
    const QString external = ledger.externalAccount(currency);
    const qint64 before = ledger.eventCount();

    // When
    const Outcome outcome = move(ledger, QStringLiteral("topup"), external, account, amount);

    // Then
    if (written.isEmpty()) {
        CHECKED(checkInvalid(ledger, outcome, before, 0, reason::amountTooPrecise,
                             QStringLiteral("amount")));
        CHECKED(checkBalance(ledger, account, QStringLiteral("0")));
    } else {
        CHECKED(checkCompletedMove(ledger, outcome, before, external, account, amount));
        const QList<EventEnvelope> events = eventsAfter(ledger, before);
        QCOMPARE(events[0].data.value(u"amount").toString(), written);
        QCOMPARE(events[0].data.value(u"currency").toString(), currency);
        QCOMPARE(events[2].data.value(u"balanceAfter").toString(), written);
        CHECKED(checkBalance(ledger, account, amount));
    }
    CHECKED(checkBooks(ledger));
}

void TestRules::unknownCurrencyCreatesNoAccount()
{
    // Given
    TestLedger ledger;
    ledger.userAccount(usd);
    const qint64 before = ledger.eventCount();

    // When
    CreateAccount command;
    command.type = AccountType::User;
    command.ownerId = QStringLiteral("owner");
    command.currency = QStringLiteral("XYZ");
    const Outcome outcome = ledger.run(command);

    // Then
    CHECKED(checkInvalid(ledger, outcome, before, 0, reason::currencyUnknown,
                         QStringLiteral("currency")));
    QCOMPARE(ledger.state().accounts().size(), qsizetype(1));
    CHECKED(checkBooks(ledger));
}

void TestRules::externalAccountsMayGoNegative()
{
    // Given: the desk's external account already stands at -100.00.
    Desk desk;
    CHECKED(checkBalance(desk.ledger, desk.external, QStringLiteral("-100.00")));

    // When
    const qint64 before = desk.ledger.eventCount();
    const Outcome outcome =
        desk.ledger.topup(desk.other, desk.external, QStringLiteral("1000000.00"));

    // Then
    CHECKED(checkCompletedMove(desk.ledger, outcome, before, desk.external, desk.other,
                               QStringLiteral("1000000.00")));
    CHECKED(checkBalance(desk.ledger, desk.external, QStringLiteral("-1000100.00")));
    CHECKED(checkBalance(desk.ledger, desk.other, QStringLiteral("1000000.00")));
    CHECKED(checkBooks(desk.ledger));
}

void TestRules::refundGoesBackToThePayer()
{
    // Given: two payers paid the same SYSTEM account.
    Desk desk;
    desk.ledger.fund(desk.other, QStringLiteral("50.00"));
    const Outcome payment = desk.ledger.pay(desk.user, desk.system, QStringLiteral("60.00"));
    QVERIFY(payment.completed());
    QVERIFY(desk.ledger.pay(desk.other, desk.system, QStringLiteral("50.00")).completed());
    const qint64 before = desk.ledger.eventCount();

    // When
    const Outcome outcome = desk.ledger.refund(payment.transactionId, QStringLiteral("20.00"));

    // Then
    CHECKED(checkCompletedMove(desk.ledger, outcome, before, desk.system, desk.user,
                               QStringLiteral("20.00")));
    QCOMPARE(outcome.command, QStringLiteral("refund"));
    QCOMPARE(outcome.accountId, desk.user);
    CHECKED(checkBalance(desk.ledger, desk.user, QStringLiteral("60.00")));
    CHECKED(checkBalance(desk.ledger, desk.other, QStringLiteral("0")));
    CHECKED(checkBalance(desk.ledger, desk.system, QStringLiteral("90.00")));
    const Transaction *refund = desk.ledger.state().transaction(outcome.transactionId);
    QCOMPARE(refund->paymentId, payment.transactionId);
    QCOMPARE(desk.ledger.state().transaction(payment.transactionId)->refunded.toString(),
             QStringLiteral("20"));
    for (const TransactionLegView &leg : legsOf(desk.ledger, outcome.transactionId))
        QCOMPARE(leg.paymentId, payment.transactionId);
    CHECKED(checkBooks(desk.ledger));
}

void TestRules::refundsNeverExceedThePayment_data()
{
    QTest::addColumn<QStringList>("earlier");
    QTest::addColumn<QString>("amount");
    QTest::addColumn<bool>("allowed");

    QTest::newRow("the whole payment") << QStringList() << "50.00" << true;
    QTest::newRow("part of it") << QStringList() << "20.00" << true;
    QTest::newRow("the rest after partial refunds")
        << QStringList{"20.00", "29.99"} << "0.01" << true;
    QTest::newRow("a cent more than the payment") << QStringList() << "50.01" << false;
    QTest::newRow("a cent after a full refund") << QStringList{"50.00"} << "0.01" << false;
    QTest::newRow("more than is left") << QStringList{"20.00", "25.00"} << "5.01" << false;
}

void TestRules::refundsNeverExceedThePayment()
{
    QFETCH(QStringList, earlier);
    QFETCH(QString, amount);
    QFETCH(bool, allowed);

    // Given: a payment of 50.00 and some refunds of it.
    Desk desk;
    const Outcome payment = desk.ledger.pay(desk.user, desk.system, QStringLiteral("50.00"));
    QVERIFY(payment.completed());
    Money refunded;
    for (const QString &earlierAmount : std::as_const(earlier)) {
        QVERIFY(desk.ledger.refund(payment.transactionId, earlierAmount).completed());
        refunded = refunded.plus(TestLedger::money(earlierAmount)).value();
    }
    const qint64 before = desk.ledger.eventCount();
    const QHash<QString, QString> balancesBefore = balances(desk.ledger);

    // When
    const Outcome outcome = desk.ledger.refund(payment.transactionId, amount);

    // Then
    if (allowed) {
        CHECKED(checkCompletedMove(desk.ledger, outcome, before, desk.system, desk.user, amount));
        refunded = refunded.plus(TestLedger::money(amount)).value();
        const QString paid =
            TestLedger::money(QStringLiteral("50.00")).minus(refunded).value().toString();
        CHECKED(checkBalance(desk.ledger, desk.system, paid));
        CHECKED(checkBalance(
            desk.ledger, desk.user,
            TestLedger::money(QStringLiteral("50.00")).plus(refunded).value().toString()));
    } else {
        CHECKED(checkRejectedMove(desk.ledger, outcome, before, reason::refundExceedsPayment));
        CHECKED(checkBalancesUnchanged(desk.ledger, balancesBefore));
    }
    QCOMPARE(desk.ledger.state().transaction(payment.transactionId)->refunded.toString(),
             refunded.toString());
    CHECKED(checkBooks(desk.ledger));
}

void TestRules::refundNeedsAPayment_data()
{
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("code");

    QTest::newRow("a top-up") << "topup" << reason::notAPayment;
    QTest::newRow("a withdrawal") << "withdrawal" << reason::notAPayment;
    QTest::newRow("a transfer") << "transfer" << reason::notAPayment;
    QTest::newRow("a refund") << "refund" << reason::notAPayment;
    QTest::newRow("no transaction at all") << "missing" << reason::transactionNotFound;
}

void TestRules::refundNeedsAPayment()
{
    QFETCH(QString, target);
    QFETCH(QString, code);

    // Given
    Desk desk;
    QString transactionId = QStringLiteral("no-such-transaction");
    if (target == u"topup") {
        transactionId = desk.funding;
    } else if (target == u"withdrawal") {
        transactionId =
            desk.ledger.withdraw(desk.user, desk.external, QStringLiteral("1.00")).transactionId;
    } else if (target == u"transfer") {
        transactionId =
            desk.ledger.transfer(desk.user, desk.other, QStringLiteral("1.00")).transactionId;
    } else if (target == u"refund") {
        const Outcome payment = desk.ledger.pay(desk.user, desk.system, QStringLiteral("10.00"));
        transactionId =
            desk.ledger.refund(payment.transactionId, QStringLiteral("5.00")).transactionId;
    }
    QVERIFY(target == u"missing" || desk.ledger.state().transaction(transactionId));
    const qint64 before = desk.ledger.eventCount();
    const qsizetype transactionsBefore = desk.ledger.state().transactions().size();
    const QHash<QString, QString> balancesBefore = balances(desk.ledger);

    // When
    const Outcome outcome = desk.ledger.refund(transactionId, QStringLiteral("1.00"));

    // Then
    CHECKED(checkInvalid(desk.ledger, outcome, before, transactionsBefore, code,
                         QStringLiteral("payment")));
    CHECKED(checkBalancesUnchanged(desk.ledger, balancesBefore));
    CHECKED(checkBooks(desk.ledger));
}

void TestRules::refundOfAFailedPaymentIsRejected()
{
    // Given
    Desk desk;
    const Outcome payment = desk.ledger.pay(desk.user, desk.system, QStringLiteral("500.00"));
    QCOMPARE(payment.code, reason::insufficientFunds);
    // The message quotes the balance as the currency writes it.
    QVERIFY2(payment.message.contains(QStringLiteral(" has 100.00 USD")),
             qPrintable(payment.message));
    const qint64 before = desk.ledger.eventCount();
    const QHash<QString, QString> balancesBefore = balances(desk.ledger);

    // When
    const Outcome outcome = desk.ledger.refund(payment.transactionId, QStringLiteral("1.00"));

    // Then
    CHECKED(checkRejectedMove(desk.ledger, outcome, before, reason::paymentNotCompleted));
    CHECKED(checkBalancesUnchanged(desk.ledger, balancesBefore));
    CHECKED(checkBooks(desk.ledger));
}

void TestRules::refundRules_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("amount");
    QTest::addColumn<QString>("currency");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");

    row("in the payment's currency", {"", "10.00", "USD", "completed", "", ""});
    row("another currency", {"", "10.00", "EUR", "rejected", reason::currencyMismatch, "currency"});
    row("unknown currency", {"", "10.00", "XYZ", "invalid", reason::currencyUnknown, "currency"});
    row("below a cent", {"", "0.001", "", "invalid", reason::amountTooPrecise, "amount"});
    row("zero", {"", "0", "", "invalid", reason::amountNotPositive, "amount"});
    row("negative", {"", "-5.00", "", "invalid", reason::amountNotPositive, "amount"});
    // Both accounts of a refund come from its payment, which the refusal names.
    row("payer suspended",
        {"suspend:user", "10.00", "", "rejected", reason::accountNotActive, "payment"});
    row("SYSTEM suspended",
        {"suspend:system", "10.00", "", "rejected", reason::accountNotActive, "payment"});
    row("payer at its maximum",
        {"limits:user:0:90.00", "10.00", "", "rejected", reason::balanceAboveMaximum, "amount"});
}

void TestRules::refundRules()
{
    QFETCH(QString, given);
    QFETCH(QString, amount);
    QFETCH(QString, currency);
    QFETCH(QString, kind);
    QFETCH(QString, code);
    QFETCH(QString, field);

    // Given: the user paid 10.00 of its 100.00.
    Desk desk;
    const Outcome payment = desk.ledger.pay(desk.user, desk.system, QStringLiteral("10.00"));
    QVERIFY(payment.completed());
    CHECKED(prepare(desk, given));
    const qint64 before = desk.ledger.eventCount();
    const qsizetype transactionsBefore = desk.ledger.state().transactions().size();
    const QHash<QString, QString> balancesBefore = balances(desk.ledger);

    // When
    const Outcome outcome = refund(desk.ledger, payment.transactionId, amount, currency);

    // Then
    if (kind == u"completed") {
        CHECKED(checkCompletedMove(desk.ledger, outcome, before, desk.system, desk.user, amount));
        CHECKED(checkBalance(desk.ledger, desk.user, QStringLiteral("100.00")));
        CHECKED(checkBalance(desk.ledger, desk.system, QStringLiteral("0")));
    } else {
        if (kind == u"rejected")
            CHECKED(checkRejectedMove(desk.ledger, outcome, before, code));
        else
            CHECKED(checkInvalid(desk.ledger, outcome, before, transactionsBefore, code, field));
        QCOMPARE(outcome.field, field);
        CHECKED(checkBalancesUnchanged(desk.ledger, balancesBefore));
        QCOMPARE(desk.ledger.state().transaction(payment.transactionId)->refunded.toString(),
                 QStringLiteral("0"));
    }
    CHECKED(checkBooks(desk.ledger));
}

void TestRules::statusTransitions_data()
{
    QTest::addColumn<QString>("balance"); // funded before the earlier transitions
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("earlier");

    const QStringList none;
    const QStringList suspended{"suspended"};
    const QStringList closed{"closed"};
    const QString invalid = reason::invalidStatusTransition;
    row("active -> suspended", {"", "suspended", ""}) << none;
    row("suspended -> active", {"", "active", ""}) << suspended;
    row("active -> closed", {"", "closed", ""}) << none;
    row("suspended -> closed", {"", "closed", ""}) << suspended;
    row("suspended -> active -> suspended", {"", "suspended", ""})
        << QStringList{"suspended", "active"};
    row("active with money -> suspended", {"10.00", "suspended", ""}) << none;
    row("active -> active", {"", "active", invalid}) << none;
    row("suspended -> suspended", {"", "suspended", invalid}) << suspended;
    row("closed -> active", {"", "active", reason::accountClosed}) << closed;
    row("closed -> suspended", {"", "suspended", reason::accountClosed}) << closed;
    row("closed -> closed", {"", "closed", reason::accountClosed}) << closed;
    row("active with money -> closed", {"0.01", "closed", reason::balanceNotZero}) << none;
    row("suspended with money -> closed", {"10.00", "closed", reason::balanceNotZero}) << suspended;
}

void TestRules::statusTransitions()
{
    QFETCH(QString, balance);
    QFETCH(QString, target);
    QFETCH(QString, code);
    QFETCH(QStringList, earlier);

    // Given
    TestLedger ledger;
    const QString account = ledger.userAccount(usd);
    if (!balance.isEmpty())
        ledger.fund(account, balance);
    for (const QString &status : std::as_const(earlier))
        QVERIFY(changeStatus(ledger, account, accountStatus(status)).completed());
    const QString statusBefore = toString(ledger.state().account(account)->status);
    const qint64 before = ledger.eventCount();

    // When
    const Outcome outcome = changeStatus(ledger, account, accountStatus(target));

    // Then
    QCOMPARE(outcome.accountId, account);
    QCOMPARE(outcome.command, QStringLiteral("account.status"));
    const QString expected = code.isEmpty() ? target : statusBefore;
    if (code.isEmpty()) {
        QCOMPARE(outcome.kindName(), QStringLiteral("completed"));
        QCOMPARE(ledger.eventCount(), before + 1);
        const QList<EventEnvelope> events = eventsAfter(ledger, before);
        QCOMPARE(events[0].eventType, event::accountStatusChanged);
        QCOMPARE(events[0].data.value(u"from").toString(), statusBefore);
        QCOMPARE(events[0].data.value(u"to").toString(), target);
    } else {
        // A refused account command is recorded once, changing nothing but its version.
        QCOMPARE(outcome.kindName(), QStringLiteral("rejected"));
        QCOMPARE(outcome.code, code);
        QCOMPARE(ledger.eventCount(), before + 1);
        const QList<EventEnvelope> events = eventsAfter(ledger, before);
        QCOMPARE(events[0].eventType, event::accountCommandRejected);
        QCOMPARE(events[0].data.value(u"reason").toString(), code);
    }
    QCOMPARE(toString(ledger.state().account(account)->status), expected);
    QCOMPARE(projected(ledger, account)->status, expected);
    CHECKED(checkBalance(ledger, account, balance.isEmpty() ? QStringLiteral("0") : balance));
    CHECKED(checkBooks(ledger));
}

void TestRules::closingNeedsAZeroBalance()
{
    // Given: a funded account, an overdrawn one and the external account behind them.
    Desk desk;
    CHECKED(prepare(desk, QStringLiteral("limits:other:-10.00:")));
    QVERIFY(desk.ledger.transfer(desk.other, desk.user, QStringLiteral("5.00")).completed());
    const qint64 before = desk.ledger.eventCount();

    // When / Then: non-zero balances either way keep every account open.
    for (const QString &account : {desk.user, desk.other, desk.external}) {
        const Outcome outcome = changeStatus(desk.ledger, account, AccountStatus::Closed);
        QCOMPARE(outcome.code, reason::balanceNotZero);
        QCOMPARE(outcome.kindName(), QStringLiteral("rejected"));
        const QString held = desk.ledger.state().account(account)->balance.toString(2);
        QVERIFY2(outcome.message.endsWith(QStringLiteral(" still holds %1 USD").arg(held)),
                 qPrintable(outcome.message));
    }
    QCOMPARE(desk.ledger.eventCount(), before + 3); // three AccountCommandRejected

    // When: the funded account is emptied.
    QVERIFY(desk.ledger.withdraw(desk.user, desk.external, QStringLiteral("105.00")).completed());
    const Outcome closed = changeStatus(desk.ledger, desk.user, AccountStatus::Closed);

    // Then
    QVERIFY(closed.completed());
    QCOMPARE(projected(desk.ledger, desk.user)->status, QStringLiteral("closed"));
    QCOMPARE(projected(desk.ledger, desk.other)->status, QStringLiteral("active"));
    CHECKED(checkBooks(desk.ledger));
}

void TestRules::accountCommandsNeedAnAccount()
{
    // Given
    Desk desk;
    const qint64 before = desk.ledger.eventCount();
    const QString nobody = QStringLiteral("nobody");

    // When
    const Outcome status = changeStatus(desk.ledger, nobody, AccountStatus::Suspended);
    const Outcome limits =
        changeLimits(desk.ledger, nobody, QStringLiteral("-10.00"), QStringLiteral("10.00"));

    // Then
    for (const Outcome &outcome : {status, limits})
        CHECKED(checkInvalid(desk.ledger, outcome, before,
                             desk.ledger.state().transactions().size(), reason::accountNotFound,
                             QStringLiteral("account")));
    QVERIFY(!projected(desk.ledger, nobody).has_value());
    CHECKED(checkBooks(desk.ledger));
}

void TestRules::keptLimitsAreTheAccountsWhenDecided()
{
    // Given: an overdraft of 50 and a maximum of 1000.
    Desk desk;
    QVERIFY(desk.ledger
                .run(ChangeAccountLimits{desk.user, TestLedger::money(QStringLiteral("-50.00")),
                                         TestLedger::money(QStringLiteral("1000.00"))})
                .completed());
    // When: a new maximum that keeps the minimum, then (as another operator decided meanwhile)
    // a new minimum that keeps the maximum.
    const ChangeAccountLimits maximum{desk.user, Money(),
                                      TestLedger::money(QStringLiteral("500.00")), true, false};
    const Outcome first = desk.ledger.run(maximum, QStringLiteral("limits-1"));
    QVERIFY(first.completed());
    QVERIFY(desk.ledger
                .run(ChangeAccountLimits{desk.user, TestLedger::money(QStringLiteral("-20.00")),
                                         std::nullopt, false, true})
                .completed());
    const qint64 before = desk.ledger.eventCount();
    const Outcome retried = desk.ledger.run(maximum, QStringLiteral("limits-1"));

    // Then: each kept what the other set, and the retry is the same command (its first outcome,
    // nothing written), not a conflict.
    const Account *account = desk.ledger.state().account(desk.user);
    QCOMPARE(account->minBalance, TestLedger::money(QStringLiteral("-20.00")));
    QCOMPARE(account->maxBalance,
             std::optional<Money>(TestLedger::money(QStringLiteral("500.00"))));
    QVERIFY(retried.completed());
    QVERIFY(retried.repeated);
    QCOMPARE(desk.ledger.eventCount(), before);
    CHECKED(checkBooks(desk.ledger));
}

void TestRules::overdraftLetsAUserGoBelowZero()
{
    // Given: an empty account with an agreed overdraft of 50.00.
    Desk desk;
    qint64 before = desk.ledger.eventCount();
    const Outcome limits = changeLimits(desk.ledger, desk.other, QStringLiteral("-50.00"), {});
    QVERIFY(limits.completed());
    QCOMPARE(desk.ledger.eventCount(), before + 1);
    QCOMPARE(desk.ledger.state().account(desk.other)->minBalance.toString(), QStringLiteral("-50"));
    QCOMPARE(projected(desk.ledger, desk.other)->minBalance.toString(), QStringLiteral("-50"));

    // When: it spends down to the overdraft.
    before = desk.ledger.eventCount();
    const Outcome transfer = desk.ledger.transfer(desk.other, desk.user, QStringLiteral("30.00"));
    CHECKED(checkCompletedMove(desk.ledger, transfer, before, desk.other, desk.user,
                               QStringLiteral("30.00")));
    before = desk.ledger.eventCount();
    const Outcome withdrawal =
        desk.ledger.withdraw(desk.other, desk.external, QStringLiteral("20.00"));
    CHECKED(checkCompletedMove(desk.ledger, withdrawal, before, desk.other, desk.external,
                               QStringLiteral("20.00")));

    // Then
    CHECKED(checkBalance(desk.ledger, desk.other, QStringLiteral("-50.00")));
    CHECKED(checkBooks(desk.ledger));

    // When: it spends a cent more.
    before = desk.ledger.eventCount();
    const Outcome beyond = desk.ledger.pay(desk.other, desk.system, QStringLiteral("0.01"));

    // Then
    CHECKED(checkRejectedMove(desk.ledger, beyond, before, reason::insufficientFunds));
    CHECKED(checkBalance(desk.ledger, desk.other, QStringLiteral("-50.00")));
    CHECKED(checkBooks(desk.ledger));
}

void TestRules::maximumBalanceRefusesCredits()
{
    // Given: an empty account that may hold at most 100.00.
    Desk desk;
    QVERIFY(changeLimits(desk.ledger, desk.other, QStringLiteral("0"), QStringLiteral("100.00"))
                .completed());
    QCOMPARE(projected(desk.ledger, desk.other)->maxBalance->toString(), QStringLiteral("100"));

    // When: it is credited up to the maximum exactly.
    qint64 before = desk.ledger.eventCount();
    const Outcome full = desk.ledger.topup(desk.other, desk.external, QStringLiteral("100.00"));

    // Then
    CHECKED(checkCompletedMove(desk.ledger, full, before, desk.external, desk.other,
                               QStringLiteral("100.00")));

    // When / Then: any further credit is refused, whatever brings it.
    before = desk.ledger.eventCount();
    const Outcome topup = desk.ledger.topup(desk.other, desk.external, QStringLiteral("0.01"));
    CHECKED(checkRejectedMove(desk.ledger, topup, before, reason::balanceAboveMaximum));
    before = desk.ledger.eventCount();
    const Outcome transfer = desk.ledger.transfer(desk.user, desk.other, QStringLiteral("1.00"));
    CHECKED(checkRejectedMove(desk.ledger, transfer, before, reason::balanceAboveMaximum));
    CHECKED(checkBalance(desk.ledger, desk.other, QStringLiteral("100.00")));
    CHECKED(checkBalance(desk.ledger, desk.user, QStringLiteral("100.00")));

    // When / Then: debits are still allowed, and make room again.
    QVERIFY(desk.ledger.withdraw(desk.other, desk.external, QStringLiteral("40.00")).completed());
    QVERIFY(desk.ledger.transfer(desk.user, desk.other, QStringLiteral("40.00")).completed());
    CHECKED(checkBalance(desk.ledger, desk.other, QStringLiteral("100.00")));
    CHECKED(checkBooks(desk.ledger));
}

void TestRules::limitsMustBeConsistent_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("account");
    QTest::addColumn<QString>("min");
    QTest::addColumn<QString>("max");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("code");

    row("no overdraft, no maximum", {"", "other", "0", "", "completed", ""});
    row("overdraft", {"", "other", "-100.00", "", "completed", ""});
    row("maximum at the balance", {"", "user", "0", "100.00", "completed", ""});
    row("minimum equals maximum", {"", "other", "0", "0", "completed", ""});
    row("maximum removed", {"limits:other:0:10.00", "other", "0", "", "completed", ""});
    row("positive minimum", {"", "other", "1.00", "", "rejected", reason::limitsInvalid});
    row("maximum below minimum",
        {"", "other", "-10.00", "-20.00", "rejected", reason::limitsInvalid});
    row("negative maximum", {"", "other", "0", "-0.01", "rejected", reason::limitsInvalid});
    row("EXTERNAL account", {"", "external", "0", "", "rejected", reason::limitsInvalid});
    row("SYSTEM account", {"", "system", "-10.00", "", "rejected", reason::limitsInvalid});
    row("maximum below the balance",
        {"", "user", "0", "99.99", "rejected", reason::limitsExcludeBalance});
    row("minimum above an overdrawn balance",
        {"overdrawn", "other", "-20.00", "", "rejected", reason::limitsExcludeBalance});
    row("closed account", {"close:other", "other", "0", "", "rejected", reason::accountClosed});
    row("minimum below a cent", {"", "other", "-0.001", "", "invalid", reason::amountTooPrecise});
    row("maximum below a cent", {"", "other", "0", "10.005", "invalid", reason::amountTooPrecise});
}

void TestRules::limitsMustBeConsistent()
{
    QFETCH(QString, given);
    QFETCH(QString, account);
    QFETCH(QString, min);
    QFETCH(QString, max);
    QFETCH(QString, kind);
    QFETCH(QString, code);

    // Given
    Desk desk;
    if (given == u"overdrawn") {
        CHECKED(prepare(desk, QStringLiteral("limits:other:-50.00:")));
        QVERIFY(desk.ledger.transfer(desk.other, desk.user, QStringLiteral("30.00")).completed());
    } else {
        CHECKED(prepare(desk, given));
    }
    const QString id = desk.id(account);
    const Account accountBefore = *desk.ledger.state().account(id);
    const qint64 before = desk.ledger.eventCount();

    // When
    const Outcome outcome = changeLimits(desk.ledger, id, min, max);

    // Then
    QCOMPARE(outcome.kindName(), kind);
    QCOMPARE(outcome.code, code);
    QCOMPARE(outcome.accountId, id);
    const Account *accountAfter = desk.ledger.state().account(id);
    const std::optional<AccountView> view = projected(desk.ledger, id);
    QVERIFY(view.has_value());
    if (kind == u"completed") {
        QCOMPARE(desk.ledger.eventCount(), before + 1);
        QCOMPARE(eventsAfter(desk.ledger, before)[0].eventType, event::accountLimitsChanged);
        QCOMPARE(accountAfter->minBalance.toString(), TestLedger::money(min).toString());
        QCOMPARE(view->minBalance.toString(), TestLedger::money(min).toString());
        QCOMPARE(accountAfter->maxBalance.has_value(), !max.isEmpty());
        QCOMPARE(view->maxBalance.has_value(), !max.isEmpty());
        if (!max.isEmpty()) {
            QCOMPARE(accountAfter->maxBalance->toString(), TestLedger::money(max).toString());
            QCOMPARE(view->maxBalance->toString(), TestLedger::money(max).toString());
        }
    } else {
        // Refused limits are recorded as AccountCommandRejected; invalid input writes nothing.
        if (kind == u"invalid") {
            QCOMPARE(desk.ledger.eventCount(), before);
        } else {
            QCOMPARE(desk.ledger.eventCount(), before + 1);
            QCOMPARE(eventsAfter(desk.ledger, before)[0].eventType, event::accountCommandRejected);
        }
        QVERIFY(accountAfter->minBalance == accountBefore.minBalance);
        QVERIFY(accountAfter->maxBalance == accountBefore.maxBalance);
        QCOMPARE(view->minBalance.toString(), accountBefore.minBalance.toString());
        QCOMPARE(view->maxBalance.has_value(), accountBefore.maxBalance.has_value());
    }
    CHECKED(checkBooks(desk.ledger));
}

void TestRules::limitsAtCreation_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("min");
    QTest::addColumn<QString>("max");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("field");

    row("USER with an overdraft", {"USER", "-10.00", "", "", ""});
    row("USER with a maximum", {"USER", "", "500.00", "", ""});
    row("USER with a positive minimum", {"USER", "5.00", "", reason::limitsInvalid, "min"});
    row("USER with maximum below minimum",
        {"USER", "-1.00", "-2.00", reason::limitsInvalid, "max"});
    row("USER with a negative maximum", {"USER", "", "-2.00", reason::limitsInvalid, "max"});
    row("USER with a minimum below a cent",
        {"USER", "-0.005", "", reason::amountTooPrecise, "min"});
    row("EXTERNAL with a minimum", {"EXTERNAL", "-10.00", "", reason::limitsInvalid, "type"});
    row("SYSTEM with a maximum", {"SYSTEM", "", "10.00", reason::limitsInvalid, "type"});
}

void TestRules::limitsAtCreation()
{
    QFETCH(QString, type);
    QFETCH(QString, min);
    QFETCH(QString, max);
    QFETCH(QString, code);
    QFETCH(QString, field);

    // Given
    TestLedger ledger;
    const std::optional<AccountType> accountType = accountTypeFromString(type);
    QVERIFY(accountType.has_value());

    // When
    CreateAccount command;
    command.type = *accountType;
    command.ownerId = QStringLiteral("owner");
    command.currency = usd;
    if (!min.isEmpty())
        command.minBalance = TestLedger::money(min);
    if (!max.isEmpty())
        command.maxBalance = TestLedger::money(max);
    const Outcome outcome = ledger.run(command);

    // Then
    if (code.isEmpty()) {
        QVERIFY(outcome.completed());
        QCOMPARE(ledger.eventCount(), qint64(1));
        const std::optional<AccountView> view = projected(ledger, outcome.accountId);
        QVERIFY(view.has_value());
        QCOMPARE(view->minBalance.toString(),
                 TestLedger::money(min.isEmpty() ? QStringLiteral("0") : min).toString());
        QCOMPARE(view->maxBalance.has_value(), !max.isEmpty());
        QCOMPARE(view->balance.toString(), QStringLiteral("0"));
    } else {
        CHECKED(checkInvalid(ledger, outcome, 0, 0, code, field));
        QVERIFY(ledger.state().accounts().isEmpty());
    }
    CHECKED(checkBooks(ledger));
}

void TestRules::commandsFromTheWireThatNoClientMakesAreRefused()
{
    // A command read from the command topic carries the ids its sender wrote, and any type: the
    // decider answers each with an outcome instead of stopping on an assertion.
    TestLedger ledger;
    const QString alice = ledger.userAccount();
    const QString bob = ledger.userAccount();
    ledger.fund(alice, QStringLiteral("100.00"));
    const Outcome paid =
        ledger.transfer(alice, bob, QStringLiteral("1.00"), QStringLiteral("first"));
    QCOMPARE(paid.kind, Outcome::Kind::Completed);
    const qint64 before = ledger.eventCount();
    CommandOptions options;
    options.operatorName = QStringLiteral("wire");
    LedgerService &service = ledger.service();
    // Ids as the sender wrote them: issue() would make new ones for empty ids.
    const auto refused = [&](const CommandBody &body, const QString &field) {
        Command command = service.issue(body, options);
        command.body = body;
        const Result<Outcome> outcome = service.execute(command);
        QVERIFY(outcome.ok());
        QCOMPARE(outcome.value().kind, Outcome::Kind::Invalid);
        QCOMPARE(outcome.value().code, reason::invalidArgument);
        QCOMPARE(outcome.value().field, field);
        QCOMPARE(ledger.eventCount(), before);
    };
    MoveMoney move;
    move.sourceAccountId = alice;
    move.destinationAccountId = bob;
    move.amount = TestLedger::money(QStringLiteral("1.00"));
    for (const QString &taken : {paid.transactionId, alice, QString()}) {
        MoveMoney again = move;
        again.transactionId = taken;
        refused(again, QStringLiteral("transaction"));
    }
    MoveMoney refundOfAccounts = move;
    refundOfAccounts.type = TransactionType::Refund;
    refused(refundOfAccounts, QStringLiteral("command"));
    CreateAccount create;
    create.accountId = bob;
    create.ownerId = QStringLiteral("mallory");
    create.currency = QStringLiteral("USD");
    refused(create, QStringLiteral("account"));
    create.accountId = paid.transactionId;
    refused(create, QStringLiteral("account"));
    // A repeat of a key is still the first outcome, whatever ids the repeat carries.
    options.idempotencyKey = QStringLiteral("first");
    MoveMoney repeat = move;
    repeat.transactionId = paid.transactionId;
    repeat.type = TransactionType::Transfer;
    const Result<Outcome> repeated = service.execute(service.issue(repeat, options));
    QVERIFY(repeated.ok());
    QCOMPARE(repeated.value().kind, Outcome::Kind::Completed);
    QCOMPARE(repeated.value().transactionId, paid.transactionId);
    QCOMPARE(ledger.eventCount(), before);
}

QTEST_GUILESS_MAIN(TestRules)
#include "tst_rules.moc"
