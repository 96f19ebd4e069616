#pragma once

#include "EntityPicker.h"
#include "domain/Account.h"

#include <QCoreApplication>
#include <QSet>

namespace billing {
struct AccountChoice;
struct PaymentChoice;
} // namespace billing

namespace billing::ui {

// The searches behind the desk's pickers, over the folded state on the ledger's thread.
class PickerSearches
{
    Q_DECLARE_TR_FUNCTIONS(PickerSearches)

public:
    // Accounts of these types (any when empty), in `currency` (any when empty).
    static EntityPicker::Search accounts(const QSet<AccountType> &types, const QString &currency);
    static EntityPicker::Search refundablePayments();

    static PickerChoice choiceOf(const AccountChoice &account);
    static PickerChoice choiceOf(const PaymentChoice &payment);
    static QString typeName(AccountType type);
    static QString statusName(AccountStatus status);
    // The id's last eight digits: time-ordered ids share their first ones (the time they were
    // made), so the end tells accounts made in the same minute apart. A search finds any part.
    static QString shortId(const QString &id);
};

} // namespace billing::ui
