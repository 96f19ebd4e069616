# Half of compiling one of our files was parsing Qt's and Boost's headers again (a clean CI
# build on a slow day took most of its 20 minutes). They are parsed once per library instead:
# billing_core's header serves every target without Widgets, billing_ui's every desk target.
# Only third-party headers are in them, so editing our own headers rebuilds no more than before.
option(BILLING_PRECOMPILED_HEADERS "Precompile Qt's and Boost's headers" ON)

set(BILLING_CORE_PCH
    <QByteArray> <QDateTime> <QHash> <QJsonArray> <QJsonDocument> <QJsonObject> <QJsonValue>
    <QList> <QObject> <QSqlDatabase> <QSqlQuery> <QString> <QStringList> <QUuid> <QVariant>
    <boost/multiprecision/cpp_int.hpp>
    <functional> <memory> <optional> <variant> <vector>)
set(BILLING_UI_PCH ${BILLING_CORE_PCH}
    <QAbstractTableModel> <QDialog> <QLabel> <QLayout> <QWidget>)

# The library that owns a header list precompiles it.
function(billing_precompile target)
    if(BILLING_PRECOMPILED_HEADERS)
        target_precompile_headers(${target} PRIVATE ${ARGN})
    endif()
endfunction()

# A target uses the header of billing_ui when it links Widgets, else billing_core's. Reusing
# needs a compiler that takes a header built with fewer -D options than the file has (tests and
# the desk add their own): GCC does, and checks it (-Winvalid-pch, an error with -Werror).
# MSVC reports a /D missing from the header as a warning (an error under /WX), so elsewhere
# only the two libraries use theirs.
function(billing_reuse_precompiled target)
    if(NOT BILLING_PRECOMPILED_HEADERS OR NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        return()
    endif()
    get_target_property(libraries ${target} LINK_LIBRARIES)
    if(TARGET billing_ui AND ("billing_ui" IN_LIST libraries OR "Qt6::Widgets" IN_LIST libraries))
        target_precompile_headers(${target} REUSE_FROM billing_ui)
    else()
        target_precompile_headers(${target} REUSE_FROM billing_core)
    endif()
endfunction()
