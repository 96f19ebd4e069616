// UuidMap: the flat table behind the account, transaction and idempotency indexes, and the
// Kafka log's set of taken idempotency keys built on it; the time-ordered ids the ledger makes.
#include "application/Clock.h"
#include "domain/UuidMap.h"
#include "infrastructure/TakenKeys.h"

#include <QHash>
#include <QRandomGenerator>
#include <QTest>

using namespace billing;

class TestUuidMap : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aKeyIsAddedOnceAndFoundAgain();
    void growsPastSevenEighthsAndKeepsEveryKey();
    void keysWithOneHomeAreAllFoundAndSurviveRemovals();
    void probesWrapFromTheLastSlotToTheFirst();
    void theNullUuidIsAKeyLikeAnyOther();
    void behavesAsQHashOverRandomOperations();
    void takenKeysTellUuidAndOtherTextApart();
    void timeOrderedIdsSortAsTheyWereMade();
};

namespace {

// Random keys from a fixed seed, so that a failure can be run again.
QUuid randomKey(QRandomGenerator &random)
{
    std::array<quint32, 4> words{};
    random.fillRange(words.data(), qsizetype(words.size()));
    return QUuid::fromRfc4122(
        QByteArrayView(reinterpret_cast<const char *>(words.data()), qsizetype(sizeof words)));
}

// `count` keys whose probe starts at `home` in a table of `capacity` slots.
QList<QUuid> keysAt(std::size_t home, std::size_t capacity, int count)
{
    QRandomGenerator random(42);
    QList<QUuid> keys;
    for (int tries = 0; keys.size() < count && tries < 1000000; ++tries) {
        const QUuid key = randomKey(random);
        if (UuidMap<int>::home(key, capacity) == home)
            keys.append(key);
    }
    return keys;
}

} // namespace

void TestUuidMap::aKeyIsAddedOnceAndFoundAgain()
{
    // Given an empty map
    UuidMap<int> map;
    const QUuid key = QUuid::fromString(u"4c012862-22ef-475a-87b9-e511be221f15");
    const QUuid other = QUuid::fromString(u"2deb3c89-7560-5a85-ab33-1f736232ff0b");
    QVERIFY(!map.find(key));

    // When a key is added, and added again with another value
    QVERIFY(map.tryInsert(key, 7));
    QVERIFY(!map.tryInsert(key, 8));

    // Then the first value stays, and only that key is there
    QCOMPARE(map.size(), 1);
    QVERIFY(map.find(key));
    QCOMPARE(*map.find(key), 7);
    QVERIFY(!map.find(other));
    QCOMPARE(map.value(other), 0);

    // And insert() replaces, as QHash::insert does
    map.insert(key, 9);
    QCOMPARE(map.value(key), 9);
    QCOMPARE(map.size(), 1);
    QVERIFY(map.remove(key));
    QVERIFY(!map.remove(key));
    QVERIFY(!map.find(key));
    QVERIFY(map.isEmpty());
}

void TestUuidMap::growsPastSevenEighthsAndKeepsEveryKey()
{
    UuidMap<quint32> map;
    QRandomGenerator random(7);
    QList<QUuid> keys;
    for (quint32 i = 0; i < 20000; ++i) {
        keys.append(randomKey(random));
        QVERIFY(map.tryInsert(keys.constLast(), i));
        // A power of two, never fuller than 7/8.
        QCOMPARE(map.capacity() & (map.capacity() - 1), 0);
        QVERIFY(8 * map.size() <= 7 * map.capacity());
    }
    QCOMPARE(map.size(), 20000);
    QCOMPARE(map.capacity(), 32768);
    for (quint32 i = 0; i < quint32(keys.size()); ++i) {
        const quint32 *found = map.find(keys[i]);
        QVERIFY(found);
        QCOMPARE(*found, i);
    }
    for (int i = 0; i < 1000; ++i)
        QVERIFY(!map.find(randomKey(random)));
    QCOMPARE(map.keys().size(), keys.size());
}

void TestUuidMap::keysWithOneHomeAreAllFoundAndSurviveRemovals()
{
    // Given ten keys that all start their probe at slot 3 of the first table (16 slots), and
    // two that start at slot 5, inside the run the ten make
    const QList<QUuid> colliding = keysAt(3, 16, 10);
    const QList<QUuid> next = keysAt(5, 16, 2);
    QCOMPARE(colliding.size(), 10);
    QCOMPARE(next.size(), 2);
    UuidMap<int> map;
    for (int i = 0; i < colliding.size(); ++i)
        QVERIFY(map.tryInsert(colliding[i], i));
    for (int i = 0; i < next.size(); ++i)
        QVERIFY(map.tryInsert(next[i], 100 + i));
    QCOMPARE(map.capacity(), 16);

    // When keys are removed from the start, the middle and the end of the run
    for (const int removed : {0, 5, 9}) {
        QVERIFY(map.remove(colliding[removed]));
        QVERIFY(!map.find(colliding[removed]));
    }

    // Then every other key is still found with its value
    for (int i = 0; i < colliding.size(); ++i) {
        if (i == 0 || i == 5 || i == 9)
            continue;
        QVERIFY2(map.find(colliding[i]), qPrintable(QString::number(i)));
        QCOMPARE(*map.find(colliding[i]), i);
    }
    for (int i = 0; i < next.size(); ++i)
        QCOMPARE(map.value(next[i]), 100 + i);
    QCOMPARE(map.size(), 9);
}

