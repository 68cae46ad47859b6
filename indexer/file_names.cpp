// Telling file names from words.
#include "indexer/file_names.h"

#include <cctype>

namespace hotsearch {

namespace {
bool ends_with_lower(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    char c = static_cast<char>(
        std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])));
    if (c != suffix[i]) return false;
  }
  return true;
}
}  // namespace

bool has_file_extension(std::string_view text) {
  for (const char* ext : {".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".pdf", ".mp4", ".csv",
                          ".zip", ".geojson", ".html", ".tif", ".tiff"}) {
    if (ends_with_lower(text, ext)) return true;
  }
  return false;
}

bool is_file_name_alt(std::string_view alt) {
  std::size_t end = alt.find_last_not_of(" \t\n");
  if (end == std::string_view::npos) return false;
  alt = alt.substr(0, end + 1);
  std::size_t words = 0;
  bool in_word = false;
  for (char c : alt) {
    bool space = c == ' ' || c == '\t' || c == '\n';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words <= 3 && has_file_extension(alt);
}

}  // namespace hotsearch
