#pragma once
// FieldMap: which front-matter keys feed which facet, which are headers and which are not
// human text. This is data: the defaults live in indexer/field_map.yml (compiled in), and a
// content tree may override them with its own `_hotsearch.yml`.

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "indexer/schema.h"

namespace hotsearch {

/// The role a front-matter key plays in the index.
enum class FieldRole {
  Text,     ///< human text: body weight
  Header,   ///< Header/Heading/Title inside blocks: header weight
  Facet,    ///< a facet's values (also indexed as text)
  Ignored,  ///< URLs, images, colours, positions, layout...: not text
};

class FieldMap {
 public:
  /// The compiled-in defaults (indexer/field_map.yml).
  static FieldMap defaults();
  /// Loads a field map file; throws ConfigError naming the file, line and problem.
  static FieldMap load(const std::filesystem::path& file);
  /// Parses field map YAML text; `origin` names it in errors.
  static FieldMap parse(std::string_view yaml_text, const std::string& origin);

  /// The role of a key (matched case-insensitively, singular or plural, `-`/`_`/space alike).
  FieldRole role(std::string_view key) const;
  /// The facet a Facet-role key feeds, else nullptr.
  const schema::Facet* facet(std::string_view key) const;
  /// The facet whose value a page of `collection` is, named by its title
  /// (`titles_as_facets:`), else nullptr.
  const schema::Facet* title_facet(std::string_view collection) const;
  /// A stable digest of the whole map; a change forces re-reading every page.
  std::string fingerprint() const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

}  // namespace hotsearch
