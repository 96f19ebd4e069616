#pragma once

#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace billing {

// Takes SQLite's WAL checkpoints off the commit path. Left to itself SQLite makes every
// ~30th durable command copy the WAL into the database file and fsync it before returning,
// which is then the p99 of a command. Here a thread with its own connection runs a PASSIVE
// checkpoint (it never blocks a writer) every `intervalMs`. A busy writer keeps adding frames,
// so a passive checkpoint may never catch up and the WAL would grow without bound: once it
// holds more than `restartFrames` frames, a RESTART checkpoint waits for the current writer,
// copies the rest and lets the next writer start the WAL over. That stall hits one command in
// hundreds, not one in thirty.
class SqliteCheckpointer
{
public:
    SqliteCheckpointer(QString path, int intervalMs);
    ~SqliteCheckpointer();
    SqliteCheckpointer(const SqliteCheckpointer &) = delete;
    SqliteCheckpointer &operator=(const SqliteCheckpointer &) = delete;

private:
    void run();
    static constexpr int restartFrames = 16384; // 64 MiB of 4 KiB pages
    static constexpr int busyBudgetMs = 2000;

    QString m_path;
    int m_intervalMs;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace billing
