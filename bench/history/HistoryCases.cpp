#include "HistoryCases.h"

#include "Stats.h"

#include <QElapsedTimer>
#include <QSqlQuery>

#include <algorithm>
#include <cstdio>

namespace billing::bench {
namespace {

constexpr int pageRows = 100;
// The rare free text reads the whole log: a few values are enough to show what it costs.
constexpr int scanSamplesMax = 3;

} // namespace

HistoryCases::HistoryCases(SqliteDatabase &database, AccountPool &pool, int samples, quint64 seed)
    : m_database(database)
    , m_reader(database)
    , m_pool(pool)
    , m_samples(samples)
    , m_random(quint32(seed))
{
    BILLING_ASSERT(samples > 0);
}

Result<QStringList> HistoryCases::valuesAt(const QString &column, int count, qint64 first,
                                           qint64 last)
{
    BILLING_ASSERT(first >= 1 && first <= last && count > 0);
    QStringList values;
    QSqlQuery query(m_database.connection());
    for (int i = 0; i < count; ++i) {
        const qint64 position = first + qint64(m_random.bounded(quint64(last - first + 1)));
        if (!SqliteDatabase::execWith(
                query, QStringLiteral("SELECT %1 FROM events WHERE position = ?").arg(column),
                {position}) ||
            !query.next())
            return SqliteDatabase::failure(query, QStringLiteral("sample %1").arg(column));
        values.append(query.value(0).toString());
    }
    return values;
}

QList<TableFilter>
HistoryCases::filtersOf(const QStringList &values,
                        const std::function<void(TableFilter &, const QString &)> &set)
{
    QList<TableFilter> filters;
    for (const QString &value : values) {
        TableFilter filter;
        set(filter, value);
        filters.append(filter);
    }
    return filters;
}

Status HistoryCases::measure(const Case &measured)
{
    QList<qint64> withCountNs;
    QList<qint64> rowsOnlyNs;
    qint64 totalMin = -1;
    qint64 totalMax = -1;
    for (const TableFilter &filter : measured.filters) {
        TableQuery query;
        query.table = LedgerTable::Events;
        query.sortColumn = int(EventColumn::Position);
        query.descending = true;
        query.filter = filter;
        query.offset = measured.offset;
        query.limit = pageRows;
        query.countLimit = countedRowsFirst; // as the desk's tables count
        for (const bool count : {true, false}) {
            query.countRows = count;
            QElapsedTimer timer;
            timer.start();
            const Result<TablePage> page = m_reader.read(query);
            const qint64 ns = timer.nsecsElapsed();
            if (!page.ok())
                return page.error();
            (count ? withCountNs : rowsOnlyNs).append(ns);
            if (count) {
                const qint64 total = page.value().totalRows;
                totalMin = totalMin < 0 ? total : std::min(totalMin, total);
                totalMax = std::max(totalMax, total);
            }
        }
    }
    const LatencySummary counted = summarize(withCountNs, 0);
    const LatencySummary rows = summarize(rowsOnlyNs, 0);
    std::printf("  %-30s %9.1f %9.1f %9.1f %9.1f   %lld..%lld rows (%lld values)\n",
                qPrintable(measured.label), counted.p50Ms, counted.p99Ms, rows.p50Ms, rows.p99Ms,
                static_cast<long long>(totalMin), static_cast<long long>(totalMax),
                static_cast<long long>(measured.filters.size()));
    std::fflush(stdout);
    return Done{};
}

Status HistoryCases::run(bool scans)
{
    const Result<LedgerMark> mark = m_reader.mark();
    if (!mark.ok())
        return mark.error();
    m_last = mark.value().logged;
    BILLING_ASSERT(m_last > m_pool.count() * 2);
    std::printf("  %lld events; first page = %d rows newest first; ms\n",
                static_cast<long long>(m_last), pageRows);
    std::printf("  %-30s %9s %9s %9s %9s\n", "", "p50", "p99", "p50", "p99");
    std::printf("  %-30s %19s %19s\n", "", "page + count", "page only");

    QList<Case> cases;
    cases.append({QStringLiteral("no filter, newest"), QList<TableFilter>(m_samples), 0});
    cases.append({QStringLiteral("no filter, middle"), QList<TableFilter>(m_samples), m_last / 2});
    cases.append(
        {QStringLiteral("no filter, offset 100,000"), QList<TableFilter>(m_samples), 100000});

    QStringList accounts;
    for (int i = 0; i < m_samples; ++i)
        accounts.append(m_pool.id(qint64(m_random.bounded(quint64(m_pool.count())))));
    cases.append({QStringLiteral("account + its transactions"),
                  filtersOf(accounts, [](TableFilter &f, const QString &v) { f.account = v; })});
    // The bank's external account took part in every top-up: the biggest account history.
    QSqlQuery external(m_database.connection());
    if (!external.exec(QStringLiteral("SELECT id FROM account_projections "
                                      "WHERE type = 'EXTERNAL' LIMIT 1")) ||
        !external.next())
        return SqliteDatabase::failure(external, QStringLiteral("find the external account"));
    cases.append({QStringLiteral("account: external (all top-ups)"),
                  filtersOf({external.value(0).toString()},
                            [](TableFilter &f, const QString &v) { f.account = v; })});

    // Types as they occur, plus the account openings, which all lie at the start of the log.
    Result<QStringList> types = valuesAt(QStringLiteral("event_type"), m_samples - 1, 1, m_last);
    if (!types.ok())
        return types.error();
    types.value().append(QStringLiteral("AccountCreated"));
    cases.append({QStringLiteral("event type"),
                  filtersOf(types.value(), [](TableFilter &f, const QString &v) { f.type = v; })});

    // A narrow range (about 1,000 events), the newest tenth, and the oldest tenth.
    const Result<QStringList> starts =
        valuesAt(QStringLiteral("position"), m_samples, 1, m_last - 1000);
    if (!starts.ok())
        return starts.error();
    QList<TableFilter> narrow;
    QList<TableFilter> newest;
    QList<TableFilter> oldest;
    QSqlQuery time(m_database.connection());
    const auto timeAt = [&](qint64 position) {
        SqliteDatabase::execWith(time,
                                 QStringLiteral("SELECT timestamp FROM events "
                                                "WHERE position = ?"),
                                 {position});
        return time.next() ? time.value(0).toString() : QString();
    };
    for (const QString &start : starts.value()) {
        TableFilter filter;
        filter.fromDate = timeAt(start.toLongLong());
        filter.toDate = timeAt(start.toLongLong() + 1000);
        narrow.append(filter);
        TableFilter recent;
        recent.fromDate = timeAt(m_last - qint64(m_random.bounded(quint64(m_last / 10))));
        newest.append(recent);
        TableFilter old;
        old.toDate = timeAt(1 + qint64(m_random.bounded(quint64(m_last / 10))));
        oldest.append(old);
    }
    cases.append({QStringLiteral("time range, ~1,000 events"), narrow});
    cases.append({QStringLiteral("time range, newest tenth"), newest});
    cases.append({QStringLiteral("time range, oldest tenth"), oldest});

    const Result<QStringList> correlations =
        valuesAt(QStringLiteral("correlation_id"), m_samples, 1, m_last);
    if (!correlations.ok())
        return correlations.error();
    cases.append({QStringLiteral("correlation id (whole saga)"),
                  filtersOf(correlations.value(),
                            [](TableFilter &f, const QString &v) { f.correlationId = v; })});

    QStringList operators;
    for (int i = 0; i < m_samples; ++i)
        operators.append(QStringLiteral("operator-%1").arg(m_random.bounded(16)));
    cases.append(
        {QStringLiteral("operator (1 of 16)"),
         filtersOf(operators, [](TableFilter &f, const QString &v) { f.operatorName = v; })});
    cases.append({QStringLiteral("operator (rare: night-shift)"),
                  filtersOf({QStringLiteral("night-shift")},
                            [](TableFilter &f, const QString &v) { f.operatorName = v; })});

    cases.append({QStringLiteral("free text, common (\"bench\")"),
                  filtersOf({QStringLiteral("bench")},
                            [](TableFilter &f, const QString &v) { f.text = v; })});
    if (scans) {
        // Five-digit owners: with 100,000 accounts "customer-12345" is no prefix of another.
        QStringList owners;
        for (int i = 0; i < std::min(m_samples, scanSamplesMax); ++i)
            owners.append(QStringLiteral("customer-%1").arg(10000 + m_random.bounded(89999)));
        cases.append({QStringLiteral("free text, rare (an owner)"),
                      filtersOf(owners, [](TableFilter &f, const QString &v) { f.text = v; })});
        // The first two words of an account id: what an auditor pastes or types.
        QStringList prefixes;
        for (int i = 0; i < std::min(m_samples, scanSamplesMax); ++i)
            prefixes.append(m_pool.id(qint64(m_random.bounded(quint64(m_pool.count())))).left(13));
        cases.append({QStringLiteral("free text, rare (an account id's start)"),
                      filtersOf(prefixes, [](TableFilter &f, const QString &v) { f.text = v; })});
    }
    for (const Case &measured : std::as_const(cases)) {
        if (Status done = measure(measured); !done.ok())
            return done;
    }
    return Done{};
}

} // namespace billing::bench
