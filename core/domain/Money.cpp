#include "Money.h"

#include "ReasonCode.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>
#include <limits>

#include <stdexcept>

namespace billing {
namespace {

constexpr int integerDigitsMax = 20;

Units powerOfTen(int exponent)
{
    Units value = 1;
    for (int i = 0; i < exponent; ++i)
        value *= 10;
    return value;
}

const Units &unitsPerWhole()
{
    static const Units value = powerOfTen(Money::scale);
    return value;
}

Error amountError(const QString &code, const QString &message)
{
    return Error{code, message, QStringLiteral("amount")};
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// Names the first way in which `text` is not plain decimal notation, so each gets its own code.
std::optional<Error> shapeError(QStringView text)
{
    const QString lower = text.toString().toLower();
    static const QStringList notFinite = {QStringLiteral("nan"), QStringLiteral("inf"),
                                          QStringLiteral("infinity")};
    QString unsigned_ = lower;
    if (unsigned_.startsWith(u'-') || unsigned_.startsWith(u'+'))
        unsigned_.remove(0, 1);
    if (notFinite.contains(unsigned_))
        return amountError(reason::amountNotFinite,
                           QStringLiteral("amount must be a finite number"));
    // Only a number in exponent notation is one ("1e5", "1.5E-3"); "12.50 EUR" is text.
    static const QRegularExpression exponent(
        QStringLiteral("^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)e[+-]?\\d+$"));
    if (exponent.match(lower).hasMatch())
        return amountError(reason::amountExponent,
                           QStringLiteral("amount must not use exponent notation"));
    const Error grouping = amountError(reason::amountGrouping,
                                       QStringLiteral("amount must not contain thousands "
                                                      "separators and takes a point for decimals, "
                                                      "like 1234.50"));
    // A separator between two digits groups them; one at either end ("5 ") is just not a number.
    // Spaces include the narrow and thin ones that French and SI grouping use.
    static const QString separators = QStringLiteral(",_ '\u00A0\u202F\u2009");
    for (qsizetype at = 1; at + 1 < lower.size(); ++at) {
        if (separators.contains(lower[at]) && isDigit(lower[at - 1]) && isDigit(lower[at + 1]))
            return grouping;
    }
    // "1.000.000" and "1.000,50": points that group thousands, as many languages write them
    // ("1.2.3" groups nothing and is just not a number).
    static const QRegularExpression pointGroups(
        QStringLiteral("^[+-]?\\d{1,3}(\\.\\d{3})+(,\\d+)?$"));
    if (pointGroups.match(lower).hasMatch() && (lower.count(u'.') > 1 || lower.contains(u',')))
        return grouping;
    return std::nullopt;
}

} // namespace

Money::Money(const Units &units)
{
    BILLING_ASSERT(units <= maxUnits() && units >= -maxUnits());
    const Units magnitude = units < 0 ? Units(-units) : units;
    static const Units lowMask = Units(std::numeric_limits<quint64>::max());
    m_low = (magnitude & lowMask).convert_to<quint64>();
    m_high = (magnitude >> 64).convert_to<quint32>();
    m_negative = units < 0;
}

Units Money::units() const
{
    Units magnitude = m_high;
    magnitude <<= 64;
    magnitude |= Units(m_low);
    return m_negative ? Units(-magnitude) : magnitude;
}

Money Money::fromUnits(const Units &units)
{
    BILLING_ASSERT(units <= maxUnits() && units >= -maxUnits());
    return Money(units);
}

const Units &Money::maxUnits()
{
    static const Units value = powerOfTen(integerDigitsMax + scale) - 1;
    return value;
}

Result<Money> Money::parse(QStringView text, int maxDecimals, Sign sign)
{
    BILLING_ASSERT(maxDecimals >= 0 && maxDecimals <= scale);
    if (text.isEmpty())
        return amountError(reason::amountEmpty, QStringLiteral("amount is empty"));
    // Replay parses two amounts per BalanceChanged: text of only digits, '.' and '-' cannot
    // have any of the shapes shapeError() names, so it is skipped without allocating.
    const bool plain = std::all_of(text.begin(), text.end(),
                                   [](QChar c) { return isDigit(c) || c == u'.' || c == u'-'; });
    if (!plain) {
        if (auto error = shapeError(text))
            return *error;
    }
    qsizetype at = 0;
    const bool negative = text.front() == u'-';
    if (negative)
        at = 1;
    const qsizetype integerBegin = at;
    while (at < text.size() && isDigit(text[at]))
        ++at;
    const qsizetype integerEnd = at;
    qsizetype fractionBegin = at;
    qsizetype fractionEnd = at;
    if (at < text.size() && text[at] == u'.') {
        fractionBegin = ++at;
        while (at < text.size() && isDigit(text[at]))
            ++at;
        fractionEnd = at;
        if (fractionEnd == fractionBegin)
            at = -1;
    }
    if (at != text.size() || integerEnd == integerBegin) {
        // Plain text skipped the shapes above; "1.000.000" is one of them.
        if (plain) {
            if (auto error = shapeError(text))
                return *error;
        }
        return amountError(reason::amountFormat,
                           QStringLiteral("amount must be plain decimal digits like 12.50"));
    }
    // "-0" is zero, not negative: where zero is refused, it is refused as zero.
    const auto zeroDigits = [&text](qsizetype from, qsizetype to) {
        return std::all_of(text.begin() + from, text.begin() + to,
                           [](QChar c) { return c == u'0'; });
    };
    if (negative && sign == Sign::PositiveOnly &&
        !(zeroDigits(integerBegin, integerEnd) && zeroDigits(fractionBegin, fractionEnd)))
        return amountError(reason::amountNegative, QStringLiteral("amount must not be negative"));
    qsizetype firstSignificant = integerBegin;
    while (firstSignificant < integerEnd - 1 && text[firstSignificant] == u'0')
        ++firstSignificant;
    if (integerEnd - firstSignificant > integerDigitsMax)
        return amountError(reason::amountOutOfRange,
                           QStringLiteral("amount has more than 20 integer digits"));
    const qsizetype decimals = fractionEnd - fractionBegin;
    if (decimals > maxDecimals)
        return amountError(reason::amountTooPrecise,
                           QStringLiteral("amount has %1 decimals, the currency allows %2")
                               .arg(decimals)
                               .arg(maxDecimals));
    Units units = 0;
    for (qsizetype i = firstSignificant; i < integerEnd; ++i)
        units = units * 10 + (text[i].unicode() - u'0');
    for (qsizetype i = 0; i < scale; ++i) {
        const int digit = i < decimals ? text[fractionBegin + i].unicode() - u'0' : 0;
        units = units * 10 + digit;
    }
    return Money(negative ? Units(-units) : units);
}

int Money::decimalsUsed() const
{
    const Units value = units();
    Units remainder = (value < 0 ? Units(-value) : value) % unitsPerWhole();
    int decimals = scale;
    while (decimals > 0 && remainder % 10 == 0) {
        remainder /= 10;
        --decimals;
    }
    return remainder == 0 ? 0 : decimals;
}

Result<Money> Money::plus(const Money &other) const
{
    Units sum;
    try {
        sum = units() + other.units();
    } catch (const std::overflow_error &) {
        return Error{reason::amountOutOfRange, QStringLiteral("sum out of range"), {}};
    }
    if (sum > maxUnits() || sum < -maxUnits())
        return Error{
            reason::amountOutOfRange, QStringLiteral("sum exceeds the range of DECIMAL(28,8)"), {}};
    return Money(sum);
}

Result<Money> Money::minus(const Money &other) const
{
    return plus(other.negated());
}

QString Money::toString(int decimals) const
{
    BILLING_ASSERT(decimals >= 0 && decimals <= scale);
    BILLING_ASSERT(decimalsUsed() <= decimals);
    const Units value = units();
    const Units magnitude = value < 0 ? Units(-value) : value;
    QString text = QString::fromStdString((magnitude / unitsPerWhole()).str());
    if (decimals > 0) {
        const QString fraction =
            QString::fromStdString((magnitude % unitsPerWhole()).str()).rightJustified(scale, u'0');
        text += u'.' + fraction.left(decimals);
    }
    return m_negative ? u'-' + text : text;
}

} // namespace billing
