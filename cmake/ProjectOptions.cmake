# One interface target carries the standard, the warnings and Qt's strictness switches for
# every target of ours; third-party code never sees -Werror.
add_library(billing_options INTERFACE)
target_compile_features(billing_options INTERFACE cxx_std_20)
target_compile_options(billing_options INTERFACE
    $<$<CXX_COMPILER_ID:GNU,Clang,AppleClang>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
        -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference -Werror>
    # GCC 12 at -O3 reports a false -Wrestrict inside Boost's cpp_int string conversion.
    $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_GREATER_EQUAL:$<CXX_COMPILER_VERSION>,12>>:-Wno-restrict>
    $<$<CXX_COMPILER_ID:MSVC>:/W4 /WX /permissive- /Zc:__cplusplus>
    # Line tables only (it comes after the configuration's -g, so it wins): a backtrace still
    # names functions, files and lines, and the CI build spends a third less compiling.
    $<$<AND:$<CONFIG:RelWithDebInfo>,$<CXX_COMPILER_ID:GNU,Clang,AppleClang>>:-g1>)
target_compile_definitions(billing_options INTERFACE
    QT_NO_CAST_TO_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_NO_KEYWORDS
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    BILLING_VERSION="${PROJECT_VERSION}")

# One line per test: billing_add_test(tst_money LIBS billing_core).
function(billing_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    if(NOT ARG_SOURCES)
        set(ARG_SOURCES ${name}.cpp)
    endif()
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE billing_options Qt6::Test ${ARG_LIBS})
    billing_reuse_precompiled(${name})
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    # The desk shows amounts with the locale's decimal separator: the suites expect the C
    # locale's, whatever the machine's language (one suite sets German itself).
    set(environment "QT_QPA_PLATFORM=offscreen" "LC_ALL=C.UTF-8")
    if(TARGET billing-cli)
        list(APPEND environment "BILLING_CLI=$<TARGET_FILE:billing-cli>")
    endif()
    set_tests_properties(${name} PROPERTIES TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "${environment}" LABELS "${ARG_LABELS}")
endfunction()
