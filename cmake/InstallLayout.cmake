# Where installed files go, for install() rules and, through compile definitions, for C++:
# an installed desk finds its files relative to its executable, never through the environment.
include(GNUInstallDirs)

# Reverse-DNS id of the homepage's domain: the AppStream id, the desktop file's name (which the
# desk announces, so that Wayland shells match its windows to the entry) and the macOS bundle id.
set(BILLING_APP_ID invalid.example.billingdesk)
if(APPLE)
    # Inside the bundle: Contents/MacOS/billing-desk, Contents/Resources/translations.
    set(BILLING_INSTALL_TRANSLATIONSDIR billing-desk.app/Contents/Resources/translations)
    set(BILLING_TRANSLATIONS_RELATIVE_DIR ../Resources/translations)
else()
    set(BILLING_INSTALL_TRANSLATIONSDIR ${CMAKE_INSTALL_DATADIR}/billing-desk/translations)
    file(RELATIVE_PATH BILLING_TRANSLATIONS_RELATIVE_DIR
        /${CMAKE_INSTALL_BINDIR} /${BILLING_INSTALL_TRANSLATIONSDIR})
endif()

# qt_standard_project_setup() gives executables an install RPATH of $ORIGIN:$ORIGIN/../lib.
# Installed to /usr they find Qt in the system's library path, nothing of ours is in lib/, and
# Debian (lintian) rejects such RPATHs: none at all on Linux.
if(UNIX AND NOT APPLE)
    set(CMAKE_INSTALL_RPATH "")
endif()

# billing-cli lives beside the desk: in bin/, or inside the macOS bundle, where it uses the
# bundle's Qt (a .dmg carries only the bundle).
if(APPLE)
    set(BILLING_INSTALL_CLI_DIR billing-desk.app/Contents/MacOS)
else()
    set(BILLING_INSTALL_CLI_DIR ${CMAKE_INSTALL_BINDIR})
endif()
