#include "CommandDialog.h"

#include "AmountEdit.h"
#include "AmountText.h"
#include "EntityPicker.h"
#include "LedgerClient.h"
#include "LedgerTerms.h"
#include "PickerSearches.h"
#include "ReasonText.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QUuid>
#include <QVBoxLayout>

namespace billing::ui {
namespace {

QLabel *errorLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #b00020;"));
    label->hide();
    return label;
}

QString signedText(const Money &amount, int decimals)
{
    const QString text = AmountText::shown(amount.toString(decimals));
    return amount.isNegative() ? text : u'+' + text;
}

} // namespace

CommandDialog::CommandDialog(LedgerClient &client, const QString &title, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_idempotencyKey(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    setWindowTitle(title);
    setMinimumWidth(560);
    buildPages();
    setStep(Step::Edit);
}

void CommandDialog::buildPages()
{
    auto *layout = new QVBoxLayout(this);
    m_pages = new QStackedWidget(this);
    layout->addWidget(m_pages);

    auto *editPage = new QWidget(m_pages);
    auto *editLayout = new QVBoxLayout(editPage);
    m_form = new QFormLayout;
    editLayout->addLayout(m_form);
    m_formError = errorLabel(editPage);
    editLayout->addWidget(m_formError);
    editLayout->addStretch();
    m_pages->addWidget(editPage);

    auto *confirmPage = new QWidget(m_pages);
    auto *confirmLayout = new QVBoxLayout(confirmPage);
    m_summaryLabel = new QLabel(confirmPage);
    m_summaryLabel->setWordWrap(true);
    confirmLayout->addWidget(m_summaryLabel);
    m_legsTable = new QTableWidget(0, 6, confirmPage);
    m_legsTable->setHorizontalHeaderLabels(
        {tr("Side"), tr("Owner"), tr("Account"), tr("Before"), tr("Change"), tr("After")});
    m_legsTable->verticalHeader()->hide();
    m_legsTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_legsTable->horizontalHeader()->setStretchLastSection(true);
    confirmLayout->addWidget(m_legsTable);
    m_warningLabel = errorLabel(confirmPage);
    confirmLayout->addWidget(m_warningLabel);
    m_pages->addWidget(confirmPage);

    auto *outcomePage = new QWidget(m_pages);
    auto *outcomeLayout = new QVBoxLayout(outcomePage);
    m_outcomeLabel = new QLabel(outcomePage);
    QFont big = m_outcomeLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_outcomeLabel->setFont(big);
    outcomeLayout->addWidget(m_outcomeLabel);
    m_outcomeDetail = new QLabel(outcomePage);
    m_outcomeDetail->setWordWrap(true);
    m_outcomeDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    outcomeLayout->addWidget(m_outcomeDetail);
    outcomeLayout->addStretch();
    m_pages->addWidget(outcomePage);

    auto *buttons = new QDialogButtonBox(this);
    m_backButton = buttons->addButton(tr("&Back"), QDialogButtonBox::ActionRole);
    m_reviewButton = buttons->addButton(tr("&Review…"), QDialogButtonBox::ActionRole);
    m_confirmButton = buttons->addButton(tr("&Confirm"), QDialogButtonBox::AcceptRole);
    m_retryButton = buttons->addButton(tr("&Retry"), QDialogButtonBox::ActionRole);
    m_closeButton = buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);
    // The dialog's own accept() would close it; the buttons drive the steps instead.
    connect(m_reviewButton, &QPushButton::clicked, this, &CommandDialog::review);
    connect(m_confirmButton, &QPushButton::clicked, this, &CommandDialog::confirm);
    connect(m_retryButton, &QPushButton::clicked, this, &CommandDialog::submit);
    connect(m_backButton, &QPushButton::clicked, this, [this] {
        m_command.reset();
        setStep(Step::Edit);
    });
    connect(m_closeButton, &QPushButton::clicked, this, &QDialog::reject);
}

