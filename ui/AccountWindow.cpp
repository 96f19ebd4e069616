#include "AccountWindow.h"

#include "AmountText.h"
#include "BalanceChart.h"
#include "FileWriteJob.h"
#include "LedgerClient.h"
#include "LedgerTerms.h"
#include "ReasonText.h"
#include "StatementModel.h"
#include "StatementPdf.h"
#include "TableExport.h"
#include "infrastructure/EventCodec.h"

#include <QApplication>
#include <QClipboard>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <utility>

namespace billing::ui {
namespace {

// "from → to" for status changes, the reason for refusals, the data otherwise.
QString historyDetail(const AuditEntryView &entry)
{
    const QJsonObject data = QJsonDocument::fromJson(entry.changes.toUtf8()).object();
    if (data.contains(QStringLiteral("from")) && data.contains(QStringLiteral("to")))
        return AccountWindow::tr("%1 → %2").arg(
            LedgerTerms::label(data.value(QStringLiteral("from")).toString()),
            LedgerTerms::label(data.value(QStringLiteral("to")).toString()));
    if (data.contains(QStringLiteral("reason")))
        return ReasonText::describe(data.value(QStringLiteral("reason")).toString());
    return LedgerTerms::label(data.value(QStringLiteral("status")).toString());
}

} // namespace

AccountWindow::AccountWindow(LedgerClient &client, const QString &accountId, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_accountId(accountId)
{
    setWindowTitle(tr("Account %1").arg(accountId));
    resize(900, 560);
    auto *layout = new QVBoxLayout(this);
    m_headerLabel = new QLabel(tr("Loading…"), this);
    m_headerLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_headerLabel);

    auto *tabs = new QTabWidget(this);
    m_statement = new StatementModel(this);
    m_statementView = new QTableView(tabs);
    m_statementView->setModel(m_statement);
    m_statementView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_statementView->verticalHeader()->hide();
    m_statementView->horizontalHeader()->setStretchLastSection(true);
    m_statementView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_statementView, &QWidget::customContextMenuRequested, this,
            [this](const QPoint &position) {
                const QString id = m_statementView->indexAt(position)
                                       .data(StatementModel::TransactionIdRole)
                                       .toString();
                if (id.isEmpty())
                    return;
                QMenu menu(this);
                menu.addAction(tr("&Copy transaction id"), this,
                               [id] { QApplication::clipboard()->setText(id); });
                menu.exec(m_statementView->viewport()->mapToGlobal(position));
            });
    tabs->addTab(m_statementView, tr("&Statement"));
    m_historyTable = new QTableWidget(0, 4, tabs);
    m_historyTable->setHorizontalHeaderLabels(
        {tr("Time (UTC)"), tr("Event"), tr("Change"), tr("Operator")});
    m_historyTable->verticalHeader()->hide();
    m_historyTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_historyTable->horizontalHeader()->setStretchLastSection(true);
    tabs->addTab(m_historyTable, tr("Status &history"));
    m_chart = new BalanceChart(tabs);
    m_chart->setToolTip(tr("Click an event to travel there."));
    connect(m_chart, &BalanceChart::pointClicked, this, &AccountWindow::travelRequested);
    tabs->addTab(m_chart, tr("&Balance over time"));
    layout->addWidget(tabs, 1);
    m_truncatedLabel = new QLabel(this);
    layout->addWidget(m_truncatedLabel);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copyButton = buttons->addButton(tr("Copy &id"), QDialogButtonBox::ActionRole);
    QPushButton *exportButton =
        buttons->addButton(tr("&Export to CSV…"), QDialogButtonBox::ActionRole);
    connect(copyButton, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_accountId); });
    connect(exportButton, &QPushButton::clicked, this, &AccountWindow::exportStatement);
    QPushButton *pdfButton =
        buttons->addButton(tr("Statement &PDF…"), QDialogButtonBox::ActionRole);
    connect(pdfButton, &QPushButton::clicked, this, &AccountWindow::askPeriodPdf);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(&client, &LedgerClient::ledgerWritten, this, &AccountWindow::reload);
    // Writes of other desks and of billing-cli, and in the distributed mode projections that
    // catch up after this desk's own write was announced, show up as they do in the tables.
    auto *followTimer = new QTimer(this);
    connect(followTimer, &QTimer::timeout, this, &AccountWindow::follow);
    followTimer->start(followIntervalMs);
    reload();
}

