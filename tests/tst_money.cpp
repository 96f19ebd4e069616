#include "domain/Money.h"
#include "domain/ReasonCode.h"

#include <QTest>

using namespace billing;

namespace {

const QString largest = QStringLiteral("99999999999999999999.99999999");
const QString smallestUnit = QStringLiteral("0.00000001");

// A data row that starts with text cells; more cells of other types may follow with <<.
QTestData &row(const char *name, std::initializer_list<QString> cells)
{
    QTestData &data = QTest::newRow(name);
    for (const QString &cell : cells)
        data << cell;
    return data;
}

Money exact(const QString &text)
{
    const Result<Money> parsed = Money::parse(text, Money::scale, Money::Sign::AllowNegative);
    BILLING_ASSERT(parsed.ok());
    return parsed.value();
}

Money::Sign signFor(bool allowNegative)
{
    return allowNegative ? Money::Sign::AllowNegative : Money::Sign::PositiveOnly;
}

} // namespace

class TestMoney : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseAcceptsPlainDecimals_data();
    void parseAcceptsPlainDecimals();
    void parseRefusesEachShapeWithItsOwnCode_data();
    void parseRefusesEachShapeWithItsOwnCode();
    void formatsWithTheCurrencyDecimals_data();
    void formatsWithTheCurrencyDecimals();
    void largestValueRoundTrips_data();
    void largestValueRoundTrips();
    void arithmeticIsExact_data();
    void arithmeticIsExact();
    void overflowIsAnErrorNeverAWrap_data();
    void overflowIsAnErrorNeverAWrap();
    void comparesByValue_data();
    void comparesByValue();
    void decimalsUsed_data();
    void decimalsUsed();
    void signHelpers();
};

void TestMoney::parseAcceptsPlainDecimals_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("maxDecimals");
    QTest::addColumn<bool>("allowNegative");
    QTest::addColumn<QString>("units"); // the exact value in 10^-8, as a decimal integer

    QTest::newRow("two decimals") << "12.50" << 2 << false << "1250000000";
    QTest::newRow("zero") << "0" << 0 << false << "0";
    QTest::newRow("zero with decimals") << "0.00" << 2 << false << "0";
    QTest::newRow("whole number") << "42" << 2 << false << "4200000000";
    QTest::newRow("negative cent") << "-0.01" << 2 << true << "-1000000";
    QTest::newRow("negative zero is zero") << "-0" << 0 << true << "0";
    // Zero however it is written; a positive-only amount refuses it as zero, not as negative.
    QTest::newRow("negative zero, positive only") << "-0.00" << 2 << false << "0";
    QTest::newRow("smallest unit") << smallestUnit << 8 << false << "1";
    QTest::newRow("fewer decimals than allowed") << "1.5" << 8 << false << "150000000";
    QTest::newRow("20 integer digits")
        << "12345678901234567890" << 0 << false << "1234567890123456789000000000";
    QTest::newRow("largest") << largest << 8 << false << "9999999999999999999999999999";
    QTest::newRow("most negative")
        << u'-' + largest << 8 << true << "-9999999999999999999999999999";
}

void TestMoney::parseAcceptsPlainDecimals()
{
    QFETCH(QString, text);
    QFETCH(int, maxDecimals);
    QFETCH(bool, allowNegative);
    QFETCH(QString, units);

    const Result<Money> parsed = Money::parse(text, maxDecimals, signFor(allowNegative));

    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().code));
    QVERIFY2(parsed.value() == Money::fromUnits(Units(units.toLatin1().constData())),
             qPrintable(parsed.value().toString()));
}