void CommandDialog::addField(const QString &label, QWidget *editor, const QString &field)
{
    auto *cell = new QWidget(this);
    auto *cellLayout = new QVBoxLayout(cell);
    cellLayout->setContentsMargins(0, 0, 0, 0);
    cellLayout->setSpacing(2);
    cellLayout->addWidget(editor);
    QLabel *error = errorLabel(cell);
    cellLayout->addWidget(error);
    cell->setFocusProxy(editor);
    m_form->addRow(label, cell);
    m_errorLabels.insert(field, error);
    // Fields in the order they are shown, then the button that moves on.
    QWidget *focusTarget = editor->focusProxy() ? editor->focusProxy() : editor;
    if (m_lastField)
        setTabOrder(m_lastField, focusTarget);
    setTabOrder(focusTarget, m_reviewButton);
    m_lastField = focusTarget;
    // A new choice answers the complaint about the old one.
    if (auto *picker = qobject_cast<EntityPicker *>(editor))
        connect(picker, &EntityPicker::selectionChanged, error, &QWidget::hide);
}

void CommandDialog::setFieldError(const QString &field, const QString &text)
{
    QLabel *label = m_errorLabels.value(field, m_formError);
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

std::optional<Money> CommandDialog::checkedAmount(const AmountEdit &edit, const QString &field)
{
    const Result<Money> amount = edit.amount();
    if (amount.ok())
        return amount.value();
    setFieldError(field, ReasonText::describe(amount.error().code));
    return std::nullopt;
}

bool CommandDialog::checkChosen(const EntityPicker &picker, const QString &field)
{
    if (picker.selected())
        return true;
    setFieldError(field, tr("Choose one from the list."));
    return false;
}

QString CommandDialog::fieldError(const QString &field) const
{
    const QLabel *label = m_errorLabels.value(field, m_formError);
    return label->isVisible() ? label->text() : QString();
}

void CommandDialog::clearErrors()
{
    for (QLabel *label : std::as_const(m_errorLabels))
        label->hide();
    m_formError->hide();
}

void CommandDialog::review()
{
    clearErrors();
    std::optional<CommandBody> body = commandBody();
    if (!body)
        return;
    m_reviewButton->setEnabled(false);
    // The fields stay as reviewed until the review is back: the confirm page describes them,
    // and Confirm books the command made of them.
    m_pages->widget(int(Step::Edit))->setEnabled(false);
    const CommandOptions options{m_idempotencyKey, {}, m_client.operatorName()};
    m_client.run(this,
                 [this, body = *body, options](LedgerWork &work) -> LedgerClient::Continuation {
                     const Command command = work.service().issue(body, options);
                     const CommandPreview preview = billing::preview(work.freshState(), command);
                     return [this, command, preview] {
                         showReview(command, preview);
                     };
                 });
}

void CommandDialog::showReview(const Command &command, const CommandPreview &preview)
{
    m_reviewButton->setEnabled(true);
    m_pages->widget(int(Step::Edit))->setEnabled(true);
    if (preview.outcome.kind == Outcome::Kind::Invalid) {
        setFieldError(preview.outcome.field,
                      ReasonText::describe(preview.outcome.code, preview.outcome.message));
        return;
    }
    m_command = command;
    m_summaryLabel->setText(summary());
    m_legsTable->setRowCount(0);
    for (const PreviewLeg &leg : preview.legs) {
        const int row = m_legsTable->rowCount();
        m_legsTable->insertRow(row);
        const QString side = leg.amount.isNegative() ? tr("Debited") : tr("Credited");
        // The account by the end of its id (as the pickers show it; the whole id in the
        // tooltip): a whole id pushed "After", the point of this page, out of sight.
        const QStringList cells{side,
                                leg.ownerId,
                                PickerSearches::shortId(leg.accountId),
                                AmountText::shown(leg.balanceBefore.toString(leg.decimals)),
                                signedText(leg.amount, leg.decimals),
                                AmountText::shown(leg.balanceAfter.toString(leg.decimals))};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column >= 3)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_legsTable->setItem(row, column, item);
        }
        m_legsTable->item(row, 2)->setToolTip(leg.accountId);
    }
    if (!preview.statusFrom.isEmpty()) {
        m_summaryLabel->setText(
            summary() + u'\n' +
            tr("Status: %1 → %2")
                .arg(LedgerTerms::label(preview.statusFrom), LedgerTerms::label(preview.statusTo)));
    }
    m_legsTable->setVisible(!preview.legs.isEmpty());
    m_legsTable->resizeColumnsToContents();
    const bool refused = preview.outcome.kind == Outcome::Kind::Rejected;
    m_warningLabel->setText(
        refused ? tr("The ledger will refuse this: %1 If you confirm, the refusal is recorded.")
                      .arg(ReasonText::describe(preview.outcome.code, preview.outcome.message))
                : QString());
    m_warningLabel->setVisible(refused);
    setStep(Step::Confirm);
    Q_EMIT reviewShown();
}

