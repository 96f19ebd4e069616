#include "CliArguments.h"

#include "domain/ReasonCode.h"

namespace billing::cli {
namespace {

const QStringList flagNames = {QStringLiteral("help"), QStringLiteral("version")};
// Options every subcommand accepts.
const QStringList globalNames = {QStringLiteral("store"), QStringLiteral("projections"),
                                 QStringLiteral("operator"), QStringLiteral("help"),
                                 QStringLiteral("version")};

Error bad(const QString &field, const QString &message)
{
    return Error{reason::invalidArgument, message, field};
}

} // namespace

Result<CliArguments> CliArguments::parse(const QStringList &arguments)
{
    CliArguments parsed;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments[i];
        if (!argument.startsWith(u"--") || argument.size() == 2) {
            parsed.m_words.append(argument);
            continue;
        }
        QString name = argument.mid(2);
        QString value;
        const qsizetype equals = name.indexOf(u'=');
        if (equals >= 0) {
            value = name.mid(equals + 1);
            name.truncate(equals);
        } else if (flagNames.contains(name)) {
            parsed.m_flags.append(name);
            continue;
        } else if (i + 1 < arguments.size()) {
            value = arguments[++i];
        } else {
            return bad(name, QStringLiteral("--%1 needs a value").arg(name));
        }
        if (parsed.m_options.contains(name))
            return bad(name, QStringLiteral("--%1 given twice").arg(name));
        parsed.m_options.insert(name, value);
    }
    return parsed;
}

Result<QString> CliArguments::required(const QString &name) const
{
    const QString value = m_options.value(name);
    if (value.trimmed().isEmpty() && m_options.contains(name))
        return bad(name, QStringLiteral("--%1 is given but blank").arg(name));
    if (value.isEmpty())
        return bad(name, QStringLiteral("--%1 is required").arg(name));
    return value;
}

Result<qint64> CliArguments::number(const QString &name, qint64 fallback, qint64 min,
                                    qint64 max) const
{
    if (!m_options.contains(name))
        return fallback;
    bool ok = false;
    const qint64 value = m_options.value(name).toLongLong(&ok);
    if (!ok || value < min || value > max)
        return bad(name, QStringLiteral("--%1 must be a whole number from %2 to %3")
                             .arg(name)
                             .arg(min)
                             .arg(max));
    return value;
}

Status CliArguments::allowOnly(const QStringList &names) const
{
    for (auto it = m_options.cbegin(); it != m_options.cend(); ++it) {
        if (!names.contains(it.key()) && !globalNames.contains(it.key()))
            return bad(it.key(), QStringLiteral("unknown option --%1").arg(it.key()));
    }
    return Done{};
}

Status CliArguments::allowWords(qsizetype count) const
{
    if (m_words.size() <= count)
        return Done{};
    const QString extra = m_words[count];
    return bad(extra.isEmpty() ? QStringLiteral("command") : extra,
               QStringLiteral("unexpected word '%1' after '%2'")
                   .arg(extra, m_words.first(count).join(u' ')));
}

Status CliArguments::allowOnly(const QStringList &names, qsizetype words) const
{
    if (Status allowed = allowOnly(names); !allowed.ok())
        return allowed;
    return allowWords(words);
}

Result<QString> CliArguments::nonBlank(const QString &name) const
{
    const QString value = m_options.value(name);
    if (m_options.contains(name) && value.trimmed().isEmpty())
        return bad(name, QStringLiteral("--%1 is given but blank").arg(name));
    return value;
}

} // namespace billing::cli
