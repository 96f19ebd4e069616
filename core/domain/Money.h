#pragma once

#include "Result.h"

#include <QString>
#include <QStringView>

#include <boost/multiprecision/cpp_int.hpp>

namespace billing {

// Units of 10^-8. Checked: an overflow throws inside the arithmetic, which Money turns into an
// error result; it never wraps.
using Units = boost::multiprecision::checked_int128_t;

// An exact fixed-point amount with 8 decimals and the range of DECIMAL(28,8): 20 integer digits.
// The currency travels with the account or transaction that holds the amount.
class Money
{
public:
    static constexpr int scale = 8;
    enum class Sign { PositiveOnly, AllowNegative };

    Money() = default;
    static Money fromUnits(const Units &units);
    static const Units &maxUnits();
    // Plain decimal notation only ("12.50", "-0.01"); every other shape is its own error code.
    static Result<Money> parse(QStringView text, int maxDecimals, Sign sign);

    const Units &units() const { return m_units; }
    bool isZero() const { return m_units == 0; }
    bool isNegative() const { return m_units < 0; }
    bool isPositive() const { return m_units > 0; }
    // How many decimals the value needs at least (0 for whole numbers).
    int decimalsUsed() const;

    Result<Money> plus(const Money &other) const;
    Result<Money> minus(const Money &other) const;
    Money negated() const { return fromUnits(-m_units); }
    Money abs() const { return isNegative() ? negated() : *this; }

    // Exact text with exactly `decimals` decimals; asserts that no digit is dropped.
    QString toString(int decimals) const;
    // Exact text with as many decimals as the value needs.
    QString toString() const { return toString(decimalsUsed()); }

    friend bool operator==(const Money &a, const Money &b) { return a.m_units == b.m_units; }
    friend bool operator<(const Money &a, const Money &b) { return a.m_units < b.m_units; }
    friend bool operator>(const Money &a, const Money &b) { return b < a; }
    friend bool operator<=(const Money &a, const Money &b) { return !(b < a); }
    friend bool operator>=(const Money &a, const Money &b) { return !(a < b); }

private:
    explicit Money(const Units &units)
        : m_units(units)
    {}
    Units m_units = 0;
};

} // namespace billing
