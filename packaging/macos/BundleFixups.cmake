# After macdeployqt. Qt's prebuilt libqsqlpsql.dylib may name libpq by a path on Qt's build
# machine, which macdeployqt cannot follow: point it at the copy in Contents/Frameworks. Then sign
# the bundle ad hoc, because install_name_tool voids signatures and Apple silicon refuses
# unsigned code. (A Developer ID signature and notarisation are a release step of their own.)
install(CODE [[
    set(app "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/billing-desk.app")
    set(plugin "${app}/Contents/PlugIns/sqldrivers/libqsqlpsql.dylib")
    if(NOT EXISTS "${plugin}")
        message(FATAL_ERROR "macdeployqt did not deploy the PostgreSQL driver: ${plugin}")
    endif()
    execute_process(COMMAND otool -L "${plugin}" OUTPUT_VARIABLE linked COMMAND_ERROR_IS_FATAL ANY)
    string(REGEX MATCH "[^\n\t ]*libpq[.0-9]*dylib" libpq "${linked}")
    if(libpq AND NOT libpq MATCHES "^@")
        get_filename_component(name "${libpq}" NAME)
        execute_process(COMMAND install_name_tool -change "${libpq}"
            "@executable_path/../Frameworks/${name}" "${plugin}" COMMAND_ERROR_IS_FATAL ANY)
    endif()
    execute_process(COMMAND codesign --force --deep --sign - "${app}" COMMAND_ERROR_IS_FATAL ANY)
]])
