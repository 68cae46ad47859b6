#pragma once
// A stemmer that remembers its answers. Xapian's TermGenerator stems every occurrence of every
// word, and a page says the same few hundred words again and again: stemming was a third of
// term generation (8% of a full build) before this cache.

#include <xapian.h>

#include <string>

namespace hotsearch {

/// The stemmer of `language` (a Xapian stemmer name, `english`), answering from a cache of the
/// words it has stemmed. It stems and describes itself exactly as `Xapian::Stem(language)` does;
/// `none` gives the plain `Xapian::Stem("none")`, so a TermGenerator still adds no stems.
/// Copies share the cache: not thread-safe, one per indexing thread.
Xapian::Stem cached_stemmer(const std::string& language);

}  // namespace hotsearch
