#pragma once

#include <QString>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

class QSqlQuery;

namespace billing {

// Takes SQLite's WAL checkpoints off the commit path. Left to itself SQLite makes every
// ~30th durable command copy the WAL into the database file and fsync it before returning,
// which is then the p99 of a command. Here a thread with its own connection runs a PASSIVE
// checkpoint (it never blocks a writer) every `intervalMs`, and has the kernel write the
// copied pages out.
//
// A busy writer keeps adding frames, so the WAL would grow without bound: SQLite starts it over
// only when a write begins while every frame is copied, and a copy that reaches the last frame
// is the one that fsyncs the database file. Both used to land on one command in ~700, which
// waited 60 to 120 ms for a RESTART checkpoint flushing ~80 MB. So once the WAL is long,
// passes run back to back until the writer adds only a few frames during one, and the
// writer's next write (`takeRestart()`) copies those few itself and starts the WAL over: about
// a millisecond, since the pages copied before are on their way to disk already.
class SqliteCheckpointer
{
public:
    SqliteCheckpointer(QString path, int intervalMs);
    ~SqliteCheckpointer();
    SqliteCheckpointer(const SqliteCheckpointer &) = delete;
    SqliteCheckpointer &operator=(const SqliteCheckpointer &) = delete;

    // True once each time the WAL is long and all but a few frames are copied: the caller,
    // about to begin a write on the same file, should run a PASSIVE checkpoint first.
    bool takeRestart();

private:
    struct Frames
    {
        int inLog = 0;
        int copied = 0;
    };
    static Frames passive(QSqlQuery &checkpoint);
    void startWriteBack();
    void run();

    static constexpr int restartFrames = 16384; // 64 MiB of 4 KiB pages
    // A last resort, which holds the writer back: every writing connection has a checkpointer
    // that asks it to start the WAL over, but a reader that keeps an old snapshot stops that
    // (and this too, until it is done), and passes that cannot keep up with a writer that does
    // not sync (Relaxed) never ask. 1 GiB of WAL.
    static constexpr int forceRestartFrames = 16 * restartFrames;
    static constexpr int restartBacklogFrames = 128;
    static constexpr int catchUpPassesMax = 64;
    static constexpr int busyBudgetMs = 2000;

    QString m_path;
    int m_intervalMs;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::atomic<bool> m_restartDue{false};
    int m_writeBackFile = -1;
    std::thread m_thread;
};

} // namespace billing
