#include "AmountText.h"

#include <QLocale>

namespace billing::ui {

QString AmountText::shown(const QString &ledgerText)
{
    const QString point = QLocale().decimalPoint();
    if (point == QStringLiteral("."))
        return ledgerText;
    QString text = ledgerText;
    // Only a plain amount: anything else ("—", a code) is shown as it is.
    const qsizetype at = text.indexOf(u'.');
    if (at > 0 && text.indexOf(u'.', at + 1) < 0 && text.at(at - 1).isDigit())
        text.replace(at, 1, point);
    return text;
}

} // namespace billing::ui
