#pragma once

#include "infrastructure/LedgerVerifier.h"

#include <QObject>

class QWidget;

namespace billing::ui {

class LedgerClient;

// "Verify ledger": the hash chain, the trial balance and projections = replay, run on the
// ledger's thread behind a progress dialog with a cancel button; the report names the first bad
// event.
class LedgerVerification final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LedgerVerification)

public:
    // Deletes itself once done. Without `showReport` the report only goes to finished().
    LedgerVerification(LedgerClient &client, QWidget *parent, bool showReport = true);
    void start();
    // The report in words, as the dialog shows it.
    static QString describe(const VerifyReport &report);

Q_SIGNALS:
    void finished(const billing::VerifyReport &report);
    void failed(const QString &message);

private:
    LedgerClient &m_client;
    QWidget *m_parent;
    bool m_showReport;
};

} // namespace billing::ui

Q_DECLARE_METATYPE(billing::VerifyReport)
