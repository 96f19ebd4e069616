#include "FileWriteJob.h"

#include "domain/Invariant.h"

#include <QCoreApplication>
#include <QList>
#include <QPointer>
#include <QThread>

#include <memory>

namespace billing::ui {
namespace {

struct Unfinished
{
    QPointer<QThread> thread;
    std::function<void()> stop;
};

// On the UI thread only: where writes start and where the desk quits.
QList<Unfinished> &unfinished()
{
    static QList<Unfinished> writes;
    return writes;
}

} // namespace

void FileWriteJob::finishBeforeQuit(QThread *thread, std::function<void()> stop)
{
    BILLING_ASSERT(thread && QCoreApplication::instance());
    static const bool waitsAtQuit = [] {
        QObject::connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit, [] {
            for (const Unfinished &write : std::as_const(unfinished())) {
                if (write.thread && write.stop)
                    write.stop();
            }
            for (const Unfinished &write : std::as_const(unfinished())) {
                if (write.thread)
                    write.thread->wait();
            }
        });
        return true;
    }();
    Q_UNUSED(waitsAtQuit);
    unfinished().removeIf([](const Unfinished &write) { return write.thread.isNull(); });
    unfinished().append({thread, std::move(stop)});
}

void FileWriteJob::start(QObject *context, std::function<QString()> write,
                         std::function<void(const QString &error)> done)
{
    BILLING_ASSERT(context && write && done);
    auto error = std::make_shared<QString>();
    QThread *thread = QThread::create([write = std::move(write), error] { *error = write(); });
    QObject::connect(thread, &QThread::finished, context,
                     [done = std::move(done), error] { done(*error); });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    finishBeforeQuit(thread);
    thread->start();
}

} // namespace billing::ui
