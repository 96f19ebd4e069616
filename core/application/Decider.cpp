#include "Decider.h"

#include "CommandPayload.h"
#include "Overloaded.h"
#include "domain/AccountRules.h"
#include "domain/ReasonCode.h"

#include <QUuid>

namespace billing {
namespace {

// Event ids derive from the command id, so deciding twice gives the same ids.
const QUuid eventIdNamespace(QStringLiteral("{6f1c7f0e-2a57-4e43-9b1c-0d7f6c2b9a11}"));

class DecisionBuilder
{
public:
    DecisionBuilder(const LedgerState &state, const Command &command)
        : m_state(state)
        , m_meta(command.meta)
        , m_hash(payloadHash(command.body))
    {
        m_decision.outcome.command = commandName(command.body);
    }

    const QString &hash() const { return m_hash; }
    Outcome &outcome() { return m_decision.outcome; }

    void expect(const QString &aggregateId)
    {
        m_decision.expectedVersions.insert(aggregateId, m_state.aggregateVersion(aggregateId));
    }

    void record(const QString &type, const QString &aggregateId, QJsonObject data)
    {
        EventEnvelope event;
        event.eventId = QUuid::createUuidV5(eventIdNamespace,
                                            m_meta.commandId + u'/' + QString::number(m_index++))
                            .toString(QUuid::WithoutBraces);
        event.eventType = type;
        event.aggregateId = aggregateId;
        event.aggregateVersion =
            m_state.aggregateVersion(aggregateId) + 1 + m_emitted.value(aggregateId);
        m_emitted[aggregateId] += 1;
        event.timestampMs = m_meta.issuedAtMs;
        event.correlationId = m_meta.correlationId;
        event.causationId = m_meta.commandId;
        event.operatorName = m_meta.operatorName;
        event.data = std::move(data);
        m_decision.events.append(std::move(event));
    }

    // Idempotency fields go into the first event of every command that writes.
    QJsonObject keyed(QJsonObject data) const
    {
        data.insert(QStringLiteral("idempotencyKey"), m_meta.idempotencyKey);
        data.insert(QStringLiteral("payloadHash"), m_hash);
        return data;
    }

    Decision invalid(const Error &error)
    {
        m_decision.events.clear();
        m_decision.expectedVersions.clear();
        setError(Outcome::Kind::Invalid, error);
        return std::move(m_decision);
    }
    Decision rejected(const Error &error)
    {
        setError(Outcome::Kind::Rejected, error);
        return std::move(m_decision);
    }
    Decision completed() { return std::move(m_decision); }

private:
    void setError(Outcome::Kind kind, const Error &error)
    {
        m_decision.outcome.kind = kind;
        m_decision.outcome.code = error.code;
        m_decision.outcome.message = error.message;
        m_decision.outcome.field = error.field;
    }

