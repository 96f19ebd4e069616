#pragma once

#include <QStringList>

namespace billing::sqlite {

// Migrations, oldest first; PRAGMA user_version counts how many ran. Never edit one that has
// shipped: add the next.
const QList<QStringList> &migrations();

} // namespace billing::sqlite