void AccountWindow::follow()
{
    // One look at a time: a slow ledger thread skips ticks instead of piling jobs up. A read
    // under way reads the newest rows anyway.
    if (m_following || m_reloading)
        return;
    m_following = true;
    m_client.run(this, [this](LedgerWork &work) -> LedgerClient::Continuation {
        const Result<qint64> checkpoint = work.storage().projections().checkpoint();
        return [this, checkpoint] {
            m_following = false;
            if (!m_reloading && checkpoint.ok() && checkpoint.value() != m_shownCheckpoint)
                reload();
        };
    });
}

void AccountWindow::reload()
{
    // One read at a time: writes announced meanwhile bring one more read, not one each.
    if (m_reloading) {
        m_reloadAgain = true;
        return;
    }
    m_reloading = true;
    m_client.run(this, [this, id = m_accountId](LedgerWork &work) -> LedgerClient::Continuation {
        // Read before the rows: rows newer than it only bring the next reload sooner.
        const Result<qint64> checkpoint = work.storage().projections().checkpoint();
        const Result<AccountStatement> statement =
            accountStatement(work.storage().projections(), id, statementLinesMax);
        const Result<QList<AuditEntryView>> history =
            work.storage().projections().auditLogOf(id, Page{statementLinesMax, 0});
        return [this, checkpoint, statement, history] {
            m_reloading = false;
            if (checkpoint.ok())
                m_shownCheckpoint = checkpoint.value();
            // Most moves of the ledger are other accounts': shown again unchanged, the
            // statement would lose its selection and scroll position each time.
            const QString shown =
                statement.ok() && history.ok() ? contentKey(statement.value()) : QString();
            if (shown.isEmpty() || shown != m_shownContent)
                display(statement, history);
            m_shownContent = shown;
            Q_EMIT loaded();
            if (std::exchange(m_reloadAgain, false))
                reload();
        };
    });
}

QString AccountWindow::contentKey(const AccountStatement &statement)
{
    // The account's version moves with every event of its own, and its history with it; a leg
    // changes without one only in its status (a failed transaction moves no balance).
    QString key = QString::number(statement.account.version);
    for (const StatementLine &line : statement.lines)
        key += u'|' + QString::number(line.leg.position) + u':' + line.leg.status;
    return key;
}

void AccountWindow::display(const Result<AccountStatement> &statement,
                            const Result<QList<AuditEntryView>> &history)
{
    if (!statement.ok()) {
        m_headerLabel->setText(
            tr("This account cannot be shown: %1").arg(statement.error().message));
        return;
    }
    const AccountView &account = statement.value().account;
    const int decimals = CurrencyCatalog::standard().decimalsOf(account.currency);
    const QString maximum =
        account.maxBalance ? AmountText::shown(account.maxBalance->toString(decimals)) : tr("none");
    m_headerLabel->setText(
        tr("<b>%1</b> · %2 · %3 · <b>%4</b> · %5<br>minimum %6, maximum %7 · id %8")
            .arg(account.ownerId.toHtmlEscaped(), LedgerTerms::label(account.type),
                 account.currency, AmountText::shown(account.balance.toString(decimals)),
                 LedgerTerms::label(account.status),
                 AmountText::shown(account.minBalance.toString(decimals)), maximum, account.id));
    m_statement->setLines(statement.value().lines, decimals);
    m_statementView->resizeColumnsToContents();
    m_truncatedLabel->setText(
        statement.value().truncated
            ? tr("Showing the newest %n line(s).", nullptr, int(statement.value().lines.size()))
            : QString());
    m_historyTable->setRowCount(0);
    QList<BalancePoint> points;
    if (history.ok()) {
        for (const AuditEntryView &entry : history.value()) {
            if (entry.action == QStringLiteral("BalanceChanged")) {
                const QJsonObject changes =
                    QJsonDocument::fromJson(entry.changes.toUtf8()).object();
                points.prepend({entry.id, codec::parseTimestamp(entry.timestamp),
                                moneyField(changes, u"balanceAfter")});
                continue;
            }
            const int row = m_historyTable->rowCount();
            m_historyTable->insertRow(row);
            const QStringList cells{entry.timestamp, LedgerTerms::label(entry.action),
                                    historyDetail(entry), entry.operatorName};
            for (int column = 0; column < cells.size(); ++column)
                m_historyTable->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        }
    }
    m_chart->setPoints(points, decimals);
}

