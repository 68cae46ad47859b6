#pragma once
// A stemmer that remembers its answers. Xapian's TermGenerator stems every occurrence of every
// word, and a page says the same few hundred words again and again: stemming was a third of
// term generation (8% of a full build) before this cache.

#include <xapian.h>

#include <cstddef>
#include <string>

namespace hotsearch {

/// Past this many words a cache starts again: a site's vocabulary fits many times over (the
/// 10,000-page test tree has about 20,000 words), and the bound keeps a pathological tree
/// (every page a new random vocabulary) from growing it without limit.
inline constexpr std::size_t kDefaultCachedWords = 200000;

/// The stemmer of `language` (a Xapian stemmer name, `english`), answering from a cache of at
/// most `max_words` words it has stemmed. It stems and describes itself exactly as
/// `Xapian::Stem(language)` does; `none` gives the plain `Xapian::Stem("none")`, so a
/// TermGenerator still adds no stems. Copies share the cache: not thread-safe, one per thread
/// (the indexer's workers, the searcher's snippets).
/// `mark` (schema::stem_mark) starts every stem it gives; the indexer marks its stems with the
/// page's language, and then describes itself with the mark too.
Xapian::Stem cached_stemmer(const std::string& language,
                            std::size_t max_words = kDefaultCachedWords,
                            const std::string& mark = "");

}  // namespace hotsearch
