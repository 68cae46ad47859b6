# Debian bookworm's packages, each wrapped once in a target so the rest of the build links
# targets only.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

# Xapian's CMake config sets variables but no target.
find_package(Xapian REQUIRED)
add_library(hotsearch::xapian INTERFACE IMPORTED)
set_target_properties(hotsearch::xapian PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
  INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")

find_package(yaml-cpp REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS program_options)

# cmark-gfm is pkg-config only; its GFM extensions are a separate library.
pkg_check_modules(CMARK_GFM REQUIRED IMPORTED_TARGET libcmark-gfm)
find_library(CMARK_GFM_EXTENSIONS_LIBRARY NAMES cmark-gfm-extensions REQUIRED)
add_library(hotsearch::cmark_gfm INTERFACE IMPORTED)
set_target_properties(hotsearch::cmark_gfm PROPERTIES
  INTERFACE_LINK_LIBRARIES "${CMARK_GFM_EXTENSIONS_LIBRARY};PkgConfig::CMARK_GFM")

pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
add_library(hotsearch::icu INTERFACE IMPORTED)
set_target_properties(hotsearch::icu PROPERTIES INTERFACE_LINK_LIBRARIES PkgConfig::ICU)

pkg_check_modules(EXTTEXTCAT REQUIRED IMPORTED_TARGET libexttextcat)
add_library(hotsearch::exttextcat INTERFACE IMPORTED)
set_target_properties(hotsearch::exttextcat PROPERTIES
  INTERFACE_LINK_LIBRARIES PkgConfig::EXTTEXTCAT)

# zstd: the stored text of each page is compressed by us, so that glass stores it as it is
# instead of zlib-compressing it (inflating ten hits was a fifth of a search's time).
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
add_library(hotsearch::zstd INTERFACE IMPORTED)
set_target_properties(hotsearch::zstd PROPERTIES INTERFACE_LINK_LIBRARIES PkgConfig::ZSTD)
