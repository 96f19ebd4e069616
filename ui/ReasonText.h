#pragma once

#include <QCoreApplication>
#include <QString>

namespace billing::ui {

// The core's stable reason codes in the user's words. An unknown code is shown as it is, with
// the core's English detail, so nothing is ever hidden.
class ReasonText
{
    Q_DECLARE_TR_FUNCTIONS(ReasonText)

public:
    static QString describe(const QString &code, const QString &detail = {});
};

} // namespace billing::ui
