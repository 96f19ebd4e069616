# The Qt runtime for the installed executables, with Qt 6.4's qt_deploy_runtime_dependencies():
# windeployqt copies Qt's DLLs, plugins (platform, styles, every SQL driver) and translations
# beside them and writes qt.conf; macdeployqt does the same inside the bundle. Unlike
# qt_generate_deploy_app_script(), which deploys for one target, this also fixes up billing-cli,
# which shares the runtime. Windows and macOS only; BILLING_DEPLOY_EXTRA_BINARIES may name more
# installed binaries (paths relative to the install prefix) whose dependencies need deploying.
if(APPLE)
    set(billing_deploy_executable billing-desk.app)
    set(billing_deploy_cli billing-desk.app/Contents/MacOS/billing-cli)
    # Not for the App Store: keep every plugin macdeployqt would otherwise leave out.
    set(billing_deploy_options NO_APP_STORE_COMPLIANCE)
else()
    set(billing_deploy_executable "\${QT_DEPLOY_BIN_DIR}/$<TARGET_FILE_NAME:billing-desk>")
    set(billing_deploy_cli "\${QT_DEPLOY_BIN_DIR}/$<TARGET_FILE_NAME:billing-cli>")
    # qt.conf beside the executables points Qt at plugins/ and translations/: no QT_PLUGIN_PATH.
    set(billing_deploy_options GENERATE_QT_CONF)
endif()
list(JOIN BILLING_DEPLOY_EXTRA_BINARIES "\" \"" billing_deploy_extra)
if(billing_deploy_extra)
    set(billing_deploy_extra "ADDITIONAL_LIBRARIES \"${billing_deploy_extra}\"")
endif()

set(billing_deploy_script ${CMAKE_CURRENT_BINARY_DIR}/deploy-qt-$<CONFIG>.cmake)
file(GENERATE OUTPUT ${billing_deploy_script} CONTENT "
include(\"${QT_DEPLOY_SUPPORT}\")
qt_deploy_runtime_dependencies(
    EXECUTABLE \"${billing_deploy_executable}\"
    ADDITIONAL_EXECUTABLES \"${billing_deploy_cli}\"
    ${billing_deploy_extra}
    ${billing_deploy_options})
")
install(SCRIPT ${billing_deploy_script})
