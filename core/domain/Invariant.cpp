#include "Invariant.h"

#include <QtGlobal>

namespace billing {
namespace {

thread_local bool auditing = false;

} // namespace

void invariantFailed(const char *condition, const char *file, int line)
{
    if (auditing)
        throw BrokenInvariant{condition, file, line};
    qFatal("Ledger invariant broken: %s (%s:%d)", condition, file, line);
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
