#pragma once

// A broken invariant is a bug, never a business outcome: it stops the process loudly in every
// build type, because a ledger that continues after one can only make things worse.
#define BILLING_ASSERT(condition)                                                                  \
    do {                                                                                           \
        if (!(condition))                                                                          \
            ::billing::invariantFailed(#condition, __FILE__, __LINE__);                            \
    } while (false)

namespace billing {
[[noreturn]] void invariantFailed(const char *condition, const char *file, int line);
} // namespace billing