QString AccountWindow::statementCsv() const
{
    return TableExport::modelCsv(*m_statement);
}

void AccountWindow::exportStatement()
{
    TableExport::saveCsv(this, tr("Export statement"), statementCsv());
}

void AccountWindow::askPeriodPdf()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Statement PDF"));
    auto *form = new QFormLayout(&dialog);
    auto *fromEdit = new QDateEdit(QDate::currentDate().addMonths(-1), &dialog);
    auto *toEdit = new QDateEdit(QDate::currentDate(), &dialog);
    for (QDateEdit *edit : {fromEdit, toEdit}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    // A period ends no earlier than it starts: each date bounds the other.
    fromEdit->setMaximumDate(toEdit->date());
    toEdit->setMinimumDate(fromEdit->date());
    connect(fromEdit, &QDateEdit::dateChanged, toEdit, &QDateEdit::setMinimumDate);
    connect(toEdit, &QDateEdit::dateChanged, fromEdit, &QDateEdit::setMaximumDate);
    form->addRow(tr("&From (UTC):"), fromEdit);
    form->addRow(tr("&To (UTC):"), toEdit);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Statement PDF"), QString(), tr("PDF files (*.pdf)"));
    if (!path.isEmpty())
        writePeriodPdf(fromEdit->date(), toEdit->date(), path);
}

void AccountWindow::writePeriodPdf(const QDate &from, const QDate &to, const QString &path)
{
    const qint64 fromMs = from.startOfDay(Qt::UTC).toMSecsSinceEpoch();
    const qint64 toMs = to.addDays(1).startOfDay(Qt::UTC).toMSecsSinceEpoch() - 1;
    m_client.run(
        this,
        [this, id = m_accountId, fromMs, toMs,
         path](LedgerWork &work) -> LedgerClient::Continuation {
            const Result<PeriodStatement> statement =
                periodStatement(work.asOf(), work.storage().events(), id, fromMs, toMs);
            return [this, statement, path] {
                if (!statement.ok()) {
                    Q_EMIT periodPdfFailed(statement.error().message);
                    QMessageBox::warning(this, tr("Statement PDF"),
                                         tr("No statement: %1").arg(statement.error().message));
                    return;
                }
                const PeriodStatement &s = statement.value();
                // Said either way, without blocking: a PDF that silently was not
                // written looked like one that was.
                const auto tell = [this](QMessageBox::Icon icon, const QString &text) {
                    auto *box =
                        new QMessageBox(icon, tr("Statement PDF"), text, QMessageBox::Ok, this);
                    box->setAttribute(Qt::WA_DeleteOnClose);
                    box->open();
                };
                FileWriteJob::start(
                    this,
                    [s, path] {
                        return StatementPdf::write(s, path)
                                   ? QString()
                                   : tr("%1 could not be written").arg(path);
                    },
                    [this, s, path, tell](const QString &failed) {
                        if (!failed.isEmpty()) {
                            Q_EMIT periodPdfFailed(failed);
                            tell(QMessageBox::Warning, failed);
                            return;
                        }
                        Q_EMIT periodPdfWritten(path, s.opening.toString(s.decimals),
                                                s.closing.toString(s.decimals));
                        tell(QMessageBox::Information,
                             tr("The statement was written to %1.").arg(path));
                    });
            };
        });
}

} // namespace billing::ui
