#pragma once
// How pages are ranked: BM25's parameters and the weight each boost adds, tuned on the judged
// queries of tests/relevance (docs/relevance.md). Read by the query builder, which adds the
// boosts, and the searcher, which ranks with them.

#include <xapian.h>

namespace hotsearch::ranking {

// Less length normalisation than Xapian's b = 0.5 suits a site of short and very long pages.
// k1 sets how fast repeats of a word stop counting. At 1.2 a page that names a topic once in a
// title weighed 6 is already near the ceiling, level with a page that is about the topic
// throughout; 2.5 lets a word's repeats keep counting longer (nDCG@10 on the judged queries:
// 1.2 0.930, 2.0 0.931, 2.5 0.933, 3.0 0.931, with the indexing of schema 7).
inline constexpr double kBm25K1 = 2.5;
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
