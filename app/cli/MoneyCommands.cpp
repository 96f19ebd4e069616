#include "CliOutput.h"
#include "JsonViews.h"
#include "Subcommands.h"

#include "domain/ReasonCode.h"

namespace billing::cli {
namespace {

// Which options name the two sides of each operation, in the decider's source/destination order.
struct MoneyVerb
{
    TransactionType type;
    QString sourceOption;
    QString destinationOption;
    QString userOption; // whose currency is the default
};

std::optional<MoneyVerb> verbFor(const QString &word)
{
    const QString account = QStringLiteral("account");
    if (word == u"topup")
        return MoneyVerb{TransactionType::Topup, QStringLiteral("from"), account, account};
    if (word == u"withdraw")
        return MoneyVerb{TransactionType::Withdrawal, account, QStringLiteral("to"), account};
    if (word == u"transfer")
        return MoneyVerb{TransactionType::Transfer, QStringLiteral("from"), QStringLiteral("to"),
                         QStringLiteral("from")};
    if (word == u"pay")
        return MoneyVerb{TransactionType::Payment, account, QStringLiteral("to"), account};
    return std::nullopt;
}

// Parses --amount for the currency's decimals into the command, then runs it.
template<typename MoneyCommand>
int withAmount(CliContext &context, LedgerService &service, const CliArguments &arguments,
               int decimals, MoneyCommand command)
{
    const Result<Money> amount =
        amountOption(arguments, QStringLiteral("amount"), decimals, Money::Sign::PositiveOnly);
    if (!amount.ok())
        return printError(amount.error());
    command.amount = amount.value();
    return issueAndPrint(context, service, arguments, std::move(command));
}

const QStringList moneyOptions = {QStringLiteral("amount"), QStringLiteral("currency"),
                                  QStringLiteral("key"), QStringLiteral("correlation"),
                                  QStringLiteral("reference")};

int move(CliContext &context, LedgerService &service, const CliArguments &arguments,
         const MoneyVerb &verb)
{
    if (Status allowed = arguments.allowOnly(
            moneyOptions + QStringList{verb.sourceOption, verb.destinationOption});
        !allowed.ok())
        return printError(allowed.error());
    MoveMoney command;
    command.type = verb.type;
    for (const QString &name : {verb.sourceOption, verb.destinationOption}) {
        const Result<QString> id = arguments.required(name);
        if (!id.ok())
            return printError(id.error());
    }
    command.sourceAccountId = arguments.option(verb.sourceOption);
    command.destinationAccountId = arguments.option(verb.destinationOption);
    command.currency = arguments.option(QStringLiteral("currency")).toUpper();
    command.reference = arguments.option(QStringLiteral("reference"));
    const int decimals =
        context.currencies().decimalsFor(command.currency, arguments.option(verb.userOption));
    return withAmount(context, service, arguments, decimals, std::move(command));
}

int refund(CliContext &context, LedgerService &service, const CliArguments &arguments)
{
    if (Status allowed = arguments.allowOnly(moneyOptions + QStringList{QStringLiteral("payment")});
        !allowed.ok())
        return printError(allowed.error());
    const Result<QString> payment = arguments.required(QStringLiteral("payment"));
    if (!payment.ok())
        return printError(payment.error());
    Refund command;
    command.paymentId = payment.value();
    command.currency = arguments.option(QStringLiteral("currency")).toUpper();
    command.reference = arguments.option(QStringLiteral("reference"));
    CurrencySource &currencies = context.currencies();
    const int decimals = currencies.decimalsFor(command.currency.isEmpty()
                                                    ? currencies.ofTransaction(command.paymentId)
                                                    : command.currency);
    return withAmount(context, service, arguments, decimals, std::move(command));
}

} // namespace

Result<Money> amountOption(const CliArguments &arguments, const QString &name, int decimals,
                           Money::Sign sign)
{
    const Result<QString> text = arguments.required(name);
    if (!text.ok())
        return text.error();
    Result<Money> amount = Money::parse(text.value(), decimals, sign);
    if (!amount.ok()) {
        Error error = amount.error();
        error.field = name;
        return error;
    }
    return amount;
}

int executeAndPrint(CliContext &context, LedgerService &service, const Command &command)
{
    const Result<Outcome> outcome = service.execute(command);
    if (!outcome.ok())
        return printError(outcome.error());
    QJsonObject document = toJson(outcome.value());
    ProjectionReader &projections = context.storage().projections();
    // The outcome stands whatever the projections say; when they cannot show what it wrote,
    // the document says why instead of leaving `legs` or `account` out without a word.
    const auto behind = [&document](const QString &why) {
        document.insert(QStringLiteral("projectionsBehind"), why);
    };
    const QString notYet = QStringLiteral("not projected yet");
    if (!outcome.value().transactionId.isEmpty()) {
        const Result<QList<TransactionLegView>> legs =
            projections.transaction(outcome.value().transactionId);
        if (!legs.ok()) {
            behind(legs.error().message);
        } else if (legs.value().isEmpty()) {
            behind(notYet);
        } else {
            QJsonArray array;
            for (const TransactionLegView &leg : legs.value())
                array.append(toJson(leg));
            document.insert(QStringLiteral("legs"), array);
        }
    } else if (!outcome.value().accountId.isEmpty() &&
               outcome.value().kind != Outcome::Kind::Invalid) {
        const Result<std::optional<AccountView>> account =
            projections.account(outcome.value().accountId);
        if (!account.ok())
            behind(account.error().message);
        else if (!account.value())
            behind(notYet);
        else
            document.insert(QStringLiteral("account"), toJson(*account.value()));
    }
    return printOutcome(outcome.value(), document);
}

int issueAndPrint(CliContext &context, LedgerService &service, const CliArguments &arguments,
                  CommandBody body)
{
    const Result<CommandOptions> options = context.options(arguments);
    if (!options.ok())
        return printError(options.error());
    return executeAndPrint(context, service, service.issue(std::move(body), options.value()));
}

int runMoney(CliContext &context, const CliArguments &arguments)
{
    if (Status allowed = arguments.allowWords(1); !allowed.ok())
        return printError(allowed.error());
    const Result<LedgerService *> service = context.service();
    if (!service.ok())
        return printError(service.error());
    const QString word = arguments.word(0);
    if (word == u"refund")
        return refund(context, *service.value(), arguments);
    const std::optional<MoneyVerb> verb = verbFor(word);
    BILLING_ASSERT(verb.has_value());
    return move(context, *service.value(), arguments, *verb);
}

} // namespace billing::cli