void TestMoney::parseRefusesEachShapeWithItsOwnCode_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("maxDecimals");
    QTest::addColumn<bool>("allowNegative");
    QTest::addColumn<QString>("code");

    QTest::newRow("empty") << "" << 2 << true << reason::amountEmpty;
    QTest::newRow("exponent") << "1e5" << 2 << true << reason::amountExponent;
    QTest::newRow("upper exponent") << "1E-2" << 2 << true << reason::amountExponent;
    QTest::newRow("comma grouping") << "1,000.00" << 2 << true << reason::amountGrouping;
    QTest::newRow("space grouping") << "1 000" << 2 << true << reason::amountGrouping;
    QTest::newRow("underscore grouping") << "1_000" << 2 << true << reason::amountGrouping;
    QTest::newRow("apostrophe grouping") << "1'000" << 2 << true << reason::amountGrouping;
    QTest::newRow("no-break space grouping")
        << QStringLiteral("1\u00A0000") << 2 << true << reason::amountGrouping;
    QTest::newRow("narrow no-break space grouping")
        << QStringLiteral("1\u202F000") << 2 << true << reason::amountGrouping;
    QTest::newRow("point grouping") << "1.000.000" << 2 << true << reason::amountGrouping;
    QTest::newRow("point grouping, comma decimals")
        << "1.000,50" << 2 << true << reason::amountGrouping;
    QTest::newRow("exponent with a point") << "1.5e3" << 2 << true << reason::amountExponent;
    QTest::newRow("currency after the amount") << "12.50 EUR" << 2 << true << reason::amountFormat;
    QTest::newRow("unit with an e") << "1 ETH" << 8 << true << reason::amountFormat;
    QTest::newRow("NaN") << "NaN" << 2 << true << reason::amountNotFinite;
    QTest::newRow("inf") << "inf" << 2 << true << reason::amountNotFinite;
    QTest::newRow("-Infinity") << "-Infinity" << 2 << true << reason::amountNotFinite;
    QTest::newRow("-Infinity, positive only")
        << "-Infinity" << 2 << false << reason::amountNotFinite;
    QTest::newRow("negative, positive only") << "-5" << 2 << false << reason::amountNegative;
    QTest::newRow("negative cent, positive only")
        << "-0.01" << 2 << false << reason::amountNegative;
    QTest::newRow("sign only, positive only") << "-" << 2 << false << reason::amountFormat;
    QTest::newRow("sign and text, positive only") << "-abc" << 2 << false << reason::amountFormat;
    QTest::newRow("letters") << "abc" << 2 << true << reason::amountFormat;
    QTest::newRow("leading space") << " 5" << 2 << true << reason::amountFormat;
    QTest::newRow("trailing space") << "5 " << 2 << true << reason::amountFormat;
    QTest::newRow("trailing comma") << "5," << 2 << true << reason::amountFormat;
    QTest::newRow("no integer part") << ".5" << 2 << true << reason::amountFormat;
    QTest::newRow("no fraction after point") << "5." << 2 << true << reason::amountFormat;
    QTest::newRow("plus sign") << "+5" << 2 << true << reason::amountFormat;
    QTest::newRow("two points") << "1.2.3" << 2 << true << reason::amountFormat;
    QTest::newRow("sign only") << "-" << 2 << true << reason::amountFormat;
    QTest::newRow("trailing letters") << "12abc" << 2 << true << reason::amountFormat;
    QTest::newRow("hex") << "0x10" << 2 << true << reason::amountFormat;
    QTest::newRow("non-ASCII digits")
        << QStringLiteral("\u0661\u0662") << 2 << true << reason::amountFormat;
    QTest::newRow("three decimals, currency allows two")
        << "1.001" << 2 << true << reason::amountTooPrecise;
    QTest::newRow("trailing zero still counts") << "1.10" << 1 << true << reason::amountTooPrecise;
    QTest::newRow("decimals, currency allows none")
        << "1.5" << 0 << true << reason::amountTooPrecise;
    QTest::newRow("nine decimals") << "0.000000001" << 8 << true << reason::amountTooPrecise;
    QTest::newRow("21 integer digits")
        << "100000000000000000000" << 8 << true << reason::amountOutOfRange;
    QTest::newRow("21 integer digits, negative")
        << "-100000000000000000000" << 8 << true << reason::amountOutOfRange;
    QTest::newRow("largest plus a digit")
        << "999999999999999999999.99999999" << 8 << true << reason::amountOutOfRange;
}

