#include "AmountEdit.h"

#include "AmountText.h"
#include "domain/ReasonCode.h"

#include <QLocale>

namespace billing::ui {
namespace {

// Twenty integer digits, a sign, a separator and eight decimals, with room to spare for text
// that parse() then refuses by name.
constexpr int lengthMax = 48;

} // namespace

AmountEdit::AmountEdit(QWidget *parent)
    : QLineEdit(parent)
{
    setAlignment(Qt::AlignRight);
    setMaxLength(lengthMax);
    setDecimals(m_decimals);
}

void AmountEdit::setDecimals(int decimals)
{
    BILLING_ASSERT(decimals >= 0 && decimals <= Money::scale);
    m_decimals = decimals;
    // As amounts are shown: with the language's decimal separator, which the field also takes.
    setPlaceholderText(AmountText::shown(
        decimals == 0 ? QStringLiteral("0") : QStringLiteral("0.") + QString(decimals, u'0')));
}

QString AmountEdit::shownAmount() const
{
    const Result<Money> parsed = amount();
    return parsed.ok() ? AmountText::shown(parsed.value().toString(m_decimals)) : text().trimmed();
}

Result<Money> AmountEdit::amount() const
{
    QString typed = text().trimmed();
    // "12,50" where the locale writes decimals so; with a point as well ("1.000,50") it stays
    // as typed and is refused as grouped.
    if (locale().decimalPoint() == QStringLiteral(",")) {
        // A point with three digits after it is how this locale groups ("1.000" is a
        // thousand): refused as grouped, not read as one.
        const qsizetype point = typed.lastIndexOf(u'.');
        if (point >= 0 && !typed.contains(u',') && typed.size() - point - 1 == 3)
            return Error{reason::amountGrouping,
                         QStringLiteral("amount must not contain thousands separators"),
                         {}};
        if (!typed.contains(u'.'))
            typed.replace(u',', u'.');
    }
    Result<Money> parsed = Money::parse(typed, m_decimals, Money::Sign::PositiveOnly);
    if (parsed.ok() && parsed.value().isZero() && !m_zeroAllowed)
        return Error{
            reason::amountNotPositive, QStringLiteral("amount must be greater than zero"), {}};
    return parsed;
}

} // namespace billing::ui
