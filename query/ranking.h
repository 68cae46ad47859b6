#pragma once
// How pages are ranked: BM25's parameters and the weight each boost adds, tuned on the judged
// queries of tests/relevance (docs/relevance.md). Read by the query builder, which adds the
// boosts, and the searcher, which ranks with them.

#include <xapian.h>

namespace hotsearch::ranking {

// The surface is flat around these; less length normalisation than Xapian's b = 0.5 suits a
// site of short and very long pages.
inline constexpr double kBm25K1 = 1.2;
inline constexpr double kBm25B = 0.25;

/// The weighting every ranked search uses.
inline Xapian::BM25Weight weighting() { return Xapian::BM25Weight(kBm25K1, 0, 1, kBm25B, 0.5); }

// What title matches add on top of the whole-page match, as a share of their own weight.
inline constexpr double kTitleBoost = 1.0;
inline constexpr double kExactTitleBoost = 1.0;
// What pages with the words together, as typed, add (query/phrase_boost.h), to at most
// kMaxPhrasePages pages; not done when each of the words is on more than kMaxPhraseWordPages
// pages (that many position tests cost more than the rest of the search).
inline constexpr double kPhraseBoost = 0.5;
inline constexpr Xapian::doccount kMaxPhrasePages = 1000;
inline constexpr Xapian::doccount kMaxPhraseWordPages = 300;

}  // namespace hotsearch::ranking
