#include "TestLedger.h"

#include "domain/Invariant.h"

namespace billing::test {

TestLedger::TestLedger(const QString &path, SqliteDatabase::Durability durability)
    : m_path(path.isEmpty() ? m_dir.filePath(QStringLiteral("ledger.db")) : path)
{
    BILLING_ASSERT(m_dir.isValid());
    Result<std::unique_ptr<EmbeddedStorage>> storage = EmbeddedStorage::open(m_path, durability);
    BILLING_ASSERT(storage.ok());
    m_storage = std::move(storage.value());
    m_service = std::make_unique<LedgerService>(m_storage->events(), m_clock, m_ids);
    BILLING_ASSERT(m_service->open().ok());
}

Money TestLedger::money(const QString &text)
{
    const Result<Money> parsed = Money::parse(text, Money::scale, Money::Sign::AllowNegative);
    BILLING_ASSERT(parsed.ok());
    return parsed.value();
}

Outcome TestLedger::run(CommandBody body, const QString &key)
{
    CommandOptions options;
    options.idempotencyKey = key;
    options.operatorName = QStringLiteral("test");
    const Result<Outcome> outcome = m_service->execute(m_service->issue(std::move(body), options));
    BILLING_ASSERT(outcome.ok());
    return outcome.value();
}

QString TestLedger::createAccount(AccountType type, const QString &currency, const QString &owner)
{
    CreateAccount command;
    command.type = type;
    command.currency = currency;
    command.ownerId = owner.isEmpty() ? QStringLiteral("owner") : owner;
    const Outcome outcome = run(command);
    BILLING_ASSERT(outcome.completed());
    return outcome.accountId;
}

QString TestLedger::userAccount(const QString &currency)
{
    return createAccount(AccountType::User, currency);
}

QString TestLedger::externalAccount(const QString &currency)
{
    if (!m_externals.contains(currency))
        m_externals.insert(currency,
                           createAccount(AccountType::External, currency, QStringLiteral("bank")));
    return m_externals.value(currency);
}

QString TestLedger::fund(const QString &userAccountId, const QString &amount)
{
    const Account *account = state().account(userAccountId);
    BILLING_ASSERT(account);
    const Outcome outcome = topup(userAccountId, externalAccount(account->currency), amount);
    BILLING_ASSERT(outcome.completed());
    return outcome.transactionId;
}

static MoveMoney move(TransactionType type, const QString &source, const QString &destination,
                      const QString &amount)
{
    MoveMoney command;
    command.type = type;
    command.sourceAccountId = source;
    command.destinationAccountId = destination;
    command.amount = TestLedger::money(amount);
    return command;
}

Outcome TestLedger::topup(const QString &account, const QString &from, const QString &amount,
                          const QString &key)
{
    return run(move(TransactionType::Topup, from, account, amount), key);
}

Outcome TestLedger::withdraw(const QString &account, const QString &to, const QString &amount)
{
    return run(move(TransactionType::Withdrawal, account, to, amount));
}

Outcome TestLedger::transfer(const QString &from, const QString &to, const QString &amount,
                             const QString &key)
{
    return run(move(TransactionType::Transfer, from, to, amount), key);
}

Outcome TestLedger::pay(const QString &account, const QString &to, const QString &amount)
{
    return run(move(TransactionType::Payment, account, to, amount));
}

Outcome TestLedger::refund(const QString &payment, const QString &amount, const QString &key)
{
    Refund command;
    command.paymentId = payment;
    command.amount = money(amount);
    return run(command, key);
}

qint64 TestLedger::eventCount()
{
    const Result<qint64> last = m_storage->events().lastPosition();
    BILLING_ASSERT(last.ok());
    return last.value();
}

} // namespace billing::test