void TestMoney::parseRefusesEachShapeWithItsOwnCode()
{
    QFETCH(QString, text);
    QFETCH(int, maxDecimals);
    QFETCH(bool, allowNegative);
    QFETCH(QString, code);

    const Result<Money> parsed = Money::parse(text, maxDecimals, signFor(allowNegative));

    QVERIFY2(!parsed.ok(),
             qPrintable(parsed.ok() ? QStringLiteral("accepted as ") + parsed.value().toString()
                                    : QString()));
    QCOMPARE(parsed.error().code, code);
    QCOMPARE(parsed.error().field, QStringLiteral("amount"));
    QVERIFY(!parsed.error().message.isEmpty());
}

void TestMoney::formatsWithTheCurrencyDecimals_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("text");

    QTest::newRow("USD pads to two") << "12.5" << 2 << "12.50";
    QTest::newRow("BTC pads to eight") << "12.5" << 8 << "12.50000000";
    QTest::newRow("JPY whole") << "1500" << 0 << "1500";
    QTest::newRow("zero, USD") << "0" << 2 << "0.00";
    QTest::newRow("zero, JPY") << "0" << 0 << "0";
    QTest::newRow("negative cent") << "-0.01" << 2 << "-0.01";
    QTest::newRow("negative cent, eight") << "-0.01" << 8 << "-0.01000000";
    QTest::newRow("negative whole, JPY") << "-7" << 0 << "-7";
    QTest::newRow("smallest unit") << smallestUnit << 8 << "0.00000001";
    QTest::newRow("fraction leading zeros") << "3.05" << 2 << "3.05";
    QTest::newRow("largest") << largest << 8 << largest;
}

void TestMoney::formatsWithTheCurrencyDecimals()
{
    QFETCH(QString, value);
    QFETCH(int, decimals);
    QFETCH(QString, text);

    QCOMPARE(exact(value).toString(decimals), text);
}

void TestMoney::largestValueRoundTrips_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("largest") << largest;
    QTest::newRow("most negative") << u'-' + largest;
}

void TestMoney::largestValueRoundTrips()
{
    QFETCH(QString, text);

    const Money parsed = exact(text);

    QVERIFY(parsed.abs().units() == Money::maxUnits());
    QCOMPARE(parsed.decimalsUsed(), 8);
    QCOMPARE(parsed.toString(8), text);
    QCOMPARE(parsed.toString(), text);
    QVERIFY(exact(parsed.toString()) == parsed);
    QVERIFY(parsed.negated().negated() == parsed);
    QCOMPARE(parsed.abs().toString(), largest);
}

void TestMoney::arithmeticIsExact_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<QString>("sum");
    QTest::addColumn<QString>("difference");

    // 0.1 + 0.2 is the classic binary floating-point trap.
    row("tenths", {"0.1", "0.2", "0.3", "-0.1"});
    row("smallest units", {smallestUnit, smallestUnit, "0.00000002", "0"});
    row("crosses zero", {"1.00", "-3.25", "-2.25", "4.25"});
    row("largest minus itself", {largest, largest, "", "0"});
    row("largest plus most negative", {largest, u'-' + largest, "0", ""});
    QTest::newRow("to the largest") << "99999999999999999999.99999998" << smallestUnit << largest
                                    << "99999999999999999999.99999997";
}

void TestMoney::arithmeticIsExact()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(QString, sum);
    QFETCH(QString, difference);

    // An empty expectation means that result is out of range; overflows have their own test.
    const Result<Money> plus = exact(a).plus(exact(b));
    QCOMPARE(plus.ok(), !sum.isEmpty());
    if (plus.ok())
        QCOMPARE(plus.value().toString(), sum);
    const Result<Money> minus = exact(a).minus(exact(b));
    QCOMPARE(minus.ok(), !difference.isEmpty());
    if (minus.ok())
        QCOMPARE(minus.value().toString(), difference);
}

