# Where installed files go, for install() rules and, through compile definitions, for C++.
include(GNUInstallDirs)

# Reverse-DNS id of the homepage's domain: the AppStream id, the desktop file's name (which the
# desk announces, so that Wayland shells match its windows to the entry) and the macOS bundle id.
set(BILLING_APP_ID invalid.example.billingdesk)

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
