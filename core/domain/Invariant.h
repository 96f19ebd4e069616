#pragma once

#include <QString>

// A broken invariant is a bug, never a business outcome: it stops the process loudly in every
// build type, because a ledger that continues after one can only make things worse.
#define BILLING_ASSERT(condition)                                                                  \
    do {                                                                                           \
        if (!(condition))                                                                          \
            ::billing::invariantFailed(#condition, __FILE__, __LINE__);                            \
    } while (false)

// The same, for a rule of the ledger that a fold of the log checks: `rule` says it in words, so
// that a log forged to break it is refused naming the rule, not the expression.
#define BILLING_ASSERT_RULE(condition, rule)                                                       \
    do {                                                                                           \
        if (!(condition))                                                                          \
            ::billing::invariantFailed(#condition, __FILE__, __LINE__, rule);                      \
    } while (false)

namespace billing {

[[noreturn]] void invariantFailed(const char *condition, const char *file, int line,
                                  const char *rule = nullptr);

// What an invariant that broke inside an InvariantAudit said.
struct BrokenInvariant
{
    const char *condition;
    const char *file;
    int line;
    const char *rule; // null for an invariant that is no ledger rule
};

// The rule in words, or the expression of an invariant that is no ledger rule.
QString describe(const BrokenInvariant &broken);

// While one lives on a thread, a broken invariant on that thread throws BrokenInvariant instead
// of stopping the process. Only for verification: it folds a log that may have been forged so
// as to break the rules, and must name that event rather than die on it. Whatever the throw
// interrupted (a state half folded) is to be thrown away.
class InvariantAudit
{
public:
    InvariantAudit();
    ~InvariantAudit();
    InvariantAudit(const InvariantAudit &) = delete;
    InvariantAudit &operator=(const InvariantAudit &) = delete;

private:
    bool m_outer;
};

} // namespace billing
