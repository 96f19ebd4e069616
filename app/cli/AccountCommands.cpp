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
    const int decimals = context.currencies().decimalsFor(command.currency);
    for (const QString &name : {QStringLiteral("min"), QStringLiteral("max")}) {
        if (!arguments.has(name))
            continue;
        const Result<Money> limit =
            amountOption(arguments, name, decimals, Money::Sign::AllowNegative);
        if (!limit.ok())
            return printError(limit.error());
        (name == u"min" ? command.minBalance : command.maxBalance) = limit.value();
    }
    return executeAndPrint(context, service,
                           service.issue(std::move(command), context.options(arguments)));
}

int changeStatus(CliContext &context, LedgerService &service, const CliArguments &arguments,
                 AccountStatus target)
{
    if (Status allowed =
            arguments.allowOnly({QStringLiteral("key"), QStringLiteral("correlation")});
        !allowed.ok())
        return printError(allowed.error());
    ChangeAccountStatus command{arguments.word(2), target};
    return executeAndPrint(context, service,
                           service.issue(std::move(command), context.options(arguments)));
}

int limits(CliContext &context, LedgerService &service, const CliArguments &arguments)
{
    if (Status allowed =
            arguments.allowOnly({QStringLiteral("min"), QStringLiteral("max"),
                                 QStringLiteral("key"), QStringLiteral("correlation")});
        !allowed.ok())
        return printError(allowed.error());
    ChangeAccountLimits command;
    command.accountId = arguments.word(2);
    const int decimals = context.currencies().decimalsFor({}, command.accountId);
    if (arguments.has(QStringLiteral("min"))) {
        const Result<Money> min =
            amountOption(arguments, QStringLiteral("min"), decimals, Money::Sign::AllowNegative);
        if (!min.ok())
            return printError(min.error());
        command.minBalance = min.value();
    }
    if (arguments.has(QStringLiteral("max"))) {
        const Result<Money> max =
            amountOption(arguments, QStringLiteral("max"), decimals, Money::Sign::AllowNegative);
        if (!max.ok())
            return printError(max.error());
        command.maxBalance = max.value();
    }
    return executeAndPrint(context, service,
                           service.issue(std::move(command), context.options(arguments)));
}

int get(CliContext &context, const QString &id)
{
    const Result<std::optional<AccountView>> account = context.storage().projections().account(id);
    if (!account.ok())
        return printError(account.error());
    if (!account.value())
        return printError({reason::accountNotFound, QStringLiteral("no account %1").arg(id),
                           QStringLiteral("account")});
    return printDocument({{QStringLiteral("account"), toJson(*account.value())}});
}

int list(CliContext &context, const CliArguments &arguments)
{
    if (Status allowed = arguments.allowOnly({QStringLiteral("owner")}); !allowed.ok())
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
        return get(context, arguments.word(2));
    }
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

} // namespace billing::cli
