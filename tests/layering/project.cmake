# A two-layer project for the layering guard's own test: `low` and `high`, header-only, declared with the same
# cityops_layer() the backend uses. The including project says which way low.h points.
include(${CITYOPS_SOURCE}/cmake/Layering.cmake)
set(CITYOPS_LAYER_FOLDERS low high)
cityops_layer(low DIR ${CMAKE_CURRENT_SOURCE_DIR}/low SOURCES low.h)
cityops_layer(high DIR ${CMAKE_CURRENT_SOURCE_DIR}/high SOURCES high.h USES low)
