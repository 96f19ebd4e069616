#include "LedgerVerification.h"

#include "LedgerClient.h"

#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>

namespace billing::ui {

LedgerVerification::LedgerVerification(LedgerClient &client, QWidget *parent, bool showReport)
    : QObject(parent)
    , m_client(client)
    , m_parent(parent)
    , m_showReport(showReport)
    , m_cancelled(std::make_shared<std::atomic<bool>>(false))
{
    qRegisterMetaType<VerifyReport>();
}

QString LedgerVerification::describe(const VerifyReport &report)
{
    QString text;
    if (report.ok) {
        text = tr("The ledger is intact: %n event(s) checked; the hash chain is unbroken, every "
                  "currency sums to zero and the projections equal a replay.",
                  nullptr, int(report.eventsChecked));
    } else {
        text = report.firstBadPosition > 0
                   ? tr("The ledger is NOT intact. The first bad event is at position %1%2.")
                         .arg(report.firstBadPosition)
                         .arg(report.firstBadEventId.isEmpty()
                                  ? QString()
                                  : tr(" (event %1)").arg(report.firstBadEventId))
                   : tr("The ledger is NOT intact.");
        for (const QString &problem : report.problems)
            text += u'\n' + problem;
    }
    QStringList totals;
    for (auto it = report.totals.cbegin(); it != report.totals.cend(); ++it)
        totals.append(QStringLiteral("%1 %2").arg(it.key(), it.value().toString()));
    totals.sort();
    if (!totals.isEmpty())
        text += u'\n' + tr("Trial balance: %1").arg(totals.join(QStringLiteral(", ")));
    return text;
}

void LedgerVerification::start()
{
    auto *progress = new QProgressDialog(tr("Verifying the ledger…"), tr("Cancel"), 0, 0, m_parent);
    progress->setWindowModality(Qt::WindowModal);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->setMinimumDuration(300);
    connect(progress, &QProgressDialog::canceled, this,
            [cancelled = m_cancelled] { *cancelled = true; });
    const QPointer<QProgressDialog> guard(progress);
    LedgerClient *client = &m_client;
    m_client.run(
        this,
        [this, client, guard,
         cancelled = m_cancelled](LedgerWork &work) -> LedgerClient::Continuation {
            const Result<qint64> last = work.storage().events().lastPosition();
            const int total = last.ok() ? int(std::min<qint64>(last.value(), INT_MAX)) : 0;
            LedgerVerifier verifier(work.storage());
            const Result<VerifyReport> report = verifier.run([=](qint64 position) {
                // Posted to the client, which outlives every job; the dialog may be gone.
                QMetaObject::invokeMethod(client, [guard, position, total] {
                    if (guard) {
                        guard->setMaximum(total);
                        guard->setValue(int(std::min<qint64>(position, total)));
                    }
                });
                return !cancelled->load();
            });
            return [this, guard, report] {
                if (guard)
                    guard->close();
                if (!report.ok()) {
                    Q_EMIT failed(report.error().message);
                    if (m_showReport)
                        QMessageBox::warning(
                            m_parent, tr("Verify ledger"),
                            tr("The ledger could not be verified: %1").arg(report.error().message));
                } else {
                    Q_EMIT finished(report.value());
                    if (m_showReport) {
                        const auto icon =
                            report.value().ok ? QMessageBox::Information : QMessageBox::Critical;
                        QMessageBox(icon, tr("Verify ledger"), describe(report.value()),
                                    QMessageBox::Close, m_parent)
                            .exec();
                    }
                }
                deleteLater();
            };
        });
}

} // namespace billing::ui
