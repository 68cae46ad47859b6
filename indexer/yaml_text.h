#pragma once
// The front matter's YAML -> the page's title, headers, texts and facets. Walks every depth
// (`Block 1:` maps, lists of blocks, `Countries: {Country: ...}`); what each key becomes is
// the field map's business, what a value is (text or not) is decided here.

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>
#include <vector>

#include "indexer/field_map.h"
#include "indexer/page.h"

namespace hotsearch {

/// A top-level value the reader needs as written, with where it is in the file.
struct YamlScalar {
  std::string value;
  std::size_t line = 0;    ///< 1-based line in the file, 0 when absent
  std::size_t column = 0;  ///< 1-based column in the file
  bool present() const { return line != 0; }
};

/// What the top level of a front matter says besides text: the reader's own keys.
struct FrontMatterKeys {
  YamlScalar date;                      ///< `date`, unparsed
  YamlScalar permalink;                 ///< `permalink`
  YamlScalar published;                 ///< `published`
  YamlScalar lang;                      ///< `lang` or `language`
  YamlScalar slug;                      ///< `slug`
  std::vector<std::string> categories;  ///< `categories` and `category` (lists or words)
};

/// Where the YAML is and what it may cost.
struct YamlWalkOptions {
  std::string id;              ///< the page id, for errors
  std::size_t first_line = 1;  ///< the file's line of the YAML's first line
  std::size_t max_depth = 32;
  std::size_t max_nodes = 100000;  ///< counted while walking: aliases cannot multiply them
};

/// Fills `page.title`, `page.headers`, `page.texts` and `page.facets` from the front matter's
/// root and returns the reader's own keys. Throws PageError (file line and column) when the
/// YAML breaks a limit or is not a mapping; yaml-cpp's own exceptions pass through.
FrontMatterKeys read_front_matter(const YAML::Node& root, const FieldMap& fields,
                                  const YamlWalkOptions& options, Page& page);

/// A front-matter string as text: Liquid, inline HTML and Markdown rendered away, literal
/// `\r\n` escapes turned into line breaks, bare URLs dropped, whitespace collapsed.
std::string render_text_value(const std::string& value);

/// A `title` as the site shows it: as written, HTML tags stripped, entities decoded,
/// whitespace collapsed. Neither Markdown nor Liquid is rendered.
std::string title_text(const std::string& value);

/// True for scalars that are not human text: URLs, paths, file names, e-mail addresses,
/// colours, numbers, booleans, dates, empty strings. A sentence that ends in a file name is
/// text.
bool is_non_text_value(const std::string& value);

/// Drops words that are URLs (pasted addresses) from rendered text.
std::string drop_urls(const std::string& text);

}  // namespace hotsearch
