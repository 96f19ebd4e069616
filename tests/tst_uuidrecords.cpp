// UuidRecords: the idempotency records, packed behind a UuidMap of their places.
#include "domain/UuidRecords.h"

#include <QTest>

using namespace billing;

class TestUuidRecords : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aRecordIsAddedOnceAndFoundAgain();
    void removingNewestFirstGivesThePlacesBack();
    void removingAnOlderRecordKeepsTheOthers();
};

namespace {

struct Record
{
    qint64 amount = 0;
    QString note;
    friend bool operator==(const Record &, const Record &) = default;
};

QUuid key(int n)
{
    return QUuid(uint(n), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
}

} // namespace

void TestUuidRecords::aRecordIsAddedOnceAndFoundAgain()
{
    UuidRecords<Record> records;
    QVERIFY(!records.find(key(1)));
    QVERIFY(records.tryInsert(key(1), {10, QStringLiteral("first")}));
    QVERIFY(!records.tryInsert(key(1), {20, QStringLiteral("second")}));
    QVERIFY(records.tryInsert(key(2), {30, {}}));

    QCOMPARE(records.size(), 2);
    QCOMPARE(records.placesUsed(), 2);
    QVERIFY(records.find(key(1)));
    QCOMPARE(*records.find(key(1)), (Record{10, QStringLiteral("first")}));
    QCOMPARE(records[key(2)], (Record{30, {}}));
    QCOMPARE(records[key(3)], Record());

    // insert() replaces in place, as QHash::insert does.
    records.insert(key(1), {40, {}});
    QCOMPARE(records[key(1)].amount, 40);
    QCOMPARE(records.placesUsed(), 2);
    QList<QUuid> keys = records.keys();
    std::sort(keys.begin(), keys.end());
    QCOMPARE(keys, (QList<QUuid>{key(1), key(2)}));
}

void TestUuidRecords::removingNewestFirstGivesThePlacesBack()
{
    // Given ten records, as a fold adds them
    UuidRecords<Record> records;
    for (int n = 0; n < 10; ++n)
        QVERIFY(records.tryInsert(key(n), {n, {}}));

    // When the last four are removed newest first, as an undo does
    for (int n = 9; n >= 6; --n)
        QVERIFY(records.remove(key(n)));

    // Then their places are free again, and a new record takes the next one
    QCOMPARE(records.size(), 6);
    QCOMPARE(records.placesUsed(), 6);
    QVERIFY(!records.find(key(7)));
    QVERIFY(records.tryInsert(key(7), {70, {}}));
    QCOMPARE(records.placesUsed(), 7);
    QCOMPARE(records[key(7)].amount, 70);
    for (int n = 0; n < 6; ++n)
        QCOMPARE(records[key(n)].amount, n);
}

void TestUuidRecords::removingAnOlderRecordKeepsTheOthers()
{
    UuidRecords<Record> records;
    for (int n = 0; n < 300; ++n)
        QVERIFY(records.tryInsert(key(n), {n, QString::number(n)}));
    QVERIFY(records.remove(key(100)));
    QVERIFY(!records.remove(key(100)));
    QCOMPARE(records.size(), 299);
    // An older record leaves its place unused rather than moving the others.
    QCOMPARE(records.placesUsed(), 300);
    QVERIFY(!records.find(key(100)));
    for (int n = 0; n < 300; ++n) {
        if (n != 100)
            QCOMPARE(records[key(n)], (Record{n, QString::number(n)}));
    }
}

QTEST_GUILESS_MAIN(TestUuidRecords)
#include "tst_uuidrecords.moc"
