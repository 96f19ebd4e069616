# Linux: desktop integration (desktop entry, AppStream metainfo, icons), the files Debian asks of
# every package, and the .deb and .tar.gz settings.
set(CPACK_GENERATOR DEB TGZ)

if(TARGET billing-desk)
    install(FILES ${CMAKE_CURRENT_LIST_DIR}/${BILLING_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
    configure_file(${CMAKE_CURRENT_LIST_DIR}/${BILLING_APP_ID}.metainfo.xml.in
        ${CMAKE_CURRENT_BINARY_DIR}/${BILLING_APP_ID}.metainfo.xml @ONLY)
    install(FILES ${CMAKE_CURRENT_BINARY_DIR}/${BILLING_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
    install(FILES ${BILLING_ICONS}/billing-desk.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
    foreach(size IN ITEMS 16 24 32 48 64 128 256 512)
        install(FILES ${BILLING_ICONS}/png/billing-desk-${size}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
            RENAME billing-desk.png)
    endforeach()
endif()

# Debian policy: a copyright file, and a changelog and manual pages compressed with gzip -9n.
# Revision 1 of the upstream version: a non-native package, whose changelog is changelog.Debian.
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(BILLING_DEBIAN_VERSION ${PROJECT_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE})
configure_file(${CMAKE_CURRENT_LIST_DIR}/changelog.Debian.in
    ${CMAKE_CURRENT_BINARY_DIR}/changelog.Debian @ONLY)
function(billing_gzip input output)
    execute_process(COMMAND gzip -9nc ${input} OUTPUT_FILE ${output} COMMAND_ERROR_IS_FATAL ANY)
endfunction()
billing_gzip(${CMAKE_CURRENT_BINARY_DIR}/changelog.Debian
    ${CMAKE_CURRENT_BINARY_DIR}/changelog.Debian.gz)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/copyright ${CMAKE_CURRENT_BINARY_DIR}/changelog.Debian.gz
    DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${CPACK_PACKAGE_NAME})
install(FILES ${CMAKE_CURRENT_LIST_DIR}/lintian-overrides
    DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides RENAME ${CPACK_PACKAGE_NAME})
foreach(program IN ITEMS billing-cli billing-desk)
    if(TARGET ${program})
        billing_gzip(${CMAKE_CURRENT_LIST_DIR}/${program}.1
            ${CMAKE_CURRENT_BINARY_DIR}/${program}.1.gz)
        install(FILES ${CMAKE_CURRENT_BINARY_DIR}/${program}.1.gz
            DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
    endif()
endforeach()

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Libraries the executables link come from dpkg-shlibdeps. Plugins are loaded, not linked, so
# shlibdeps cannot see them: the SQLite driver and the platform plugins are named here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-qpa-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libqt6sql6-psql, qt6-translations-l10n")
# Debian wraps nothing: extended description lines stay under 80 columns.
set(CPACK_PACKAGE_DESCRIPTION [[
Billing Desk keeps a double-entry ledger of user, external and system
accounts as an append-only, hash-chained log of events. billing-desk is
the desktop for finance staff; billing-cli runs the same commands from
scripts.]])
