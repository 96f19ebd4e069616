#pragma once

#include <QString>

#include <condition_variable>
#include <mutex>
#include <thread>

namespace billing {

// Moves SQLite's WAL checkpoints off the commit path. With automatic checkpoints, every ~1,000th
// commit copies the WAL into the database file and fsyncs it before returning, which is the
// p99 of a durable command. Here a thread with its own connection runs a PASSIVE checkpoint
// (it never blocks a writer) every `intervalMs`, and once more when it stops.
class SqliteCheckpointer
{
public:
    SqliteCheckpointer(QString path, int intervalMs);
    ~SqliteCheckpointer();
    SqliteCheckpointer(const SqliteCheckpointer &) = delete;
    SqliteCheckpointer &operator=(const SqliteCheckpointer &) = delete;

private:
    void run();

    QString m_path;
    int m_intervalMs;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace billing