void TestUuidMap::probesWrapFromTheLastSlotToTheFirst()
{
    const QList<QUuid> last = keysAt(15, 16, 4);
    const QList<QUuid> first = keysAt(0, 16, 2);
    QCOMPARE(last.size(), 4);
    UuidMap<int> map;
    for (int i = 0; i < last.size(); ++i)
        QVERIFY(map.tryInsert(last[i], i));
    for (int i = 0; i < first.size(); ++i)
        QVERIFY(map.tryInsert(first[i], 10 + i));
    QCOMPARE(map.capacity(), 16);
    // The one in slot 15 goes; those that wrapped past it must move back and stay found.
    QVERIFY(map.remove(last[0]));
    for (int i = 1; i < last.size(); ++i)
        QCOMPARE(map.value(last[i]), i);
    for (int i = 0; i < first.size(); ++i)
        QCOMPARE(map.value(first[i]), 10 + i);
}

void TestUuidMap::theNullUuidIsAKeyLikeAnyOther()
{
    // The null UUID marks the empty slots inside the table, yet is a valid id and key.
    UuidMap<int> map;
    QVERIFY(!map.find(QUuid()));
    QVERIFY(map.tryInsert(QUuid(), 5));
    QVERIFY(!map.tryInsert(QUuid(), 6));
    QCOMPARE(map.size(), 1);
    QCOMPARE(map.value(QUuid()), 5);
    QCOMPARE(map.keys(), QList<QUuid>{QUuid()});
    QVERIFY(map.remove(QUuid()));
    QVERIFY(map.isEmpty());
}

void TestUuidMap::behavesAsQHashOverRandomOperations()
{
    // Few distinct keys, so that adds, replacements and removals of present keys all happen.
    QRandomGenerator random(2026);
    QList<QUuid> pool;
    for (int i = 0; i < 3000; ++i)
        pool.append(randomKey(random));
    pool.append(QUuid());
    UuidMap<int> map;
    QHash<QUuid, int> model;
    for (int step = 0; step < 100000; ++step) {
        const QUuid &key = pool[random.bounded(qsizetype(pool.size()))];
        const int value = int(random.bounded(1000));
        switch (random.bounded(4)) {
        case 0:
            QCOMPARE(map.tryInsert(key, value), !model.contains(key));
            model.insert(key, model.value(key, value));
            break;
        case 1:
            map.insert(key, value);
            model.insert(key, value);
            break;
        case 2:
            QCOMPARE(map.remove(key), model.remove(key));
            break;
        default:
            QCOMPARE(map.find(key) != nullptr, model.contains(key));
            QCOMPARE(map.value(key), model.value(key));
            break;
        }
        QCOMPARE(map.size(), model.size());
    }
    for (const QUuid &key : std::as_const(pool))
        QCOMPARE(map.value(key), model.value(key));
}

// A key in the canonical UUID form is kept as bytes, any other as text: the upper-case
// spelling of a taken UUID key is another key, and text keys are found as they are.
void TestUuidMap::takenKeysTellUuidAndOtherTextApart()
{
    TakenKeys keys;
    const QString uuid = QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950e");
    QVERIFY(!keys.contains(uuid));
    keys.insert(uuid);
    keys.insert(QStringLiteral("import-2026-11-26-row-7"));
    QVERIFY(keys.contains(uuid));
    QVERIFY(keys.contains(QStringLiteral("import-2026-11-26-row-7")));
    QVERIFY(!keys.contains(uuid.toUpper()));
    QVERIFY(!keys.contains(QStringLiteral("import-2026-11-26-row-8")));
    QVERIFY(!keys.contains(QStringLiteral("0f8fad5b-d9cb-469f-a165-70867728950f")));
    keys.insert(uuid.toUpper());
    QVERIFY(keys.contains(uuid.toUpper()));
}

void TestUuidMap::timeOrderedIdsSortAsTheyWereMade()
{
    TimeOrderedIds ids;
    QStringList made;
    // Many in each millisecond: the counter orders them and, when it runs out, moves on.
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < 20000; ++i)
        made.append(ids.newId());
    QCOMPARE(QSet<QString>(made.cbegin(), made.cend()).size(), made.size());
    QStringList sorted = made;
    sorted.sort();
    QCOMPARE(sorted, made);
    for (const QString &id : {made.first(), made.last()}) {
        const QUuid uuid(id);
        QVERIFY(!uuid.isNull());
        QCOMPARE(uuid.toString(QUuid::WithoutBraces), id);
        // Version 7 (Qt 6.4's QUuid::version() knows only 1 to 5), the RFC's variant.
        QCOMPARE(id.at(14), u'7');
        QCOMPARE(uuid.variant(), QUuid::DCE);
    }
    // The first 48 bits are the time it was made, in Unix milliseconds.
    const qint64 stamped =
        made.first().left(8).append(made.first().mid(9, 4)).toLongLong(nullptr, 16);
    QVERIFY(stamped >= before && stamped <= QDateTime::currentMSecsSinceEpoch());
}

QTEST_GUILESS_MAIN(TestUuidMap)
#include "tst_uuidmap.moc"
