# Windows: an NSIS installer (Start-menu entry, uninstaller) and a .zip. Everything the
# executables load is copied beside them: the Qt runtime by windeployqt, and the non-Qt DLLs
# (libpq for the PostgreSQL driver, librdkafka and their OpenSSL, zlib, ...) through a CMake
# runtime dependency set. Built only by .github/workflows/release.yml: unverified here.
set(CPACK_GENERATOR NSIS ZIP)

if(NOT TARGET billing-desk OR NOT TARGET billing-cli)
    message(FATAL_ERROR "The Windows installer needs billing-desk and billing-cli")
endif()

# The executable's icon and version, from a resource script.
configure_file(${CMAKE_CURRENT_LIST_DIR}/billing-desk.rc.in
    ${CMAKE_CURRENT_BINARY_DIR}/billing-desk.rc @ONLY)
target_sources(billing-desk PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/billing-desk.rc)

# The MSVC runtime (vcruntime, msvcp) goes into bin/ as well: no redistributable to install.
set(CMAKE_INSTALL_SYSTEM_RUNTIME_DESTINATION ${CMAKE_INSTALL_BINDIR})
include(InstallRequiredSystemLibraries)

include(${CMAKE_CURRENT_LIST_DIR}/../QtDeploy.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/RuntimeLibraries.cmake)

set(CPACK_NSIS_PACKAGE_NAME "Billing Desk")
set(CPACK_NSIS_DISPLAY_NAME "Billing Desk ${PROJECT_VERSION}")
# One Start-menu entry for the desk; NSIS adds the uninstaller and its entry by itself.
set(CPACK_PACKAGE_EXECUTABLES billing-desk "Billing Desk")
set(CPACK_NSIS_INSTALLED_ICON_NAME "${CMAKE_INSTALL_BINDIR}\\\\billing-desk.exe")
set(CPACK_NSIS_MUI_ICON ${BILLING_ICONS}/billing-desk.ico)
set(CPACK_NSIS_MUI_UNIICON ${BILLING_ICONS}/billing-desk.ico)
set(CPACK_NSIS_ENABLE_UNINSTALL_BEFORE_INSTALL ON)
set(CPACK_NSIS_URL_INFO_ABOUT "${PROJECT_HOMEPAGE_URL}")
set(CPACK_NSIS_CONTACT "${CPACK_PACKAGE_CONTACT}")
