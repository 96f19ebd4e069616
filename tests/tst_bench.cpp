// billing-bench end to end on a small store: it runs, prints one JSON document, and its counts
// add up. Not a timed test: no figure is held to a target here, only to the work it names.
#include "domain/Invariant.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

class TestBench : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void embeddedFiguresAddUp();
};

namespace {

constexpr qint64 batch = 100;
constexpr qint64 single = 20;
constexpr qint64 eventsPerTransfer = 4;

QJsonObject child(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toObject();
}

qint64 integer(const QJsonObject &object, const char *key)
{
    return object.value(QLatin1String(key)).toInteger(-1);
}

} // namespace

void TestBench::embeddedFiguresAddUp()
{
    const QString bench = qEnvironmentVariable("BILLING_BENCH");
    if (bench.isEmpty())
        QSKIP("BILLING_BENCH is not set: the benchmarks were not built");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QProcess process;
    process.start(bench,
                  {QStringLiteral("--accounts"), QStringLiteral("200"), QStringLiteral("--events"),
                   QStringLiteral("4000"), QStringLiteral("--single"), QString::number(single),
                   QStringLiteral("--batch"), QString::number(batch), QStringLiteral("--dir"),
                   dir.path(), QStringLiteral("--json")});
    QVERIFY(process.waitForFinished(240000));
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
             process.readAllStandardError().constData());
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(process.readAllStandardOutput(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonObject report = document.object();

    QCOMPARE(integer(child(report, "singleTransfers").value(QStringLiteral("measured")).toObject(),
                     "count"),
             single);
    const QJsonObject batched = child(report, "batchedTransfers");
    const qint64 transfers = integer(batched, "transfers");
    QVERIFY(transfers >= batch);
    QCOMPARE(integer(batched, "batches"), (transfers + batch - 1) / batch);
    // The floor copies exactly the batched run's events; the CRUD ledger runs as many transfers
    // in commits of the same size.
    const QJsonObject floor = child(batched, "storageFloor");
    QCOMPARE(integer(floor, "events"), transfers * eventsPerTransfer);
    const QJsonObject crud = child(batched, "crudBatched");
    QCOMPARE(integer(crud, "transfers"), transfers);
    QCOMPARE(integer(crud, "commits"), (transfers + batch - 1) / batch);
    QVERIFY(crud.value(QStringLiteral("perSecond")).toDouble() > 0);
    QVERIFY(integer(child(report, "replay"), "events") >= 4000);

    // The baseline moved money as a ledger must: every leg has its opposite, and each transfer
    // of both runs wrote its two entries.
    {
        QSqlDatabase database =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("crud"));
        database.setDatabaseName(dir.filePath(QStringLiteral("bench-crud.db")));
        QVERIFY(database.open());
        QSqlQuery query(database);
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*), SUM(amount) FROM entries")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toLongLong(), 2 * (single + transfers));
        QCOMPARE(query.value(1).toLongLong(), 0);
        QVERIFY(query.exec(QStringLiteral("SELECT SUM(balance), COUNT(*) FROM accounts")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toLongLong(), query.value(1).toLongLong() * 100000);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("crud"));
}

QTEST_GUILESS_MAIN(TestBench)
#include "tst_bench.moc"
