# The non-Qt DLLs the installed program loads, which windeployqt does not copy: what the
# executables link, libpq for the PostgreSQL driver plugin, and librdkafka with what it links
# (OpenSSL, zlib, zstd, lz4). A CMake runtime dependency set resolves them at install time with
# file(GET_RUNTIME_DEPENDENCIES); an unresolved one fails the install instead of shipping a
# driver that cannot load.
foreach(driver IN ITEMS QSQLiteDriverPlugin QPSQLDriverPlugin)
    # Qt loads plugin targets with Qt6Sql only where Qt6SqlPlugins.cmake exists: load each one.
    if(NOT TARGET Qt6::${driver})
        find_package(Qt6${driver} CONFIG REQUIRED PATHS ${Qt6Sql_DIR} NO_DEFAULT_PATH)
    endif()
endforeach()
# vcpkg's librdkafka (see .github/workflows/release.yml).
find_package(RdKafka CONFIG REQUIRED)

install(TARGETS billing-desk billing-cli RUNTIME_DEPENDENCY_SET billing_runtime
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(IMPORTED_RUNTIME_ARTIFACTS Qt6::QSQLiteDriverPlugin Qt6::QPSQLDriverPlugin
    RUNTIME_DEPENDENCY_SET billing_runtime
    LIBRARY DESTINATION plugins/sqldrivers RUNTIME DESTINATION plugins/sqldrivers)
install(IMPORTED_RUNTIME_ARTIFACTS RdKafka::rdkafka RUNTIME_DEPENDENCY_SET billing_runtime
    LIBRARY DESTINATION ${CMAKE_INSTALL_BINDIR} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

set(billing_dll_directories $<TARGET_FILE_DIR:Qt6::Core> $<TARGET_FILE_DIR:RdKafka::rdkafka>)
foreach(prefix IN LISTS CMAKE_PREFIX_PATH)
    list(APPEND billing_dll_directories ${prefix}/bin)
endforeach()
# Windows' own DLLs (API sets, system32) are never copied. (The options come before RUNTIME:
# CMake 3.25 reads what follows RUNTIME as that group's options.)
install(RUNTIME_DEPENDENCY_SET billing_runtime
    PRE_EXCLUDE_REGEXES "^api-ms-" "^ext-ms-"
    POST_EXCLUDE_REGEXES "[Ss]ystem32/" "[Ww]indows/"
    DIRECTORIES ${billing_dll_directories}
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
