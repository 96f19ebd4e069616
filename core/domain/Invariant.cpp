#include "Invariant.h"

#include <QtGlobal>

namespace billing {
namespace {

thread_local bool auditing = false;

} // namespace

void invariantFailed(const char *condition, const char *file, int line, const char *rule)
{
    if (auditing)
        throw BrokenInvariant{condition, file, line, rule};
    qFatal("Ledger invariant broken: %s (%s:%d)", condition, file, line);
}

QString describe(const BrokenInvariant &broken)
{
    return broken.rule ? QString::fromUtf8(broken.rule)
                       : QStringLiteral("an internal check failed: ") +
                             QString::fromLatin1(broken.condition);
}

InvariantAudit::InvariantAudit()
    : m_outer(auditing)
{
    auditing = true;
}

InvariantAudit::~InvariantAudit()
{
    auditing = m_outer;
}

} // namespace billing
