#pragma once

#include <QHash>
#include <QString>
#include <QStringView>
#include <QUuid>

#include <optional>

namespace billing {

// Only the exact text QUuid::toString(WithoutBraces) gives back (lower-case hex, dashes), so
// that an id or key kept as its 16 bytes is never told apart from its text.
std::optional<QUuid> canonicalUuid(QStringView text);

// Where each aggregate sits in its list, by id. Generated ids are canonical UUIDs and are kept
// as their 16 bytes, a fifth of a 36-character QString's cost; any other id as its text.
class AggregateIndex
{
public:
    std::optional<quint32> find(QStringView id) const;
    void insert(const QString &id, quint32 at);
    void remove(QStringView id);
    qsizetype size() const { return m_byUuid.size() + m_byText.size(); }

private:
    QHash<QUuid, quint32> m_byUuid;
    QHash<QString, quint32> m_byText;
};

} // namespace billing
