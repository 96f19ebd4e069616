#pragma once

#include <QPointer>
#include <QString>

#include <atomic>
#include <memory>

class QProgressDialog;
class QWidget;

namespace billing::ui {

class LedgerClient;

// The progress dialog with a cancel button for a long job on the ledger's thread. Copies share
// one dialog and one cancel flag; report() may be called from the job's thread, because it
// posts to the client, which outlives every job, and the dialog may be gone by then.
class JobProgress
{
public:
    JobProgress(LedgerClient &client, const QString &text, QWidget *parent);

    // `done` of `total`; false once the user cancelled.
    bool report(qint64 done, qint64 total) const;
    bool cancelled() const { return m_cancelled->load(); }
    // On the UI thread, when the job is over.
    void close() const;

private:
    LedgerClient *m_client;
    QPointer<QProgressDialog> m_dialog;
    std::shared_ptr<std::atomic<bool>> m_cancelled;
};

} // namespace billing::ui