void TestMoney::overflowIsAnErrorNeverAWrap_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("subtract");

    QTest::newRow("largest plus a unit") << largest << smallestUnit << false;
    QTest::newRow("largest plus largest") << largest << largest << false;
    QTest::newRow("most negative minus a unit") << u'-' + largest << smallestUnit << true;
    QTest::newRow("most negative minus largest") << u'-' + largest << largest << true;
    QTest::newRow("largest minus most negative") << largest << u'-' + largest << true;
    QTest::newRow("most negative plus most negative") << u'-' + largest << u'-' + largest << false;
}

void TestMoney::overflowIsAnErrorNeverAWrap()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, subtract);

    const Money left = exact(a);
    const Money right = exact(b);
    const Result<Money> result = subtract ? left.minus(right) : left.plus(right);

    QVERIFY2(!result.ok(),
             qPrintable(result.ok() ? QStringLiteral("wrapped to ") + result.value().toString()
                                    : QString()));
    QCOMPARE(result.error().code, reason::amountOutOfRange);
    // The operands are values, untouched by the failed operation.
    QCOMPARE(left.toString(), a);
    QCOMPARE(right.toString(), b);
}

void TestMoney::comparesByValue_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("order"); // sign of a - b

    row("equal", {"12.50", "12.5"}) << 0;
    row("negative zero equals zero", {"-0", "0"}) << 0;
    QTest::newRow("a unit above zero") << smallestUnit << "0" << 1;
    row("a unit below zero", {"-0.00000001", "0"}) << -1;
    row("negatives", {"-1", "-0.99999999"}) << -1;
    row("integer part decides", {"10", "9.99999999"}) << 1;
    QTest::newRow("extremes") << u'-' + largest << largest << -1;
    QTest::newRow("largest and its neighbour") << largest << "99999999999999999999.99999998" << 1;
}

void TestMoney::comparesByValue()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, order);

    const Money left = exact(a);
    const Money right = exact(b);

    QCOMPARE(left == right, order == 0);
    QCOMPARE(left < right, order < 0);
    QCOMPARE(left > right, order > 0);
    QCOMPARE(left <= right, order <= 0);
    QCOMPARE(left >= right, order >= 0);
    // Antisymmetry: swapping the operands flips the answer.
    QCOMPARE(right<left, order> 0);
    QCOMPARE(right == left, order == 0);
}

void TestMoney::decimalsUsed_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("shortest");

    QTest::newRow("zero") << "0" << 0 << "0";
    QTest::newRow("whole") << "1200" << 0 << "1200";
    QTest::newRow("whole written with decimals") << "7.000" << 0 << "7";
    QTest::newRow("trailing zero dropped") << "12.50" << 1 << "12.5";
    QTest::newRow("cents") << "-3.25" << 2 << "-3.25";
    QTest::newRow("inner zero kept") << "10.05" << 2 << "10.05";
    QTest::newRow("smallest unit") << smallestUnit << 8 << smallestUnit;
    QTest::newRow("negative smallest unit") << "-0.00000001" << 8 << "-0.00000001";
    QTest::newRow("largest") << largest << 8 << largest;
}

void TestMoney::decimalsUsed()
{
    QFETCH(QString, value);
    QFETCH(int, decimals);
    QFETCH(QString, shortest);

    const Money money = exact(value);

    QCOMPARE(money.decimalsUsed(), decimals);
    QCOMPARE(money.toString(), shortest);
    QCOMPARE(money.toString(decimals), shortest);
}

void TestMoney::signHelpers()
{
    QVERIFY(Money().isZero());
    QCOMPARE(Money().toString(), QStringLiteral("0"));
    QVERIFY(Money::fromUnits(Units(1)) == exact(smallestUnit));

    const Money debt = exact(QStringLiteral("-4.20"));
    QVERIFY(debt.isNegative());
    QVERIFY(!debt.isPositive());
    QVERIFY(!debt.isZero());
    QCOMPARE(debt.abs().toString(2), QStringLiteral("4.20"));
    QCOMPARE(debt.negated().toString(2), QStringLiteral("4.20"));
    QVERIFY(debt.negated().isPositive());
    QVERIFY(exact(QStringLiteral("-0")).isZero());
    QVERIFY(!exact(QStringLiteral("-0")).isNegative());
}

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
