# billing-desk.icns from the committed PNGs, made with iconutil (on every Mac) at configure time.
set(iconset ${CMAKE_CURRENT_BINARY_DIR}/billing-desk.iconset)
file(REMOVE_RECURSE ${iconset})
file(MAKE_DIRECTORY ${iconset})
foreach(size IN ITEMS 16 32 128 256)
    math(EXPR double "${size} * 2")
    file(COPY_FILE ${BILLING_ICONS}/png/billing-desk-${size}.png
        ${iconset}/icon_${size}x${size}.png)
    file(COPY_FILE ${BILLING_ICONS}/png/billing-desk-${double}.png
        ${iconset}/icon_${size}x${size}@2x.png)
endforeach()
file(COPY_FILE ${BILLING_ICONS}/png/billing-desk-512.png ${iconset}/icon_512x512.png)
set(BILLING_ICNS ${CMAKE_CURRENT_BINARY_DIR}/billing-desk.icns)
execute_process(COMMAND iconutil --convert icns --output ${BILLING_ICNS} ${iconset}
    COMMAND_ERROR_IS_FATAL ANY)
target_sources(billing-desk PRIVATE ${BILLING_ICNS})
set_source_files_properties(${BILLING_ICNS} TARGET_DIRECTORY billing-desk
    PROPERTIES MACOSX_PACKAGE_LOCATION Resources)
