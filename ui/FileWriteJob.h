#pragma once

#include <QString>

#include <functional>

class QObject;
class QThread;

namespace billing::ui {

// Writes a file on a thread of its own, so that a slow disk or a network share never stalls the
// desk. `write` runs there and returns an error text, empty when the file was written; `done`
// then runs on the UI thread with it, unless `context` is gone by then. Quitting the desk waits
// for the write, so that no file is left half written.
class FileWriteJob
{
public:
    static void start(QObject *context, std::function<QString()> write,
                      std::function<void(const QString &error)> done);
    // A writing thread the desk waits for when it quits, after calling `stop` (which may ask
    // it to give up, as a long export does).
    static void finishBeforeQuit(QThread *thread, std::function<void()> stop = {});
};

} // namespace billing::ui
