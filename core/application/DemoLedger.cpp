#include "DemoLedger.h"

#include "domain/ReasonCode.h"

#include <random>

namespace billing {
namespace {

struct DemoAccounts
{
    QString currency;
    QString bank;
    QString shop;
    QStringList users;
};

class DemoScript
{
public:
    DemoScript(LedgerService &service, const QString &operatorName)
        : m_service(service)
        , m_operator(operatorName)
    {}

    QList<Command> accounts()
    {
        static const QString owners[] = {QStringLiteral("alice"), QStringLiteral("bob"),
                                         QStringLiteral("carol"), QStringLiteral("dave"),
                                         QStringLiteral("erin"),  QStringLiteral("frank")};
        static const QString currencies[] = {QStringLiteral("USD"), QStringLiteral("EUR"),
                                             QStringLiteral("GBP")};
        QList<Command> commands;
        for (const QString &currency : currencies) {
            DemoAccounts books{currency, {}, {}, {}};
            books.bank = create(commands, AccountType::External, QStringLiteral("bank"),
                                QStringLiteral("bank"), currency);
            books.shop = create(commands, AccountType::System, QStringLiteral("shop"),
                                QStringLiteral("merchant"), currency);
            for (const QString &owner : owners) {
                // Not everyone banks in every currency.
                if (currency == QStringLiteral("USD") || m_random() % 2 == 0)
                    books.users.append(create(commands, AccountType::User, owner,
                                              QStringLiteral("customer"), currency));
            }
            m_books.append(books);
        }
        return commands;
    }

    Command next()
    {
        const DemoAccounts &books = m_books.at(int(m_random() % m_books.size()));
        const QString user = pick(books.users);
        const int roll = int(m_random() % 100);
        ++m_step;
        if (roll < 30 || m_step <= 12)
            return move(TransactionType::Topup, books.bank, user, 50, 500);
        if (roll < 50 && books.users.size() > 1) {
            QString other = pick(books.users);
            while (other == user)
                other = pick(books.users);
            return move(TransactionType::Transfer, user, other, 5, 120);
        }
        if (roll < 75)
            return payment(user, books.shop);
        if (roll < 85 && !m_payments.isEmpty())
            return refund();
        // Now and then more than the account holds: the rules refuse it, and the desk shows it.
        return move(TransactionType::Withdrawal, user, books.bank, 10, roll < 95 ? 150 : 5000);
    }

private:
    QString create(QList<Command> &commands, AccountType type, const QString &owner,
                   const QString &ownerType, const QString &currency)
    {
        CreateAccount body;
        body.type = type;
        body.ownerId = owner;
        body.ownerType = ownerType;
        body.currency = currency;
        commands.append(m_service.issue(body, options()));
        return std::get<CreateAccount>(commands.last().body).accountId;
    }

    Command move(TransactionType type, const QString &from, const QString &to, int low, int high)
    {
        MoveMoney body;
        body.type = type;
        body.sourceAccountId = from;
        body.destinationAccountId = to;
        body.amount = amount(low, high);
        body.reference = QStringLiteral("demo-%1").arg(m_step);
        return m_service.issue(body, options());
    }

    Command payment(const QString &user, const QString &shop)
    {
        Command command = move(TransactionType::Payment, user, shop, 5, 90);
        m_payments.append(std::get<MoveMoney>(command.body));
        return command;
    }

    Command refund()
    {
        const MoveMoney payment = m_payments.takeAt(int(m_random() % m_payments.size()));
        Refund body;
        body.paymentId = payment.transactionId;
        // Half of the payment in whole cents: refunds stay within what was paid.
        const Units cent(1000000);
        body.amount = Money::fromUnits(payment.amount.units() / 2 / cent * cent);
        body.reference = QStringLiteral("demo-refund-%1").arg(m_step);
        return m_service.issue(body, options());
    }

    Money amount(int low, int high)
    {
        const int cents = low * 100 + int(m_random() % quint32((high - low) * 100 + 1));
        return Money::fromUnits(Units(cents) * Units(1000000));
    }

    const QString &pick(const QStringList &list)
    {
        BILLING_ASSERT(!list.isEmpty());
        return list.at(int(m_random() % list.size()));
    }

    CommandOptions options() const { return {{}, {}, m_operator}; }

    LedgerService &m_service;
    QString m_operator;
    std::mt19937 m_random{20251209};
    QList<DemoAccounts> m_books;
    QList<MoveMoney> m_payments;
    int m_step = 0;
};

} // namespace

Result<int> DemoLedger::seed(LedgerService &service, const QString &operatorName,
                             const std::function<bool(int, int)> &progress)
{
    if (service.state().position() > 0)
        return Error{reason::invalidArgument, QStringLiteral("the ledger is not empty"), {}};
    DemoScript script(service, operatorName);
    const QList<Command> accounts = script.accounts();
    const int total = int(accounts.size()) + moneyCommands;
    int done = 0;
    Result<QList<Outcome>> written = service.executeBatch(accounts);
    if (!written.ok())
        return written.error();
    done += int(accounts.size());
    while (done < total) {
        if (progress && !progress(done, total))
            return done;
        QList<Command> batch;
        while (batch.size() < batchCommands && done + batch.size() < total)
            batch.append(script.next());
        written = service.executeBatch(batch);
        if (!written.ok())
            return written.error();
        done += int(batch.size());
    }
    if (progress)
        progress(done, total);
    return done;
}

} // namespace billing
