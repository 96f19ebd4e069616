#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace billing::test {

// One throwaway server started by a script in services/ (kafka-up, postgres-up): its KEY=VALUE
// settings, and a stop that runs when the object goes away. A guard process started beside it
// runs the same stop if this test process dies first (an assert, a SIGKILL from ctest's
// timeout), so no broker or cluster outlives its test.
class LocalService
{
public:
    // `upScript` and `downScript` are names under services/; `dirKey` names the setting that
    // holds the server's temp dir (what `downScript` takes).
    LocalService(QString upScript, QString downScript, QString dirKey);
    ~LocalService();
    LocalService(const LocalService &) = delete;
    LocalService &operator=(const LocalService &) = delete;

    // Runs the up script (bounded); false with the script's stderr in error() on failure.
    bool start(const QHash<QString, QString> &environment = {}, int timeoutMs = 300000);
    void stop();
    bool running() const { return !m_dir.isEmpty(); }
    QString setting(const QString &key) const { return m_settings.value(key); }
    QString error() const { return m_error; }

    static QString servicesDir();
    // Runs a program to its end (bounded); false and error() set when it fails.
    bool run(const QString &program, const QStringList &arguments, int timeoutMs = 120000);

private:
    void startGuard();

    QString m_upScript;
    QString m_downScript;
    QString m_dirKey;
    QString m_dir;
    QHash<QString, QString> m_settings;
    QString m_error;
    qint64 m_guardPid = 0;
};

} // namespace billing::test
