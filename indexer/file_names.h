#pragma once
// Telling file names from words: front-matter values, link text and image alt text that name
// a file (`IMG_1654 (1).jpg`, `report.pdf`) are not text a reader searches for.

#include <string_view>

namespace hotsearch {

/// True when `text` ends in the extension of a file a site links to (`.jpg`, `.pdf`, ...),
/// in any case.
bool has_file_extension(std::string_view text);

/// True when an image's alt text is only its file's name (`IMG_1654 (1).jpg`, `map.png`): at
/// most three words, the last with a file extension. Editors' tools fill alt in with the
/// name; a sentence that ends in one (`Download it as report.pdf`) is longer.
bool is_file_name_alt(std::string_view alt);

}  // namespace hotsearch
