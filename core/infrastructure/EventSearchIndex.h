#pragma once

#include "domain/Result.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>

namespace billing {

// A full-text index of the event log, for the history's free-text filter: without it a rare
// word is found by reading every event (seconds at 10,000,000 events).
//
// It lives in a file of its own in the user's cache folder and is built from the log by readers,
// never by the ledger's writers: appending an event costs nothing more, and deleting the file
// costs only the time to build it again. It records how far it has read, with that event's
// hash, and starts again from nothing when the log is not the one it was built from.
//
// Words are the values of an event (ids, amounts, currency, operator, reference, type), not its
// field names. A search finds text that starts at the beginning of a word: every word of it but
// the last must be whole, the last may be the start of one (see matchFor). The reader then
// checks the text itself against the stored event, so a hit is exact.
//
// The index is attached to a connection whose main database is the ledger file, as `search`.
class EventSearchIndex
{
public:
    static constexpr auto schema = "search";
    // What one catch-up step reads before it commits: a step is short, so a desk that builds
    // the index in the background never holds its write lock for long.
    static constexpr qint64 chunkEvents = 20000;
    // A read adds at most this many events itself (a quarter of a second or so); further
    // behind, the index is being built and free text reads the log.
    static constexpr qint64 readCatchUpMax = 5000;

    struct Progress
    {
        qint64 indexed = 0; // the last position in the index
        qint64 logged = 0;  // the log's last position
    };

    // The index file of the ledger at `storePath`.
    static QString pathForStore(const QString &storePath);
    // Attaches the index file (created when missing) to `ledger` as `search`.
    static Status attach(QSqlDatabase &ledger, const QString &indexPath);

    // Indexes at most `maxEvents` events after the indexed position, in the caller's
    // transaction. The first statement takes the index's write lock, so two desks on one
    // ledger never index the same event twice.
    static Result<Progress> indexNext(QSqlDatabase &ledger, qint64 maxEvents);
    // Where the index stands, without writing.
    static Result<Progress> progress(QSqlDatabase &ledger);
    // Indexes the whole log, one committed chunk at a time; `keepGoing` is asked after each.
    static Result<Progress> catchUp(QSqlDatabase &ledger,
                                    const std::function<bool(const Progress &)> &keepGoing = {});

    // The FTS5 expression for a free text: its words, and the last one whole or as a prefix.
    // Empty when the text holds no word (such a search reads the log instead).
    static QString matchOf(const QString &text, bool lastWordWhole = false);
    // The expression to search with. FTS5 answers a prefix by merging the lists of every word
    // it starts, which for a common word ("bench", in 2.5 million events) takes a third of a
    // second and for a short one seconds, where a whole word is read a page at a time. So the
    // last word is a prefix only when it has `prefixLengthMin` characters and is rare as a
    // word (fewer than `commonWordEvents` events): "custo" finds "customer-12345", while
    // "bench" finds the word bench.
    static Result<QString> matchFor(QSqlDatabase &ledger, const QString &text);
    static constexpr int prefixLengthMin = 3;
    static constexpr qint64 commonWordEvents = 2000;
};

} // namespace billing
