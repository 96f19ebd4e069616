#include "FileWriteJob.h"

#include "domain/Invariant.h"

#include <QThread>

#include <memory>

namespace billing::ui {

void FileWriteJob::start(QObject *context, std::function<QString()> write,
                         std::function<void(const QString &error)> done)
{
    BILLING_ASSERT(context && write && done);
    auto error = std::make_shared<QString>();
    QThread *thread = QThread::create([write = std::move(write), error] { *error = write(); });
    QObject::connect(thread, &QThread::finished, context,
                     [done = std::move(done), error] { done(*error); });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}

} // namespace billing::ui