void CommandDialog::confirm()
{
    // A second click, however fast, finds the command already on its way.
    if (m_submitted || !m_command)
        return;
    m_submitted = true;
    submit();
}

void CommandDialog::reject()
{
    if (m_inFlight)
        return;
    QDialog::reject();
}

void CommandDialog::submit()
{
    BILLING_ASSERT(m_command);
    m_inFlight = true;
    m_confirmButton->setEnabled(false);
    m_backButton->setEnabled(false);
    m_retryButton->setEnabled(false);
    m_closeButton->setEnabled(false);
    // A retry sends the very same command: the same key and payload answer with the first
    // outcome, so it cannot book twice.
    m_client.run(this,
                 [this, command = *m_command](LedgerWork &work) -> LedgerClient::Continuation {
                     const Result<Outcome> result = work.service().execute(command);
                     return [this, result] {
                         showOutcome(result);
                     };
                 });
}

void CommandDialog::showOutcome(const Result<Outcome> &result)
{
    m_inFlight = false;
    setStep(Step::Outcome);
    if (!result.ok()) {
        m_outcomeLabel->setText(tr("Not done"));
        m_outcomeDetail->setText(
            tr("The ledger could not be reached: %1\nRetry sends the same request again; it "
               "cannot be booked twice.")
                .arg(ReasonText::describe(result.error().code, result.error().message)));
        m_retryButton->setVisible(true);
        m_retryButton->setEnabled(true);
        Q_EMIT outcomeShown();
        return;
    }
    const Outcome &outcome = result.value();
    m_outcome = outcome;
    m_retryButton->hide();
    switch (outcome.kind) {
    case Outcome::Kind::Completed:
        m_outcomeLabel->setText(tr("Completed"));
        m_outcomeDetail->setText(tr("%1\nReference in the ledger: %2")
                                     .arg(summary(), outcome.transactionId.isEmpty()
                                                         ? outcome.accountId
                                                         : outcome.transactionId));
        break;
    case Outcome::Kind::Rejected:
        m_outcomeLabel->setText(tr("Rejected"));
        m_outcomeDetail->setText(ReasonText::describe(outcome.code, outcome.message));
        break;
    case Outcome::Kind::Invalid:
        m_outcomeLabel->setText(tr("Not accepted"));
        m_outcomeDetail->setText(ReasonText::describe(outcome.code, outcome.message));
        break;
    }
    if (outcome.position > 0)
        m_client.notifyWritten(outcome.position);
    Q_EMIT outcomeShown();
}

void CommandDialog::setStep(Step step)
{
    m_step = step;
    m_pages->setCurrentIndex(int(step));
    m_backButton->setVisible(step == Step::Confirm);
    m_backButton->setEnabled(true);
    m_reviewButton->setVisible(step == Step::Edit);
    m_confirmButton->setVisible(step == Step::Confirm);
    m_confirmButton->setEnabled(true);
    m_confirmButton->setDefault(step == Step::Confirm);
    m_reviewButton->setDefault(step == Step::Edit);
    m_retryButton->setVisible(false);
    m_closeButton->setText(step == Step::Outcome ? tr("Close") : tr("Cancel"));
    m_closeButton->setEnabled(true);
}

} // namespace billing::ui
