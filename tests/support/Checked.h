#pragma once

#include <QTest>

// Helpers check with QTest macros, which only leave the helper; this leaves the test too.
#define CHECKED(call)                                                                              \
    do {                                                                                           \
        call;                                                                                      \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)
