#pragma once

#include "infrastructure/StoreLocation.h"

#include <QJsonObject>
#include <QObject>
#include <QThread>

#include <atomic>
#include <memory>

namespace billing::ui {

// "Any desk can hold the role": the decision maker of `billing-cli serve` (the same
// holdServeRole()) inside the desk, on a thread of its own with a storage of its own, so that a
// ledger needs no separate serve process. It joins the deciders' group like any serve: it holds
// the role or stands by. Destroying it stops it cleanly: it finishes the batch in hand and leaves
// the group, so that a standby takes over at once, not after a session timeout.
class DeskServeRole final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeskServeRole)

public:
    // Why a desk on `location` may not hold the role, as a user reads it, or nothing. An
    // auditor's desk decides nothing, and the embedded store has no command log.
    static QString refusal(const StoreLocation &location, bool auditor);

    explicit DeskServeRole(StoreLocation location, QObject *parent = nullptr);
    ~DeskServeRole() override;

    void start();
    // "holder", "standby" or "failed" as the last report said; empty before the first.
    const QString &role() const { return m_role; }
    // The role as the status bar shows it.
    QString text() const;

Q_SIGNALS:
    void roleChanged(const QString &role);

private:
    void serve();
    void onReport(const QJsonObject &report);

    static constexpr int reopenPauseMs = 5000;

    StoreLocation m_location;
    std::atomic<bool> m_stop{false};
    std::unique_ptr<QThread> m_thread;
    QString m_role;
    QString m_detail;
};

} // namespace billing::ui
