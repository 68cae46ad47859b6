#pragma once
// The index schema: the single home of term prefixes, value slots, facet names and the weights
// the indexer gives each field. The indexer writes with it and the query side reads with it;
// nothing else spells a prefix or a slot number.

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hotsearch::schema {

/// Bumped whenever documents written by an older build would be read wrongly; a change forces
/// a full rebuild on the next indexer run. 11: alt text of HTML images, front-matter sentences
/// that end in a file name, titles as written, every HTML5 named entity decoded. 12: stems of
/// accented words as written (accented_stems.h), block headers in the snippets' text. 13: the
/// kind of page weighed as a header, long nested titles as text, e-mail addresses as text,
/// alt text that is a file name dropped. 14: the spelling dictionary counts pages, not
/// occurrences (so that incremental runs can take a page's words back out).
inline constexpr int kVersion = 14;

// Term prefixes (Xapian conventions where one exists).
/// Stems: Z, then the field prefix (none, `S`, `XH`), then stem_mark(lang) and the stem.
inline constexpr std::string_view kStemPrefix = "Z";
inline constexpr std::string_view kIdPrefix = "Q";       ///< unique id: Q + page id
inline constexpr std::string_view kTitlePrefix = "S";    ///< title words (field `title:`)
inline constexpr std::string_view kHeaderPrefix = "XH";  ///< header words (field `header:`)
inline constexpr std::string_view kLangPrefix = "L";     ///< boolean: language code
inline constexpr std::string_view kYearPrefix = "Y";     ///< boolean: year of `date`
/// The whole folded title as one term, so a query that is exactly a page's title finds it first.
inline constexpr std::string_view kExactTitlePrefix = "XX";

// Value slots.
inline constexpr Xapian::valueno kDateSlot = 0;        ///< `YYYYMMDD`, for sorting and ranges
inline constexpr Xapian::valueno kFileStampSlot = 1;   ///< size:mtime:hash of the source file
inline constexpr Xapian::valueno kFacetSlotBase = 10;  ///< + facet index: encoded value list

/// How a facet's values reach the index.
enum class FacetSource {
  FrontMatter,  ///< values of front-matter keys (config-mapped), also indexed as text
  Type,         ///< the page's collection
  Year,         ///< the year of the page's date
  Lang,         ///< the page's language
};

/// One facet: its name in the API and the query language, its boolean-term prefix, its CLI flag.
struct Facet {
  std::string_view name;        ///< `project`: API parameter, `name:` query field, JSON key
  std::string_view prefix;      ///< boolean filter term prefix
  std::string_view cli_flag;    ///< `project` -> `--project`; empty when the CLI has no flag
  std::string_view result_key;  ///< key of its values in a result (`projects`), or empty
  std::string_view label;       ///< for people: `Project`, `Impact area`
  FacetSource source;
  Xapian::valueno slot;  ///< slot holding the page's (key, display) list for counting
};

/// Every facet, in the order the API lists them.
const std::vector<Facet>& facets();

/// The facet of that name, or nullptr.
const Facet* find_facet(std::string_view name);

/// The facet fed by the front matter whose name is `name`; throws std::logic_error if unknown
/// (the facet map config is validated against this list when it is loaded).
const Facet& facet(std::string_view name);

/// Index-time weights (within-document frequency increments) per field. Title above headers,
/// above facet names, above body text; tuned on tests/relevance.
struct FieldWeights {
  Xapian::termcount title = 6;
  Xapian::termcount header = 3;
  Xapian::termcount facet_text = 1;
  Xapian::termcount text = 1;
  /// A front-matter list longer than this (a person's forty projects) is a directory, not a
  /// description: its values are found and filtered on, but weigh nothing as text.
  std::size_t max_weighed_list = 10;
};
inline constexpr FieldWeights kWeights{};

/// The boolean filter term of a facet value: prefix + folded value, cut to Xapian's term limit.
std::string facet_term(const Facet& facet, std::string_view value);

/// The exact-title term of a title (or of a query compared with titles).
std::string exact_title_term(std::string_view title);

/// The mark a page language's stem terms carry after `Z` and the field prefix (`Zfr:carte`,
/// `ZSfr:carte`): none for English, the site's main language; the code and `:` for the others.
/// A stem then matches only pages of its own language (a French stem of `mali` never meets
/// English `malaria`) with one term per language and no language filter in the query. Words
/// never hold a `:`, so no mark is mistaken for a stem.
std::string stem_mark(std::string_view lang);

/// A stem term's word without its language mark (`fr:cart` -> `cart`).
std::string_view unmarked_stem(std::string_view marked);

/// The id term of a page.
std::string id_term(std::string_view page_id);

/// Encodes a facet's (match key, display value) pairs into one value slot string, and back.
std::string encode_facet_values(const std::vector<std::string>& display_values);
struct FacetValue {
  std::string key;      ///< folded, for grouping and matching
  std::string display;  ///< as written
};
std::vector<FacetValue> decode_facet_values(std::string_view encoded);

/// `YYYY-MM-DD` -> `YYYYMMDD` as stored in kDateSlot (empty stays empty).
std::string date_value(std::string_view iso_date);

}  // namespace hotsearch::schema
