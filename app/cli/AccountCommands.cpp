#include "CliOutput.h"
#include "JsonViews.h"
#include "Subcommands.h"

#include "domain/ReasonCode.h"

namespace billing::cli {
namespace {

Error usage(const QString &message)
{
    return Error{reason::invalidArgument, message, QStringLiteral("command")};
}

// `--max none` is no maximum; any other value is an amount.
Result<std::optional<Money>> limitOption(const CliArguments &arguments, const QString &name,
                                         int decimals)
{
    if (name == u"max" && arguments.option(name) == u"none")
        return std::optional<Money>();
    const Result<Money> limit = amountOption(arguments, name, decimals, Money::Sign::AllowNegative);
    if (!limit.ok())
        return limit.error();
    return std::optional<Money>(limit.value());
}

// The limits given on the command line: --min, and --max (`none`: no maximum).
struct GivenLimits
{
    std::optional<Money> min;
    std::optional<std::optional<Money>> max;
};

Result<GivenLimits> givenLimits(const CliArguments &arguments, int decimals)
{
    GivenLimits given;
    for (const QString &name : {QStringLiteral("min"), QStringLiteral("max")}) {
        if (!arguments.has(name))
            continue;
        const Result<std::optional<Money>> limit = limitOption(arguments, name, decimals);
        if (!limit.ok())
            return limit.error();
        if (name == u"max")
            given.max = limit.value();
        else
            given.min = limit.value();
    }
    return given;
}

int create(CliContext &context, LedgerService &service, const CliArguments &arguments)
{
    if (Status allowed = arguments.allowOnly(
            {QStringLiteral("type"), QStringLiteral("currency"), QStringLiteral("owner"),
             QStringLiteral("owner-type"), QStringLiteral("min"), QStringLiteral("max"),
             QStringLiteral("key"), QStringLiteral("correlation")});
        !allowed.ok())
        return printError(allowed.error());
    const Result<QString> typeText = arguments.required(QStringLiteral("type"));
    if (!typeText.ok())
        return printError(typeText.error());
    const auto type = accountTypeFromString(typeText.value());
    if (!type)
        return printError({reason::invalidArgument,
                           QStringLiteral("type must be user, external or system"),
                           QStringLiteral("type")});
    CreateAccount command;
    command.type = *type;
    command.currency = arguments.option(QStringLiteral("currency")).toUpper();
    command.ownerId = arguments.option(QStringLiteral("owner"));
    command.ownerType = arguments.option(QStringLiteral("owner-type"));
    const Result<GivenLimits> given =
        givenLimits(arguments, context.currencies().decimalsFor(command.currency));
    if (!given.ok())
        return printError(given.error());
    command.minBalance = given.value().min;
    if (given.value().max)
        command.maxBalance = *given.value().max;
    return issueAndPrint(context, service, arguments, std::move(command));
}

int changeStatus(CliContext &context, LedgerService &service, const CliArguments &arguments,
                 AccountStatus target)
{
    if (Status allowed =
            arguments.allowOnly({QStringLiteral("key"), QStringLiteral("correlation")});
        !allowed.ok())
        return printError(allowed.error());
    ChangeAccountStatus command{arguments.word(2), target};
    return issueAndPrint(context, service, arguments, std::move(command));
}

int limits(CliContext &context, LedgerService &service, const CliArguments &arguments)
{
    if (Status allowed =
            arguments.allowOnly({QStringLiteral("min"), QStringLiteral("max"),
                                 QStringLiteral("key"), QStringLiteral("correlation")});
        !allowed.ok())
        return printError(allowed.error());
    if (!arguments.has(QStringLiteral("min")) && !arguments.has(QStringLiteral("max")))
        return printError({reason::invalidArgument,
                           QStringLiteral("give --min A, --max A (or --max none) or both"),
                           QStringLiteral("min")});
    // A limit left out keeps the account's value as it stands when the command is decided.
    const QString id = arguments.word(2);
    const Result<GivenLimits> given =
        givenLimits(arguments, context.currencies().decimalsFor({}, id));
    if (!given.ok())
        return printError(given.error());
    ChangeAccountLimits command{id, given.value().min.value_or(Money()),
                                given.value().max.value_or(std::nullopt), !given.value().min,
                                !given.value().max};
    return issueAndPrint(context, service, arguments, std::move(command));
}

int get(CliContext &context, const QString &id)
{
    const Result<AccountView> account = projectedAccount(context, id);
    if (!account.ok())
        return printError(account.error());
    return printDocument({{QStringLiteral("account"), toJson(account.value())}});
}

int list(CliContext &context, const CliArguments &arguments)
{
    if (Status allowed = arguments.allowOnly({QStringLiteral("owner")}, 2); !allowed.ok())
        return printError(allowed.error());
    const Result<QList<AccountView>> accounts =
        context.storage().projections().accounts(arguments.option(QStringLiteral("owner")));
    if (!accounts.ok())
        return printError(accounts.error());
    QJsonArray array;
    for (const AccountView &account : accounts.value())
        array.append(toJson(account));
    return printDocument({{QStringLiteral("accounts"), array}});
}

} // namespace

int runAccount(CliContext &context, const CliArguments &arguments)
{
    const QString action = arguments.word(1);
    if (action == u"get" || action == u"list") {
        if (action == u"list")
            return list(context, arguments);
        if (arguments.word(2).isEmpty())
            return printError(usage(QStringLiteral("usage: account get ID")));
        if (Status allowed = arguments.allowOnly({}, 3); !allowed.ok())
            return printError(allowed.error());
        return get(context, arguments.word(2));
    }
    // create takes no ID; the others take one.
    if (Status allowed = arguments.allowWords(action == u"create" ? 2 : 3); !allowed.ok())
        return printError(allowed.error());
    const Result<LedgerService *> service = context.service();
    if (!service.ok())
        return printError(service.error());
    if (action == u"create")
        return create(context, *service.value(), arguments);
    const QHash<QString, AccountStatus> statuses = {
        {QStringLiteral("suspend"), AccountStatus::Suspended},
        {QStringLiteral("activate"), AccountStatus::Active},
        {QStringLiteral("close"), AccountStatus::Closed}};
    if ((statuses.contains(action) || action == u"limits") && arguments.word(2).isEmpty())
        return printError(usage(QStringLiteral("usage: account %1 ID").arg(action)));
    if (statuses.contains(action))
        return changeStatus(context, *service.value(), arguments, statuses.value(action));
    if (action == u"limits")
        return limits(context, *service.value(), arguments);
    return printError(
        usage(QStringLiteral("usage: account create|get|list|suspend|activate|close|limits ...")));
}

Result<AccountView> projectedAccount(CliContext &context, const QString &id)
{
    const Result<std::optional<AccountView>> account = context.storage().projections().account(id);
    if (!account.ok())
        return account.error();
    if (!account.value())
        return Error{reason::accountNotFound, QStringLiteral("no account %1").arg(id),
                     QStringLiteral("account")};
    return *account.value();
}

} // namespace billing::cli
