#include "JobProgress.h"

#include "LedgerClient.h"

#include <QProgressDialog>

#include <climits>

namespace billing::ui {

JobProgress::JobProgress(LedgerClient &client, const QString &text, QWidget *parent)
    : m_client(&client)
    , m_cancelled(std::make_shared<std::atomic<bool>>(false))
{
    auto *dialog = new QProgressDialog(text, QProgressDialog::tr("Cancel"), 0, 0, parent);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setMinimumDuration(200);
    // A job of several phases (verification reads the log, then checks the projections) reaches
    // its maximum more than once: the dialog and its Cancel button stay until close().
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    QObject::connect(dialog, &QProgressDialog::canceled, dialog,
                     [cancelled = m_cancelled] { *cancelled = true; });
    m_dialog = dialog;
    client.cancelOnClose(m_cancelled);
}

bool JobProgress::report(qint64 done, qint64 total) const
{
    QMetaObject::invokeMethod(m_client, [dialog = m_dialog, done, total] {
        if (dialog) {
            dialog->setMaximum(int(std::min<qint64>(total, INT_MAX)));
            dialog->setValue(int(std::min<qint64>(done, INT_MAX)));
        }
    });
    return !cancelled();
}

void JobProgress::close() const
{
    if (m_dialog)
        m_dialog->close();
}

} // namespace billing::ui
