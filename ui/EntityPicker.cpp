#include "EntityPicker.h"

#include "LedgerClient.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace billing::ui {

EntityPicker::EntityPicker(LedgerClient &client, Search search, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_search(std::move(search))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_edit = new QLineEdit(this);
    m_edit->setPlaceholderText(tr("Type an owner or an id…"));
    m_edit->setClearButtonEnabled(true);
    layout->addWidget(m_edit);
    m_detailLabel = new QLabel(this);
    m_detailLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailLabel->setEnabled(false);
    // Wrapped, not one long line: unwrapped it set the form's width and clipped its labels.
    m_detailLabel->setWordWrap(true);
    layout->addWidget(m_detailLabel);
    setFocusProxy(m_edit);

    m_choices = new QStandardItemModel(this);
    m_completer = new QCompleter(m_choices, this);
    // The ledger already filtered; the completer only shows.
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_edit->setCompleter(m_completer);
    connect(m_completer, qOverload<const QModelIndex &>(&QCompleter::activated), this,
            [this](const QModelIndex &index) {
                const int row = index.row();
                if (row >= 0 && row < m_found.size())
                    choose(m_found.at(row));
            });

    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(searchDelayMs);
    connect(&m_searchTimer, &QTimer::timeout, this, &EntityPicker::startSearch);
    connect(m_edit, &QLineEdit::textEdited, this, [this] {
        if (m_selected)
            choose(std::nullopt);
        m_searchTimer.start();
    });
    choose(std::nullopt);
}

void EntityPicker::setSearch(Search search)
{
    m_search = std::move(search);
    // What was chosen may no longer fit (another currency, say): search again and keep it only
    // when it is still offered.
    const QString id = selectedId();
    if (!id.isEmpty())
        select(id);
}

void EntityPicker::select(const QString &id)
{
    m_edit->setText(id);
    choose(std::nullopt);
    startSearch();
}

void EntityPicker::clear()
{
    m_edit->clear();
    choose(std::nullopt);
}

void EntityPicker::startSearch()
{
    m_searchTimer.stop();
    const QString text = m_edit->text().trimmed();
    const quint64 serial = ++m_searchSerial;
    Search search = m_search;
    m_client.run(this,
                 [this, text, serial, search](LedgerWork &work) -> LedgerClient::Continuation {
                     QList<PickerChoice> found = search(work, text);
                     return [this, text, serial, found] {
                         // Only the newest search counts; older answers are for text no longer
                         // there.
                         if (serial == m_searchSerial)
                             showChoices(text, found);
                     };
                 });
}

void EntityPicker::showChoices(const QString &text, const QList<PickerChoice> &found)
{
    m_found = found;
    m_choices->clear();
    for (const PickerChoice &choice : found) {
        auto *item = new QStandardItem(choice.text);
        item->setToolTip(choice.detail);
        m_choices->appendRow(item);
    }
    const auto exact = std::find_if(found.cbegin(), found.cend(),
                                    [&](const PickerChoice &c) { return c.id == text; });
    if (exact != found.cend())
        choose(*exact);
    else if (found.size() == 1 && !text.isEmpty())
        choose(found.first());
    else if (m_edit->hasFocus() && !found.isEmpty())
        m_completer->complete();
    Q_EMIT choicesArrived();
}

void EntityPicker::choose(const std::optional<PickerChoice> &choice)
{
    const bool changed = selectedId() != (choice ? choice->id : QString());
    m_selected = choice;
    if (choice) {
        m_edit->setText(choice->text);
        m_edit->setCursorPosition(0);
        m_detailLabel->setText(choice->detail);
        if (m_completer->popup())
            m_completer->popup()->hide();
    } else {
        m_detailLabel->setText(tr("Nothing chosen yet."));
    }
    if (changed)
        Q_EMIT selectionChanged();
}

} // namespace billing::ui
