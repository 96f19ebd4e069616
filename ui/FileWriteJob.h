#pragma once

#include <QString>

#include <functional>

class QObject;

namespace billing::ui {

// Writes a file on a thread of its own, so that a slow disk or a network share never stalls the
// desk. `write` runs there and returns an error text, empty when the file was written; `done`
// then runs on the UI thread with it, unless `context` is gone by then.
class FileWriteJob
{
public:
    static void start(QObject *context, std::function<QString()> write,
                      std::function<void(const QString &error)> done);
};

} // namespace billing::ui
