#include "LedgerVerification.h"

#include "JobProgress.h"
#include "LedgerClient.h"
#include "domain/CurrencyCatalog.h"

#include <QMessageBox>

namespace billing::ui {

LedgerVerification::LedgerVerification(LedgerClient &client, QWidget *parent, bool showReport)
    : QObject(parent)
    , m_client(client)
    , m_parent(parent)
    , m_showReport(showReport)
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
        totals.append(QStringLiteral("%1 %2").arg(
            it.key(), CurrencyCatalog::standard().format(it.key(), it.value())));
    totals.sort();
    if (!totals.isEmpty())
        text += u'\n' + tr("Trial balance: %1").arg(totals.join(QStringLiteral(", ")));
    return text;
}

void LedgerVerification::start()
{
    const JobProgress progress(m_client, tr("Verifying the ledger…"), m_parent);
    m_client.run(this, [this, progress](LedgerWork &work) -> LedgerClient::Continuation {
        const Result<qint64> last = work.storage().events().lastPosition();
        const qint64 total = last.ok() ? last.value() : 0;
        LedgerVerifier verifier(work.storage());
        const Result<VerifyReport> report = verifier.run(
            [progress, total](qint64 position) { return progress.report(position, total); });
        return [this, progress, report] {
            progress.close();
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
