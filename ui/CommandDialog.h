#pragma once

#include "application/Command.h"
#include "application/CommandPreview.h"
#include "domain/Result.h"

#include <QDialog>
#include <QHash>

#include <optional>

class QFormLayout;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableWidget;

namespace billing::ui {

class AmountEdit;
class EntityPicker;
class LedgerClient;

// The frame every command form shares: fields with their errors inline, a confirm step that
// shows both legs of the entry with balances before and after, and the outcome. One
// idempotency key lives as long as the form: reviewing again, a double click or a retry after a
// failure can never make a second transaction.
class CommandDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandDialog)

public:
    enum class Step { Edit, Confirm, Outcome };

    Step step() const { return m_step; }
    const QString &idempotencyKey() const { return m_idempotencyKey; }
    const std::optional<Outcome> &outcome() const { return m_outcome; }
    QString fieldError(const QString &field) const;
    QPushButton *reviewButton() const { return m_reviewButton; }
    QPushButton *confirmButton() const { return m_confirmButton; }
    QPushButton *backButton() const { return m_backButton; }
    QPushButton *retryButton() const { return m_retryButton; }
    QPushButton *closeButton() const { return m_closeButton; }
    // Closing is refused while a confirmed command is on its way: it books whether or not the
    // form is there, and its outcome is what the user has to see.
    void reject() override;
    QTableWidget *legsTable() const { return m_legsTable; }
    QLabel *outcomeLabel() const { return m_outcomeLabel; }

Q_SIGNALS:
    // The form reached its outcome (tests and the main window wait for it).
    void outcomeShown();
    void reviewShown();

protected:
    CommandDialog(LedgerClient &client, const QString &title, QWidget *parent);

    // Adds a labelled field whose errors show under it; `field` is the name the core uses.
    void addField(const QString &label, QWidget *editor, const QString &field);
    void setFieldError(const QString &field, const QString &text);
    // The amount, or nothing with the reason shown under the field.
    std::optional<Money> checkedAmount(const AmountEdit &edit, const QString &field);
    // Whether something was chosen; if not, says so under the field.
    bool checkChosen(const EntityPicker &picker, const QString &field);
    // Validates the fields, shows what is wrong next to each, and returns the command body
    // only when every field is right.
    virtual std::optional<CommandBody> commandBody() = 0;
    // One line that says what the command does, for the confirm step.
    virtual QString summary() const = 0;
    LedgerClient &client() const { return m_client; }

private:
    void buildPages();
    void review();
    void showReview(const Command &command, const CommandPreview &preview);
    void confirm();
    void submit();
    void showOutcome(const Result<Outcome> &result);
    void setStep(Step step);
    void clearErrors();

    LedgerClient &m_client;
    QString m_idempotencyKey;
    Step m_step = Step::Edit;
    std::optional<Command> m_command;
    std::optional<Outcome> m_outcome;
    bool m_submitted = false;
    bool m_inFlight = false; // confirmed, and no outcome back yet
    QStackedWidget *m_pages = nullptr;
    QFormLayout *m_form = nullptr;
    QHash<QString, QLabel *> m_errorLabels;
    QWidget *m_lastField = nullptr;
    QLabel *m_formError = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QLabel *m_warningLabel = nullptr;
    QTableWidget *m_legsTable = nullptr;
    QLabel *m_outcomeLabel = nullptr;
    QLabel *m_outcomeDetail = nullptr;
    QPushButton *m_reviewButton = nullptr;
    QPushButton *m_confirmButton = nullptr;
    QPushButton *m_backButton = nullptr;
    QPushButton *m_retryButton = nullptr;
    QPushButton *m_closeButton = nullptr;
};

} // namespace billing::ui
