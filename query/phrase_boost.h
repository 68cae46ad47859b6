#pragma once
// The phrase boost: extra weight for the pages that have a query's words together, as typed.
//
// Xapian 1.4 tests a phrase at every page of the query it boosts whenever the phrase sits in an
// OP_AND_MAYBE, or in an OP_OR that its matcher turns into one (70 ms for four common words at
// 10,000 pages). So the phrase's own pages and weights are found first, by a query of their
// own, driven by the phrase's rarest word, and handed to the ranking query as a list that
// Xapian reads like a term.

#include <xapian.h>

namespace hotsearch {

/// A query part that adds `scale` × the phrase's own weight (by `weighting`) to each page that
/// matches both `phrase` and `within` (an empty `within`: every page), for at most `max_pages`
/// of them (the best); it matches nothing else. An empty query when no page has the phrase, or
/// when every word of the phrase is on more than `max_word_pages` pages: testing positions on
/// that many pages costs more than the search, and words that common say little as a phrase.
/// The part belongs on the right of an OP_AND_MAYBE: it may hold pages its left side does not.
Xapian::Query phrase_boost(const Xapian::Database& db, const Xapian::Query& phrase,
                           const Xapian::Query& within, const Xapian::Weight& weighting,
                           double scale, Xapian::doccount max_pages,
                           Xapian::doccount max_word_pages);

}  // namespace hotsearch
