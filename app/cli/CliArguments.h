#pragma once

#include "domain/Result.h"

#include <QHash>
#include <QStringList>

namespace billing::cli {

// `billing-cli WORD [WORD ...] [--name value ...] [--flag]`, options anywhere after the
// program name. Every option but the flags takes exactly one value.
class CliArguments
{
public:
    static Result<CliArguments> parse(const QStringList &arguments);

    const QStringList &words() const { return m_words; }
    QString word(qsizetype index) const { return m_words.value(index); }
    bool has(const QString &name) const { return m_options.contains(name); }
    QString option(const QString &name, const QString &fallback = {}) const
    {
        return m_options.value(name, fallback);
    }
    bool flag(const QString &name) const { return m_flags.contains(name); }
    // Fails naming the option when it is missing.
    Result<QString> required(const QString &name) const;
    // Fails naming the option when it is not a whole number in [min, max].
    Result<qint64> number(const QString &name, qint64 fallback, qint64 min, qint64 max) const;
    // Fails naming the first option that the subcommand does not know.
    Status allowOnly(const QStringList &names) const;
    // Fails naming the first word after the first `count` (the command and its ID, say).
    Status allowWords(qsizetype count) const;
    // Both of the above.
    Status allowOnly(const QStringList &names, qsizetype words) const;
    // The option's value, failing naming it when it is given but blank: an empty variable in a
    // script must not silently stand for "no value".
    Result<QString> nonBlank(const QString &name) const;

private:
    QStringList m_words;
    QHash<QString, QString> m_options;
    QStringList m_flags;
};

} // namespace billing::cli
