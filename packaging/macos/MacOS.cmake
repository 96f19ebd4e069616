# macOS: billing-desk.app (Info.plist, icon, billing-cli beside the desk in Contents/MacOS) with
# the Qt runtime, the SQL drivers and librdkafka inside, on a DragNDrop .dmg. Built only by
# .github/workflows/release.yml: unverified here.
set(CPACK_GENERATOR DragNDrop)
set(CPACK_DMG_VOLUME_NAME "Billing Desk")

if(NOT TARGET billing-desk OR NOT TARGET billing-cli)
    message(FATAL_ERROR "The macOS bundle needs billing-desk and billing-cli")
endif()

include(${CMAKE_CURRENT_LIST_DIR}/BundleIcon.cmake)
set_target_properties(billing-desk PROPERTIES
    MACOSX_BUNDLE_INFO_PLIST ${CMAKE_CURRENT_LIST_DIR}/Info.plist.in
    MACOSX_BUNDLE_GUI_IDENTIFIER ${BILLING_APP_ID}
    MACOSX_BUNDLE_BUNDLE_NAME "Billing Desk"
    MACOSX_BUNDLE_BUNDLE_VERSION ${PROJECT_VERSION}
    MACOSX_BUNDLE_SHORT_VERSION_STRING ${PROJECT_VERSION}
    MACOSX_BUNDLE_ICON_FILE billing-desk.icns)

include(${CMAKE_CURRENT_LIST_DIR}/BundleLibraries.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/../QtDeploy.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/BundleFixups.cmake)
