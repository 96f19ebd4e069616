#include "CliMessages.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>

#include <cstdio>

namespace billing::cli {
namespace {

struct Held
{
    QMutex lock;
    QJsonArray messages;
    bool released = false;
    QtMessageHandler previous = nullptr;
};

Held &held()
{
    static Held instance;
    return instance;
}

void writeLine(const QJsonArray &messages)
{
    const QByteArray line = QJsonDocument(QJsonObject{{QStringLiteral("warnings"), messages}})
                                .toJson(QJsonDocument::Compact) +
                            '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

void handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    Held &state = held();
    // Debug output stays as Qt writes it, and a fatal message must still end the process.
    if (type == QtDebugMsg || type == QtFatalMsg) {
        if (state.previous)
            state.previous(type, context, message);
        return;
    }
    const QMutexLocker locker(&state.lock);
    if (state.released)
        writeLine({message});
    else if (!state.messages.contains(message)) // opening and the query both catch up, say
        state.messages.append(message);
}

} // namespace

void holdMessages()
{
    held().previous = qInstallMessageHandler(handle);
}

QJsonArray takeHeldMessages()
{
    Held &state = held();
    const QMutexLocker locker(&state.lock);
    return std::exchange(state.messages, {});
}

void releaseHeldMessages()
{
    Held &state = held();
    const QMutexLocker locker(&state.lock);
    if (!state.messages.isEmpty())
        writeLine(std::exchange(state.messages, {}));
    state.released = true;
}

} // namespace billing::cli
