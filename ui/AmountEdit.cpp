#include "AmountEdit.h"

#include "domain/ReasonCode.h"

#include <QRegularExpressionValidator>

namespace billing::ui {

AmountEdit::AmountEdit(QWidget *parent)
    : QLineEdit(parent)
{
    setAlignment(Qt::AlignRight);
    m_validator = new QRegularExpressionValidator(this);
    setValidator(m_validator);
    setDecimals(m_decimals);
}

void AmountEdit::setDecimals(int decimals)
{
    BILLING_ASSERT(decimals >= 0 && decimals <= Money::scale);
    m_decimals = decimals;
    // Twenty integer digits: the range of DECIMAL(28,8). The rules still check the value.
    const QString pattern = decimals == 0
                                ? QStringLiteral(R"(\d{0,20})")
                                : QStringLiteral(R"(\d{0,20}(\.\d{0,%1})?)").arg(decimals);
    m_validator->setRegularExpression(QRegularExpression(pattern));
    setPlaceholderText(decimals == 0 ? QStringLiteral("0")
                                     : QStringLiteral("0.") + QString(decimals, u'0'));
}

Result<Money> AmountEdit::amount() const
{
    Result<Money> parsed = Money::parse(text().trimmed(), m_decimals, Money::Sign::PositiveOnly);
    if (parsed.ok() && parsed.value().isZero() && !m_zeroAllowed)
        return Error{
            reason::amountNotPositive, QStringLiteral("amount must be greater than zero"), {}};
    return parsed;
}

} // namespace billing::ui
