#include "StatementPdf.h"

#include "AmountText.h"
#include "LedgerTerms.h"

#include "infrastructure/EventCodec.h"

#include <QFile>
#include <QFileInfo>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>

namespace billing::ui {

QString StatementPdf::html(const PeriodStatement &statement)
{
    const auto amount = [&statement](const Money &money) {
        return AmountText::shown(money.toString(statement.decimals)).toHtmlEscaped();
    };
    QString rows;
    for (const PeriodLine &line : statement.lines) {
        rows += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td>"
                               "<td align=right>%5</td><td align=right>%6</td></tr>")
                    .arg(line.position)
                    .arg(codec::formatTimestamp(line.timeMs),
                         LedgerTerms::label(line.type).toHtmlEscaped(),
                         line.transactionId.toHtmlEscaped(), amount(line.amount),
                         amount(line.balanceAfter));
    }
    return tr("<h2>Account statement</h2>"
              "<p>Account %1, owner %2, currency %3<br>Period %4 to %5</p>"
              "<p><b>Opening balance: %6</b></p>"
              "<table border=1 cellspacing=0 cellpadding=3 width=100%>"
              "<tr><th>Position</th><th>Time (UTC)</th><th>Type</th><th>Transaction</th>"
              "<th>Amount</th><th>Balance</th></tr>%7</table>"
              "<p><b>Closing balance: %8</b></p>")
        .arg(statement.accountId.toHtmlEscaped(), statement.ownerId.toHtmlEscaped(),
             statement.currency, codec::formatTimestamp(statement.fromMs),
             codec::formatTimestamp(statement.toMs), amount(statement.opening), rows,
             amount(statement.closing));
}

bool StatementPdf::write(const PeriodStatement &statement, const QString &path)
{
    // The size check below must not count an older file of the same name (the save dialog
    // asked before replacing it).
    if (QFile::exists(path) && !QFile::remove(path))
        return false;
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    writer.setTitle(tr("Account statement %1").arg(statement.accountId));
    writer.setCreator(QStringLiteral("Billing Desk"));
    QTextDocument document;
    document.setHtml(html(statement));
    document.print(&writer);
    return QFileInfo(path).size() > 0;
}

} // namespace billing::ui
