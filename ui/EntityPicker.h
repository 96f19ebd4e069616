#pragma once

#include <QTimer>
#include <QWidget>

#include <functional>
#include <optional>

class QCompleter;
class QLabel;
class QLineEdit;
class QStandardItemModel;

namespace billing::ui {

class LedgerClient;
class LedgerWork;

// One thing a picker offers: an account or a payment, as the ledger holds it now.
struct PickerChoice
{
    QString id;
    QString text;   // one line: owner, type, currency, balance, short id
    QString detail; // shown under the field once chosen
    QString currency;
    int decimals = 2;
};

// A type-ahead field for accounts or payments. What the user types is searched on the ledger's
// thread; the matches drop down to choose from. A single match, or an exact id, is chosen at
// once.
class EntityPicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EntityPicker)

public:
    static constexpr int searchDelayMs = 120;
    using Search = std::function<QList<PickerChoice>(LedgerWork &, const QString &text)>;

    EntityPicker(LedgerClient &client, Search search, QWidget *parent = nullptr);

    void setSearch(Search search);
    const std::optional<PickerChoice> &selected() const { return m_selected; }
    QString selectedId() const { return m_selected ? m_selected->id : QString(); }
    // Chooses the entity with this id once the ledger has found it.
    void select(const QString &id);
    void clear();
    QLineEdit *lineEdit() const { return m_edit; }
    QCompleter *completer() const { return m_completer; }
    QStandardItemModel *choices() const { return m_choices; }

Q_SIGNALS:
    void selectionChanged();
    // The matches for the current text arrived (tests wait for it).
    void choicesArrived();

private:
    void startSearch();
    void showChoices(const QString &text, const QList<PickerChoice> &found);
    void choose(const std::optional<PickerChoice> &choice);

    LedgerClient &m_client;
    Search m_search;
    QLineEdit *m_edit = nullptr;
    QLabel *m_detailLabel = nullptr;
    QCompleter *m_completer = nullptr;
    QStandardItemModel *m_choices = nullptr;
    QList<PickerChoice> m_found;
    std::optional<PickerChoice> m_selected;
    QTimer m_searchTimer;
    quint64 m_searchSerial = 0;
};

} // namespace billing::ui
