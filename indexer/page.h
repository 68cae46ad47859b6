#pragma once
// Page: everything the index needs from one content file, as plain data. The reader fills it
// from a file; the document builder turns it into a Xapian document. Nothing here knows Xapian.

#include <map>
#include <string>
#include <vector>

namespace hotsearch {

/// One searchable page of the site.
struct Page {
  std::string id;     ///< path relative to the content root, '/'-separated: `_posts/2019-a.md`
  std::string url;    ///< the URL Jekyll would give it: `/updates/2019-a/`
  std::string title;  ///< `title`, trimmed; may be empty
  std::string type;   ///< collection name without '_' (`projects`), or `pages` for root pages
  std::string date;   ///< `YYYY-MM-DD`, or empty when the page has no date
  std::string lang;   ///< ISO 639-1 code (`en`, `fr`, ...)
  std::vector<std::string> headers;  ///< block Header/Heading/Title values and Markdown headings
  std::vector<std::string> texts;    ///< other human text of the front matter, rendered to text
  std::string body;                  ///< the Markdown/HTML body rendered to plain text
  /// Facet name (schema.h) -> values as written (trimmed, whitespace collapsed, deduplicated
  /// case- and accent-insensitively, first spelling kept), in order of appearance.
  std::map<std::string, std::vector<std::string>> facets;
};

}  // namespace hotsearch
