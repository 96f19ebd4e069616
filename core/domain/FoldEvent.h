#pragma once

#include "EventEnvelope.h"

#include <QStringView>
#include <QVarLengthArray>

#include <array>

namespace billing {

// What LedgerState::apply reads of one event, as views of text that someone else holds: the
// store's fast reader points them into the row it just read, so replay builds no QJsonObject
// and no QString for fields it only looks at.
struct FoldEvent
{
    struct Field
    {
        QStringView name;
        QStringView value;
    };
    // Well above what any event the ledger writes has (AccountCreated has 9).
    static constexpr qsizetype fieldsMax = 24;

    QStringView eventType;
    QStringView aggregateId;
    qint64 aggregateVersion = 0;
    qint64 position = 0;
    std::array<Field, fieldsMax> data{};
    qsizetype dataCount = 0;

    // The value of a data field, or nullptr without one.
    const QStringView *find(QStringView name) const;
    // The value, or an empty view without one.
    QStringView value(QStringView name) const;
    bool contains(QStringView name) const { return find(name) != nullptr; }
    AggregateKind aggregateKind() const;
};

// Case-sensitive prefix and suffix tests as an equality of the part that can match: QStringView's
// own go through Qt's general comparison, which showed in replay's profile at a few calls per
// event.
inline bool startsWithText(QStringView text, QStringView prefix)
{
    return text.size() >= prefix.size() && text.first(prefix.size()) == prefix;
}
inline bool endsWithText(QStringView text, QStringView suffix)
{
    return text.size() >= suffix.size() && text.last(suffix.size()) == suffix;
}

// A FoldEvent over an envelope in the current schema: the envelope path (decisions, upcast
// events, other stores) folds through the same code as the store's fast reader.
class EnvelopeFold
{
public:
    explicit EnvelopeFold(const EventEnvelope &event);
    // The views point into this object.
    EnvelopeFold(const EnvelopeFold &) = delete;
    EnvelopeFold &operator=(const EnvelopeFold &) = delete;
    ~EnvelopeFold() = default;
    const FoldEvent &event() const { return m_event; }

private:
    FoldEvent m_event;
    // Names and values as text (QJsonValue::toString gives "" for any other type, as before).
    QVarLengthArray<QString, FoldEvent::fieldsMax> m_names;
    QVarLengthArray<QString, FoldEvent::fieldsMax> m_values;
};

} // namespace billing
