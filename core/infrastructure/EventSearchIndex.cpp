#include "EventSearchIndex.h"

#include "SqliteDatabase.h"
#include "domain/Invariant.h"
#include "domain/ReasonCode.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

namespace billing {
namespace {

// Bumped when what is indexed changes: an index of another format is built again.
constexpr int indexFormat = 1;

// A word is what SQLite's unicode61 tokenizer keeps together: letters and digits.
bool isWordCharacter(QChar c)
{
    return c.isLetterOrNumber();
}

Error failed(const QSqlQuery &query, const QString &what)
{
    return Error{reason::storageFailure,
                 QStringLiteral("search index: %1: %2").arg(what, query.lastError().text()),
                 {}};
}

Result<qint64> single(QSqlDatabase &ledger, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(ledger);
    if (!SqliteDatabase::execWith(query, sql, values))
        return failed(query, sql.left(60));
    return query.next() ? query.value(0).toLongLong() : qint64(-1);
}

Status exec(QSqlDatabase &ledger, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery query(ledger);
    if (!SqliteDatabase::execWith(query, sql, values))
        return failed(query, sql.left(60));
    return Done{};
}

// The index's own position, and whether the event there is still the one it indexed.
Result<qint64> validPosition(QSqlDatabase &ledger)
{
    QSqlQuery state(ledger);
    if (!SqliteDatabase::execWith(state,
                                  QStringLiteral("SELECT i.position, i.format, i.hash = e.hash "
                                                 "FROM search.indexed i LEFT JOIN main.events e "
                                                 "ON e.position = i.position WHERE i.id = 1"),
                                  {}))
        return failed(state, QStringLiteral("read its position"));
    if (!state.next())
        return failed(state, QStringLiteral("its position is missing"));
    const qint64 position = state.value(0).toLongLong();
    const bool sameLog = position == 0 || state.value(2).toInt() == 1;
    if (state.value(1).toInt() == indexFormat && sameLog)
        return position;
    state.finish();
    // Another log (a restored or replaced file) or another format: start again.
    if (Status cleared = exec(ledger, QStringLiteral("INSERT INTO search.event_words(event_words) "
                                                     "VALUES('delete-all')"));
        !cleared.ok())
        return cleared.error();
    if (Status reset = exec(
            ledger, QStringLiteral("UPDATE search.indexed SET position = 0, hash = '', format = ?"),
            {indexFormat});
        !reset.ok())
        return reset.error();
    return qint64(0);
}

} // namespace

QString EventSearchIndex::pathForStore(const QString &storePath)
{
    const QByteArray name =
        QCryptographicHash::hash(QFileInfo(storePath).absoluteFilePath().toUtf8(),
                                 QCryptographicHash::Sha1)
            .toHex();
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    return QDir(folder).filePath(QStringLiteral("search-%1.db").arg(QString::fromLatin1(name)));
}

Status EventSearchIndex::attach(QSqlDatabase &ledger, const QString &indexPath)
{
    if (!QDir().mkpath(QFileInfo(indexPath).absolutePath()))
        return Error{reason::storageFailure,
                     QStringLiteral("search index: cannot create the folder of %1").arg(indexPath),
                     {}};
    // One connection may serve several readers: the first one attaches it.
    const Result<qint64> attachedBefore = single(
        ledger, QStringLiteral("SELECT COUNT(*) FROM pragma_database_list WHERE name = 'search'"));
    if (!attachedBefore.ok())
        return attachedBefore.error();
    if (attachedBefore.value() > 0)
        return Done{};
    if (Status attached = exec(ledger, QStringLiteral("ATTACH DATABASE ? AS search"), {indexPath});
        !attached.ok())
        return attached;
    // A cache: WAL lets desks read it while another one adds to it, and a commit that a power
    // cut loses is only indexed again.
    for (const QString &sql :
         {QStringLiteral("PRAGMA search.journal_mode=WAL"),
          QStringLiteral("PRAGMA search.synchronous=NORMAL"),
          // Contentless and without word positions: the events keep the text, the index only
          // says which events hold a word, which keeps it a fraction of the log's size.
          QStringLiteral("CREATE VIRTUAL TABLE IF NOT EXISTS search.event_words USING "
                         "fts5(words, content='', detail=none, "
                         "tokenize='unicode61 remove_diacritics 2')"),
          QStringLiteral("CREATE TABLE IF NOT EXISTS search.indexed ("
                         "id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL, "
                         "hash TEXT NOT NULL, format INTEGER NOT NULL)"),
          QStringLiteral("INSERT OR IGNORE INTO search.indexed VALUES (1, 0, '', %1)")
              .arg(indexFormat)}) {
        if (Status done = exec(ledger, sql); !done.ok())
            return done;
    }
    return Done{};
}

Result<EventSearchIndex::Progress> EventSearchIndex::indexNext(QSqlDatabase &ledger,
                                                               qint64 maxEvents)
{
    BILLING_ASSERT(maxEvents > 0);
    // A write first: the index's write lock is taken before its position is read.
    if (Status locked =
            exec(ledger, QStringLiteral("UPDATE search.indexed SET position = position"));
        !locked.ok())
        return locked.error();
    const Result<qint64> from = validPosition(ledger);
    if (!from.ok())
        return from.error();
    const Result<qint64> last =
        single(ledger, QStringLiteral("SELECT IFNULL(MAX(position), 0) FROM main.events"));
    if (!last.ok())
        return last.error();
    const qint64 to = std::min(last.value(), from.value() + maxEvents);
    if (to <= from.value())
        return Progress{from.value(), last.value()};
    // The values of each event, without the ones that every event has in another form
    // (time, versions, positions) or that nobody types (the payload's hash). A body that is
    // not JSON (a damaged event) is indexed as it is.
    if (Status added = exec(
            ledger,
            QStringLiteral("INSERT INTO search.event_words(rowid, words) "
                           "SELECT position, iif(json_valid(b), (SELECT group_concat(value, ' ') "
                           "FROM json_tree(b) WHERE atom IS NOT NULL AND key NOT IN ('timestamp', "
                           "'schemaVersion', 'position', 'aggregateVersion', 'payloadHash')), b) "
                           "FROM (SELECT position, CAST(body AS TEXT) AS b FROM main.events "
                           "WHERE position > ? AND position <= ? ORDER BY position)"),
            {from.value(), to});
        !added.ok())
        return added.error();
    if (Status moved =
            exec(ledger,
                 QStringLiteral("UPDATE search.indexed SET position = ?, "
                                "hash = (SELECT hash FROM main.events WHERE position = ?)"),
                 {to, to});
        !moved.ok())
        return moved.error();
    return Progress{to, last.value()};
}

Result<EventSearchIndex::Progress> EventSearchIndex::progress(QSqlDatabase &ledger)
{
    QSqlQuery query(ledger);
    if (!SqliteDatabase::execWith(
            query,
            QStringLiteral("SELECT (SELECT position FROM search.indexed WHERE id = 1), "
                           "(SELECT IFNULL(MAX(position), 0) FROM main.events)"),
            {}) ||
        !query.next())
        return failed(query, QStringLiteral("read its position"));
    return Progress{query.value(0).toLongLong(), query.value(1).toLongLong()};
}

Result<EventSearchIndex::Progress>
EventSearchIndex::catchUp(QSqlDatabase &ledger,
                          const std::function<bool(const Progress &)> &keepGoing)
{
    for (;;) {
        if (Status begun = exec(ledger, QStringLiteral("BEGIN")); !begun.ok())
            return begun.error();
        Result<Progress> step = indexNext(ledger, chunkEvents);
        if (!step.ok()) {
            static_cast<void>(exec(ledger, QStringLiteral("ROLLBACK")));
            return step;
        }
        if (Status committed = exec(ledger, QStringLiteral("COMMIT")); !committed.ok())
            return committed.error();
        // The ledger's connections leave checkpoints to a thread of their own, which knows
        // nothing of this file: without this its WAL would grow by the whole index.
        if (Status checkpointed =
                exec(ledger, QStringLiteral("PRAGMA search.wal_checkpoint(PASSIVE)"));
            !checkpointed.ok())
            return checkpointed.error();
        if (step.value().indexed >= step.value().logged || (keepGoing && !keepGoing(step.value())))
            return step;
    }
}

Result<QString> EventSearchIndex::matchFor(QSqlDatabase &ledger, const QString &text)
{
    const QString whole = matchOf(text, true);
    const QString prefix = matchOf(text, false);
    if (whole == prefix || !whole.endsWith(u'"'))
        return whole;
    const qsizetype lastWordStart = whole.lastIndexOf(u'"', whole.size() - 2) + 1;
    if (whole.size() - 1 - lastWordStart < prefixLengthMin)
        return whole;
    const Result<qint64> events =
        single(ledger,
               QStringLiteral("SELECT COUNT(*) FROM (SELECT rowid FROM search.event_words "
                              "WHERE event_words MATCH ? LIMIT ?)"),
               {whole, commonWordEvents});
    if (!events.ok())
        return events.error();
    return events.value() >= commonWordEvents ? whole : prefix;
}

QString EventSearchIndex::matchOf(const QString &text, bool lastWordWhole)
{
    QStringList words;
    QString word;
    for (const QChar c : text) {
        if (isWordCharacter(c)) {
            word += c;
        } else if (!word.isEmpty()) {
            words.append(std::exchange(word, QString()));
        }
    }
    const bool endsInWord = !word.isEmpty();
    if (endsInWord)
        words.append(word);
    if (words.isEmpty())
        return {};
    QStringList terms;
    for (const QString &each : std::as_const(words))
        terms.append(u'"' + each + u'"');
    // The text may stop inside its last word.
    if (endsInWord && !lastWordWhole)
        terms.last() += u'*';
    return terms.join(QStringLiteral(" AND "));
}

} // namespace billing
