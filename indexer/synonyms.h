#pragma once
// Synonyms for search, from a content tree's `_synonyms.yml`: groups of words or phrases that
// mean the same thing to a searcher (OSM / OpenStreetMap, TM / Tasking Manager).
//
// They are applied when a page is indexed: a page that says one member of a group also gets
// the words of the other members as terms (without positions), so a query for any member finds
// it. Xapian's own synonyms cannot expand one word into a phrase; this can, both ways.

#include <xapian.h>

#include <filesystem>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace hotsearch {

class Synonyms {
 public:
  /// Reads `<root>/_synonyms.yml` if it exists (`groups: [[a, b], ...]`); none otherwise.
  /// Throws ConfigError with file:line:col when it is malformed.
  static Synonyms load(const std::filesystem::path& content_root);
  /// Reads a synonyms file given by name; throws ConfigError when it is missing or malformed.
  static Synonyms load_file(const std::filesystem::path& file);
  static Synonyms parse(const std::string& yaml_text, const std::string& origin);

  /// Adds to `doc` the words of every group member that `words` (folded words of the page, in
  /// order) does not say but a fellow member does. Members are recognised by their stems in
  /// the page's language (`floods` says `flood`); `stem` gives the stemmed terms too.
  void expand(const std::vector<std::string>& words, const Xapian::Stem& stem,
              Xapian::Document& doc) const;

  std::string fingerprint() const { return fingerprint_; }
  std::size_t group_count() const { return groups_.size(); }

 private:
  using Phrase = std::vector<std::string>;  ///< folded words
  /// Every member's phrase stemmed in one language, found by its first stem.
  struct StemmedMembers {
    std::vector<std::vector<Phrase>> phrases;  ///< [group][member], stemmed
    std::unordered_multimap<std::string, std::pair<std::size_t, std::size_t>> by_first_stem;
  };
  const StemmedMembers& stemmed(const Xapian::Stem& stem) const;

  std::vector<std::vector<Phrase>> groups_;
  std::string fingerprint_;
  /// Per stemmer (its description): filled on first use, so one Synonyms is not thread-safe;
  /// each thread of a full build has its own copy.
  mutable std::map<std::string, StemmedMembers> stemmed_;
};

/// Splits folded text into words the way Xapian's term generator does (word characters).
std::vector<std::string> split_words(const std::string& folded_text);

}  // namespace hotsearch
