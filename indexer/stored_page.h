#pragma once
// What a result needs to be shown, stored as each document's data: a compressed binary record.
// A search decodes ten of these; parsing them as JSON was a tenth of its time, and letting
// glass inflate them with zlib a fifth.

#include <string>
#include <vector>

namespace hotsearch {

struct StoredPage {
  std::string id, url, title, type, date, lang;
  std::vector<std::string> projects, countries;
  std::string text;  ///< the text snippets are cut from
};

std::string encode_stored_page(const StoredPage& page);

/// Throws IndexUnavailable when the data is not a stored page (a foreign or corrupt index).
StoredPage decode_stored_page(const std::string& data);

}  // namespace hotsearch
