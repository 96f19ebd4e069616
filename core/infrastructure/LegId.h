#pragma once

#include <QString>

namespace billing {

// A transaction's leg on one account has the same id in every store and after every rebuild:
// a name-based UUID of the two, so that both modes show the same rows.
QString legIdOf(const QString &transactionId, const QString &accountId);

} // namespace billing
