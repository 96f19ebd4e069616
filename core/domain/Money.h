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
// The currency travels with the account or transaction that holds the amount. Arithmetic is
// Units'; the value is kept as sign and magnitude in two words, 16 bytes instead of Units' 32,
// because the ledger state holds several amounts for every account and transaction.
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

    Units units() const;
    bool isZero() const { return m_low == 0 && m_high == 0; }
    bool isNegative() const { return m_negative; }
    bool isPositive() const { return !m_negative && !isZero(); }
    // How many decimals the value needs at least (0 for whole numbers).
    int decimalsUsed() const;

    Result<Money> plus(const Money &other) const;
    Result<Money> minus(const Money &other) const;
    Money negated() const
    {
        Money result = *this;
        result.m_negative = !m_negative && !isZero();
        return result;
    }
    Money abs() const { return isNegative() ? negated() : *this; }

    // Exact text with exactly `decimals` decimals; asserts that no digit is dropped.
    QString toString(int decimals) const;
    // Exact text with as many decimals as the value needs.
    QString toString() const { return toString(decimalsUsed()); }

    // Zero is never negative, so equal amounts have equal words.
    friend bool operator==(const Money &a, const Money &b)
    {
        return a.m_low == b.m_low && a.m_high == b.m_high && a.m_negative == b.m_negative;
    }
    friend bool operator<(const Money &a, const Money &b)
    {
        if (a.m_negative != b.m_negative)
            return a.m_negative;
        const bool smaller = a.m_high != b.m_high ? a.m_high < b.m_high : a.m_low < b.m_low;
        const bool larger = a.m_high != b.m_high ? a.m_high > b.m_high : a.m_low > b.m_low;
        return a.m_negative ? larger : smaller;
    }
    friend bool operator>(const Money &a, const Money &b) { return b < a; }
    friend bool operator<=(const Money &a, const Money &b) { return !(b < a); }
    friend bool operator>=(const Money &a, const Money &b) { return !(a < b); }

private:
    explicit Money(const Units &units);
    // |units| < 10^28 < 2^94: the magnitude's high word never needs more than 30 bits.
    quint64 m_low = 0;
    quint32 m_high = 0;
    bool m_negative = false;
};

} // namespace billing
