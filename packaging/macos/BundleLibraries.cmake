# librdkafka and libpq (which the PostgreSQL driver loads) are copied into Contents/Frameworks
# before macdeployqt runs; named to it as extra binaries, it then copies what they link
# (OpenSSL, zstd, lz4) and points them at the copies. Homebrew's, see release.yml.
find_library(BILLING_RDKAFKA_LIBRARY rdkafka REQUIRED)
find_library(BILLING_PQ_LIBRARY pq REQUIRED
    HINTS /opt/homebrew/opt/libpq/lib /usr/local/opt/libpq/lib)
set(frameworks billing-desk.app/Contents/Frameworks)
foreach(library IN ITEMS ${BILLING_RDKAFKA_LIBRARY} ${BILLING_PQ_LIBRARY})
    file(REAL_PATH ${library} file)
    # Copied under its install name (libpq.5.dylib), the name that the plugin asks for.
    execute_process(COMMAND otool -D ${file} OUTPUT_VARIABLE id COMMAND_ERROR_IS_FATAL ANY)
    string(REGEX REPLACE "^[^\n]*\n([^\n]*).*$" "\\1" id "${id}")
    get_filename_component(name "${id}" NAME)
    install(FILES ${file} DESTINATION ${frameworks} RENAME ${name})
    list(APPEND BILLING_DEPLOY_EXTRA_BINARIES ${frameworks}/${name})
endforeach()