    const LedgerState &m_state;
    const CommandMeta &m_meta;
    QString m_hash;
    Decision m_decision;
    QHash<QString, qint64> m_emitted;
    int m_index = 0;
};

Error notFound(const QString &id, const QString &field)
{
    return Error{reason::accountNotFound, QStringLiteral("no account %1").arg(id), field};
}

std::optional<Error> checkPrecision(const Money &amount, const Currency &currency,
                                    const QString &field)
{
    if (amount.decimalsUsed() <= currency.decimals)
        return std::nullopt;
    return Error{reason::amountTooPrecise,
                 QStringLiteral("%1 allows %2 decimals").arg(currency.code).arg(currency.decimals),
                 field};
}

struct Roles
{
    AccountType source;
    AccountType destination;
    QString sourceField;
    QString destinationField;
};

Roles rolesFor(TransactionType type)
{
    const QString account = QStringLiteral("account");
    const QString from = QStringLiteral("from");
    const QString to = QStringLiteral("to");
    switch (type) {
    case TransactionType::Topup:
        return {AccountType::External, AccountType::User, from, account};
    case TransactionType::Withdrawal:
        return {AccountType::User, AccountType::External, account, to};
    case TransactionType::Transfer:
        return {AccountType::User, AccountType::User, from, to};
    case TransactionType::Payment:
        return {AccountType::User, AccountType::System, account, to};
    case TransactionType::Refund:
        break;
    }
    invariantFailed("refunds have no fixed roles", __FILE__, __LINE__);
}

std::optional<Error> checkType(const Account &account, AccountType expected, const QString &field)
{
    if (account.type == expected)
        return std::nullopt;
    return Error{reason::accountTypeMismatch,
                 QStringLiteral("account %1 is %2, this operation needs %3")
                     .arg(account.id, toString(account.type), toString(expected)),
                 field};
}

// A refusal as its event records it: a repeat of the command answers with these words.
QJsonObject refusalData(const Error &error, QJsonObject data)
{
    data.insert(QStringLiteral("reason"), error.code);
    data.insert(QStringLiteral("message"), error.message);
    if (!error.field.isEmpty())
        data.insert(QStringLiteral("field"), error.field);
    return data;
}

// The money legs shared by every operation once its inputs are valid: Requested, then either
// Failed or two BalanceChanged and Completed.
Decision moveMoney(DecisionBuilder &builder, TransactionType type, const QString &transactionId,
                   const Account &source, const Account &destination, const Money &amount,
                   const Currency &currency, QJsonObject requested,
                   std::optional<Error> businessError, const Roles &roles)
{
    builder.expect(source.id);
    builder.expect(destination.id);
    builder.expect(transactionId);
    requested.insert(QStringLiteral("sourceAccountId"), source.id);
    requested.insert(QStringLiteral("destinationAccountId"), destination.id);
    requested.insert(QStringLiteral("amount"), amount.toString(currency.decimals));
    requested.insert(QStringLiteral("currency"), currency.code);
    builder.record(eventStem(type) + event::requestedSuffix, transactionId,
                   builder.keyed(requested));
    builder.outcome().transactionId = transactionId;
    builder.outcome().accountId = source.type == AccountType::User ? source.id : destination.id;
    // A rule that names no field is about the account itself: the field is its side.
    if (!businessError) {
        businessError = rules::canSend(source, currency.code, amount, currency.decimals);
        if (businessError && businessError->field.isEmpty())
            businessError->field = roles.sourceField;
    }
    if (!businessError) {
        businessError = rules::canReceive(destination, currency.code, amount);
        if (businessError && businessError->field.isEmpty())
            businessError->field = roles.destinationField;
    }
    if (businessError) {
        builder.record(eventStem(type) + event::failedSuffix, transactionId,
                       refusalData(*businessError, {}));
        return builder.rejected(*businessError);
    }
    for (const auto &[account, signedAmount] :
         {std::pair{&source, amount.negated()}, std::pair{&destination, amount}}) {
        const Money after = account->balance.plus(signedAmount).value();
        builder.record(
            event::balanceChanged, account->id,
            {{QStringLiteral("transactionId"), transactionId},
             {QStringLiteral("amount"), signedAmount.toString(currency.decimals)},
             {QStringLiteral("balanceBefore"), account->balance.toString(currency.decimals)},
             {QStringLiteral("balanceAfter"), after.toString(currency.decimals)},
             {QStringLiteral("currency"), currency.code}});
    }
    builder.record(eventStem(type) + event::completedSuffix, transactionId, {});
    return builder.completed();
}

Decision decideMove(const LedgerState &state, DecisionBuilder &builder, const MoveMoney &command)
{
    const Roles roles = rolesFor(command.type);
    if (!command.amount.isPositive())
        return builder.invalid({reason::amountNotPositive,
                                QStringLiteral("amount must be greater than zero"),
                                QStringLiteral("amount")});
    const Account *source = state.account(command.sourceAccountId);
    if (!source)
        return builder.invalid(notFound(command.sourceAccountId, roles.sourceField));
    const Account *destination = state.account(command.destinationAccountId);
    if (!destination)
        return builder.invalid(notFound(command.destinationAccountId, roles.destinationField));
    if (source->id == destination->id)
        return builder.invalid({reason::accountsMustDiffer,
                                QStringLiteral("source and destination are the same account"),
                                roles.destinationField});
    if (auto error = checkType(*source, roles.source, roles.sourceField))
        return builder.invalid(*error);
    if (auto error = checkType(*destination, roles.destination, roles.destinationField))
        return builder.invalid(*error);
    const Account &userSide = source->type == AccountType::User ? *source : *destination;
    const Result<Currency> currency =
        state.currencies().find(command.currency.isEmpty() ? userSide.currency : command.currency);
    if (!currency.ok())
        return builder.invalid(currency.error());
    if (auto error = checkPrecision(command.amount, currency.value(), QStringLiteral("amount")))
        return builder.invalid(*error);
    BILLING_ASSERT(!state.transaction(command.transactionId));
    QJsonObject requested{{QStringLiteral("reference"), command.reference}};
    return moveMoney(builder, command.type, command.transactionId, *source, *destination,
                     command.amount, currency.value(), requested, std::nullopt, roles);
}

Decision decideRefund(const LedgerState &state, DecisionBuilder &builder, const Refund &command)
{
    const QString paymentField = QStringLiteral("payment");
    if (!command.amount.isPositive())
        return builder.invalid({reason::amountNotPositive,
                                QStringLiteral("amount must be greater than zero"),
                                QStringLiteral("amount")});
    const Transaction *payment = state.transaction(command.paymentId);
    if (!payment)
        return builder.invalid({reason::transactionNotFound,
                                QStringLiteral("no transaction %1").arg(command.paymentId),
                                paymentField});
    if (payment->type != TransactionType::Payment)
        return builder.invalid({reason::notAPayment,
                                QStringLiteral("transaction %1 is a %2, not a payment")
                                    .arg(payment->id, toString(payment->type)),
                                paymentField});
    const Result<Currency> currency =
        state.currencies().find(command.currency.isEmpty() ? payment->currency : command.currency);
    if (!currency.ok())
        return builder.invalid(currency.error());
    if (auto error = checkPrecision(command.amount, currency.value(), QStringLiteral("amount")))
        return builder.invalid(*error);
    const Account *system = state.account(payment->destinationAccountId);
    const Account *payer = state.account(payment->sourceAccountId);
    BILLING_ASSERT(system && payer);
    BILLING_ASSERT(!state.transaction(command.transactionId));
    std::optional<Error> error;
    const Result<Money> refunded = payment->refunded.plus(command.amount);
    if (payment->status != TransactionStatus::Completed)
        error =
            Error{reason::paymentNotCompleted,
                  QStringLiteral("payment %1 is %2").arg(payment->id, toString(payment->status)),
                  paymentField};
    else if (currency.value().code != payment->currency)
        error =
            Error{reason::currencyMismatch,
                  QStringLiteral("payment %1 was made in %2").arg(payment->id, payment->currency),
                  QStringLiteral("currency")};
    else if (!refunded.ok() || refunded.value() > payment->amount)
        error = Error{reason::refundExceedsPayment,
                      QStringLiteral("only %1 %2 of payment %3 is left to refund")
                          .arg(payment->amount.minus(payment->refunded)
                                   .value()
                                   .toString(currency.value().decimals),
                               payment->currency, payment->id),
                      QStringLiteral("amount")};
    builder.expect(payment->id);
    QJsonObject requested{{QStringLiteral("reference"), command.reference},
                          {QStringLiteral("paymentId"), payment->id}};
    // Both accounts come from the payment: a refusal about either names it.
    const Roles roles{system->type, payer->type, paymentField, paymentField};
    return moveMoney(builder, TransactionType::Refund, command.transactionId, *system, *payer,
                     command.amount, currency.value(), requested, error, roles);
}

Decision decideCreate(const LedgerState &state, DecisionBuilder &builder,
                      const CreateAccount &command)
{
    if (command.ownerId.trimmed().isEmpty())
        return builder.invalid({reason::invalidArgument, QStringLiteral("owner id is empty"),
                                QStringLiteral("owner")});
    const Result<Currency> currency = state.currencies().find(command.currency);
    if (!currency.ok())
        return builder.invalid(currency.error());
    BILLING_ASSERT(!state.account(command.accountId));
    const bool hasLimits = command.minBalance || command.maxBalance;
    if (hasLimits && command.type != AccountType::User)
        return builder.invalid({reason::limitsInvalid,
                                QStringLiteral("limits apply to USER accounts only"),
                                QStringLiteral("type")});
    const Money minBalance = command.minBalance.value_or(Money());
    for (const auto &[limit, field] : {std::pair{std::optional<Money>(minBalance), "min"},
                                       std::pair{command.maxBalance, "max"}}) {
        if (!limit)
            continue;
        if (auto error = checkPrecision(*limit, currency.value(), QString::fromLatin1(field)))
            return builder.invalid(*error);
    }
    Account probe;
    probe.id = command.accountId;
    probe.type = command.type;
    if (auto error =
            rules::canSetLimits(probe, minBalance, command.maxBalance, currency.value().decimals);
        error && hasLimits)
        return builder.invalid(*error);
    builder.expect(command.accountId);
    QJsonObject data{
        {QStringLiteral("type"), toString(command.type)},
        {QStringLiteral("ownerId"), command.ownerId},
        {QStringLiteral("ownerType"),
         command.ownerType.isEmpty() ? defaultOwnerType(command.type) : command.ownerType},
        {QStringLiteral("currency"), command.currency},
        {QStringLiteral("status"), toString(AccountStatus::Active)},
        {QStringLiteral("minBalance"), minBalance.toString(currency.value().decimals)},
    };
    if (command.maxBalance)
        data.insert(QStringLiteral("maxBalance"),
                    command.maxBalance->toString(currency.value().decimals));
    builder.record(event::accountCreated, command.accountId, builder.keyed(data));
    builder.outcome().accountId = command.accountId;
    return builder.completed();
}

// A refused account command is recorded, so that its key answers with the same refusal.
Decision refuseAccountCommand(DecisionBuilder &builder, const Account &account, const Error &error)
{
    builder.expect(account.id);
    builder.record(event::accountCommandRejected, account.id,
                   builder.keyed(refusalData(
                       error, {{QStringLiteral("command"), builder.outcome().command}})));
    return builder.rejected(error);
}

Decision decideStatus(const LedgerState &state, DecisionBuilder &builder,
                      const ChangeAccountStatus &command)
{
    const Account *account = state.account(command.accountId);
    if (!account)
        return builder.invalid(notFound(command.accountId, QStringLiteral("account")));
    builder.outcome().accountId = account->id;
    // Only for the message: an account of a currency no longer in use can still change status.
    const int decimals = state.currencies().decimalsOf(account->currency);
    if (auto error = rules::canChangeStatus(*account, command.target, decimals))
        return refuseAccountCommand(builder, *account, *error);
    builder.expect(account->id);
    builder.record(event::accountStatusChanged, account->id,
                   builder.keyed({{QStringLiteral("from"), toString(account->status)},
                                  {QStringLiteral("to"), toString(command.target)}}));
    return builder.completed();
}

Decision decideLimits(const LedgerState &state, DecisionBuilder &builder,
                      const ChangeAccountLimits &command)
{
    const Account *account = state.account(command.accountId);
    if (!account)
        return builder.invalid(notFound(command.accountId, QStringLiteral("account")));
    builder.outcome().accountId = account->id;
    const Result<Currency> found = state.currencies().find(account->currency);
    if (!found.ok())
        return builder.invalid(found.error());
    const Currency &currency = found.value();
    const Money minBalance = command.keepMin ? account->minBalance : command.minBalance;
    const std::optional<Money> maxBalance =
        command.keepMax ? account->maxBalance : command.maxBalance;
    if (auto error = checkPrecision(minBalance, currency, QStringLiteral("min")))
        return builder.invalid(*error);
    if (maxBalance) {
        if (auto error = checkPrecision(*maxBalance, currency, QStringLiteral("max")))
            return builder.invalid(*error);
    }
    if (auto error = rules::canSetLimits(*account, minBalance, maxBalance, currency.decimals))
        return refuseAccountCommand(builder, *account, *error);
    builder.expect(account->id);
    QJsonObject data{{QStringLiteral("minBalance"), minBalance.toString(currency.decimals)}};
    if (maxBalance)
        data.insert(QStringLiteral("maxBalance"), maxBalance->toString(currency.decimals));
    builder.record(event::accountLimitsChanged, account->id, builder.keyed(data));
    return builder.completed();
}

// A money command's currency left out is the one it defaults to, so a retry that names it (or
// leaves it out where the first named it) is the same request: the payload with the currency
// written the other way. Only when the hashes differ; the accounts' currencies never change,
// so the answer is the same in every replay.
bool sameWithCurrencyResolved(const LedgerState &state, const IdempotencyRecord &record,
                              const CommandBody &body)
{
    // The default as decideMove and decideRefund take it: the USER side's account's currency,
    // the payment's.
    std::optional<QString> defaulted;
    QString given;
    if (const auto *move = std::get_if<MoveMoney>(&body)) {
        given = move->currency;
        const Account *source = state.account(move->sourceAccountId);
        const Account *destination = state.account(move->destinationAccountId);
        if (source && destination)
            defaulted = (source->type == AccountType::User ? source : destination)->currency;
    } else if (const auto *refund = std::get_if<Refund>(&body)) {
        given = refund->currency;
        if (const Transaction *payment = state.transaction(refund->paymentId))
            defaulted = payment->currency;
    }
    for (const QString &currency : defaulted ? QStringList{*defaulted} : QStringList()) {
        // Named as its default, the first may have left it out; left out, it may have named it.
        const QString other = given.isEmpty() ? currency : QString();
        if (!given.isEmpty() && given != currency)
            continue;
        CommandBody written = body;
        std::visit(
            [&other](auto &c) {
                if constexpr (requires { c.currency; })
                    c.currency = other;
            },
            written);
        if (record.samePayload(payloadHash(written)))
            return true;
    }
    return false;
}

// An account created with its defaults written out (the owner type its type implies, a minimum
// of zero on a USER account) is the same request as one that leaves them out, and the reverse:
// each spelling of the defaults is tried against the first command's payload.
bool sameWithDefaultsWritten(const IdempotencyRecord &record, const CommandBody &body)
{
    const auto *create = std::get_if<CreateAccount>(&body);
    if (!create)
        return false;
    const QString impliedOwnerType = defaultOwnerType(create->type);
    QList<QString> ownerTypes{create->ownerType};
    if (create->ownerType.isEmpty())
        ownerTypes.append(impliedOwnerType);
    else if (create->ownerType == impliedOwnerType)
        ownerTypes.append(QString());
    // Elsewhere a minimum, even zero, is a limit, which only USER accounts take.
    QList<std::optional<Money>> minimums{create->minBalance};
    if (create->type == AccountType::User && !create->minBalance)
        minimums.append(Money());
    else if (create->type == AccountType::User && create->minBalance->isZero())
        minimums.append(std::nullopt);
    for (const QString &ownerType : ownerTypes) {
        for (const std::optional<Money> &minimum : minimums) {
            CreateAccount written = *create;
            written.ownerType = ownerType;
            written.minBalance = minimum;
            if (record.samePayload(payloadHash(written)))
                return true;
        }
    }
    return false;
}

// The refusal the first command got, in its words. Older events recorded no field; every
// refusal event has a message, but a log is input, so one without is answered too.
Error firstRefusal(const QString &code, const IdempotencyRecord &record)
{
    return {code,
            record.message.isEmpty() ? QStringLiteral("rejected the first time") : record.message,
            record.field};
}

// The same key with the same payload answers with the first outcome and writes nothing.
std::optional<Decision> decideRepeat(const LedgerState &state, DecisionBuilder &builder,
                                     const QString &key, const CommandBody &body)
{
    const std::optional<IdempotencyRecord> record =
        key.isEmpty() ? std::nullopt : state.idempotency(key);
    if (!record)
        return std::nullopt;
    if (!record->samePayload(builder.hash()) && !sameWithCurrencyResolved(state, *record, body) &&
        !sameWithDefaultsWritten(*record, body))
        return builder.invalid({reason::idempotencyConflict,
                                QStringLiteral("key %1 was used for a different command").arg(key),
                                QStringLiteral("key")});
    builder.outcome().repeated = true;
    if (const Transaction *transaction = state.transaction(record->targetId)) {
        builder.outcome().transactionId = transaction->id;
        const Account *source = state.account(transaction->sourceAccountId);
        builder.outcome().accountId = source && source->type == AccountType::User
                                          ? transaction->sourceAccountId
                                          : transaction->destinationAccountId;
        if (transaction->status == TransactionStatus::Failed)
            return builder.rejected(firstRefusal(transaction->failureReason, *record));
        return builder.completed();
    }
    builder.outcome().accountId = record->targetId;
    if (!record->rejection.isEmpty())
        return builder.rejected(firstRefusal(record->rejection, *record));
    return builder.completed();
}

std::optional<Error> checkText(const QString &text, const QString &field, qsizetype max)
{
    if (text.size() > max)
        return Error{reason::invalidArgument,
                     QStringLiteral("%1 is %2 characters long; at most %3 are allowed")
                         .arg(field)
                         .arg(text.size())
                         .arg(max),
                     field};
    if (text.contains(QChar(u'\0')))
        return Error{reason::invalidArgument,
                     QStringLiteral("%1 contains a NUL character").arg(field), field};
    return std::nullopt;
}

// The id a new account or transaction is to have. issue() makes a new one, but a command read
// from the command topic carries whatever its sender wrote: an id already taken by an account
// or a transaction would give one aggregate two beginnings.
std::optional<Error> checkNewId(const LedgerState &state, const CommandBody &body)
{
    const auto taken = [&state](const QString &id, const QString &field) -> std::optional<Error> {
        if (id.isEmpty())
            return Error{reason::invalidArgument, QStringLiteral("%1 id is empty").arg(field),
                         field};
        if (state.aggregateVersion(id) > 0)
            return Error{reason::invalidArgument,
                         QStringLiteral("%1 id %2 is already taken").arg(field, id), field};
        return std::nullopt;
    };
    return std::visit(
        Overloaded{
            [&](const CreateAccount &c) { return taken(c.accountId, QStringLiteral("account")); },
            [](const ChangeAccountStatus &) { return std::optional<Error>(); },
            [](const ChangeAccountLimits &) { return std::optional<Error>(); },
            [&](const MoveMoney &c) {
                return taken(c.transactionId, QStringLiteral("transaction"));
            },
            [&](const Refund &c) { return taken(c.transactionId, QStringLiteral("transaction")); },
        },
        body);
}

} // namespace

std::optional<Error> checkCommandText(const Command &command)
{
    // A money command whose type is a refund came from no form or option (a refund names its
    // payment, not its accounts): a client on the command topic may still send one.
    if (const auto *move = std::get_if<MoveMoney>(&command.body);
        move && move->type == TransactionType::Refund)
        return Error{reason::invalidArgument,
                     QStringLiteral("a refund names the payment it refunds, not two accounts"),
                     QStringLiteral("command")};
    QList<std::tuple<const QString *, QString, qsizetype>> texts = {
        {&command.meta.idempotencyKey, QStringLiteral("key"), commandTextMax},
        {&command.meta.correlationId, QStringLiteral("correlation"), commandTextMax},
        {&command.meta.operatorName, QStringLiteral("operator"), commandTextMax},
        {&command.meta.commandId, QStringLiteral("command"), commandTextMax},
    };
    std::visit(Overloaded{
                   [&](const CreateAccount &c) {
                       texts += {{&c.accountId, QStringLiteral("account"), idMax},
                                 {&c.ownerId, QStringLiteral("owner"), commandTextMax},
                                 {&c.ownerType, QStringLiteral("owner-type"), commandTextMax},
                                 {&c.currency, QStringLiteral("currency"), commandTextMax}};
                   },
                   [&](const ChangeAccountStatus &c) {
                       texts.append({&c.accountId, QStringLiteral("account"), idMax});
                   },
                   [&](const ChangeAccountLimits &c) {
                       texts.append({&c.accountId, QStringLiteral("account"), idMax});
                   },
                   [&](const MoveMoney &c) {
                       const Roles roles = rolesFor(c.type);
                       texts += {{&c.transactionId, QStringLiteral("transaction"), idMax},
                                 {&c.sourceAccountId, roles.sourceField, idMax},
                                 {&c.destinationAccountId, roles.destinationField, idMax},
                                 {&c.currency, QStringLiteral("currency"), commandTextMax},
                                 {&c.reference, QStringLiteral("reference"), referenceMax}};
                   },
                   [&](const Refund &c) {
                       texts += {{&c.transactionId, QStringLiteral("transaction"), idMax},
                                 {&c.paymentId, QStringLiteral("payment"), idMax},
                                 {&c.currency, QStringLiteral("currency"), commandTextMax},
                                 {&c.reference, QStringLiteral("reference"), referenceMax}};
                   },
               },
               command.body);
    for (const auto &[text, field, max] : std::as_const(texts)) {
        if (std::optional<Error> error = checkText(*text, field, max))
            return error;
    }
    return std::nullopt;
}

Decision decide(const LedgerState &state, const Command &command)
{
    DecisionBuilder builder(state, command);
    if (std::optional<Error> error = checkCommandText(command))
        return builder.invalid(*error);
    if (auto repeat = decideRepeat(state, builder, command.meta.idempotencyKey, command.body))
        return std::move(*repeat);
    if (std::optional<Error> error = checkNewId(state, command.body))
        return builder.invalid(*error);
    return std::visit(
        Overloaded{
            [&](const CreateAccount &c) { return decideCreate(state, builder, c); },
            [&](const ChangeAccountStatus &c) { return decideStatus(state, builder, c); },
            [&](const ChangeAccountLimits &c) { return decideLimits(state, builder, c); },
            [&](const MoveMoney &c) { return decideMove(state, builder, c); },
            [&](const Refund &c) { return decideRefund(state, builder, c); },
        },
        command.body);
}

} // namespace billing
