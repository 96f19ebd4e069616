#include "PickerSearches.h"

#include "AmountText.h"
#include "LedgerClient.h"
#include "LedgerTerms.h"
#include "application/LedgerLookup.h"

namespace billing::ui {

QString PickerSearches::typeName(AccountType type)
{
    return LedgerTerms::label(toString(type));
}

QString PickerSearches::statusName(AccountStatus status)
{
    return LedgerTerms::label(toString(status));
}

QString PickerSearches::shortId(const QString &id)
{
    return id.right(8);
}

PickerChoice PickerSearches::choiceOf(const AccountChoice &account)
{
    const QString balance = AmountText::shown(account.balance.toString(account.decimals));
    PickerChoice choice;
    choice.id = account.id;
    choice.text = tr("%1 · %2 · %3 %4 · %5")
                      .arg(account.ownerId, typeName(account.type), account.currency, balance,
                           shortId(account.id));
    choice.detail = tr("%1 account of %2, %3, balance %4 %5 — %6")
                        .arg(typeName(account.type), account.ownerId, statusName(account.status),
                             account.currency, balance, account.id);
    choice.currency = account.currency;
    choice.decimals = account.decimals;
    return choice;
}

PickerChoice PickerSearches::choiceOf(const PaymentChoice &payment)
{
    const QString amount = AmountText::shown(payment.amount.toString(payment.decimals));
    const QString left = AmountText::shown(payment.refundable.toString(payment.decimals));
    PickerChoice choice;
    choice.id = payment.id;
    choice.text =
        tr("%1 · paid %2 %3 · %4 refundable · %5")
            .arg(payment.payerOwnerId, payment.currency, amount, left, shortId(payment.id));
    choice.detail = tr("Payment by %2: %3 %4, of which %3 %5 can still be refunded — %1")
                        .arg(payment.id, payment.payerOwnerId, payment.currency, amount, left);
    choice.currency = payment.currency;
    choice.decimals = payment.decimals;
    return choice;
}

EntityPicker::Search PickerSearches::accounts(const QSet<AccountType> &types,
                                              const QString &currency)
{
    return [types, currency](LedgerWork &work, const QString &text) {
        AccountSearch search;
        search.text = text;
        search.types = types;
        search.currency = currency;
        QList<PickerChoice> choices;
        for (const AccountChoice &account : findAccounts(work.freshState(), search))
            choices.append(choiceOf(account));
        return choices;
    };
}

EntityPicker::Search PickerSearches::refundablePayments()
{
    return [](LedgerWork &work, const QString &text) {
        QList<PickerChoice> choices;
        for (const PaymentChoice &payment : findRefundablePayments(work.freshState(), text))
            choices.append(choiceOf(payment));
        return choices;
    };
}

} // namespace billing::ui
