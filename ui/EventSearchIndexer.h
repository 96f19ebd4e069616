#pragma once

#include <QObject>
#include <QString>

#include <atomic>

class QThread;

namespace billing::ui {

// Keeps the ledger file's search index (EventSearchIndex) up with the log on a thread of its
// own: the first time through a big log takes minutes, and the history's reads should not
// wait for it. After that it follows the log every few seconds, so that a read seldom has more
// than a few events to add itself.
class EventSearchIndexer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventSearchIndexer)

public:
    static constexpr int followIntervalMs = 2000;

    explicit EventSearchIndexer(QString storePath, QObject *parent = nullptr);
    ~EventSearchIndexer() override;

    void start();

Q_SIGNALS:
    // From the indexing thread, queued to the receiver's.
    void progressed(qint64 indexed, qint64 logged);
    void failed(const QString &message);

private:
    void follow();

    QString m_storePath;
    QThread *m_thread = nullptr;
    std::atomic<bool> m_stopping{false};
};

} // namespace billing::ui
