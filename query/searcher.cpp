// Answers SearchRequests from one index folder, following it across new revisions.
#include "query/searcher.h"

#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <optional>
#include <set>
#include <utility>

#include "indexer/document_builder.h"
#include "indexer/error.h"
#include "indexer/index_probe.h"
#include "indexer/schema.h"
#include "indexer/text_fold.h"
#include "query/facet_counter.h"
#include "query/phrase_boost.h"
#include "query/query_builder.h"
#include "query/ranking.h"
#include "query/snippet.h"

namespace hotsearch {

namespace fs = std::filesystem;

namespace {
// A search that meets a newer revision mid-way (DatabaseModifiedError) reopens and retries.
constexpr int kMaxAttempts = 3;
// Facet values listed per facet in a search result; /api/facets/NAME lists them all.
constexpr std::size_t kFacetValuesPerSearch = 100;
// A plain query of several words that fewer pages than this have all of is followed by the
// pages that have some of them (docs/relevance.md measured it).
constexpr std::size_t kFewMatches = 10;

/// Identity of the stub file: a full rebuild renames a new stub into place.
struct StubIdentity {
  ino_t inode = 0;
  long mtime_ns = 0;
  bool operator==(const StubIdentity& o) const {
    return inode == o.inode && mtime_ns == o.mtime_ns;
  }
};

std::optional<StubIdentity> stub_identity(const fs::path& stub) {
  struct stat st;
  if (::stat(stub.c_str(), &st) != 0) return std::nullopt;
  return StubIdentity{st.st_ino, st.st_mtim.tv_sec * 1000000000L + st.st_mtim.tv_nsec};
}

/// Whether `words` matches at least `pages` pages (no filter, no weights: the matcher stops
/// once it has seen that many).
bool matches_at_least(const Xapian::Database& db, const Xapian::Query& words,
                      Xapian::doccount pages) {
  Xapian::Enquire count(db);
  count.set_query(words);
  count.set_weighting_scheme(Xapian::BoolWeight());
  return count.get_mset(0, 0, pages).get_matches_lower_bound() >= pages;
}
}  // namespace

struct Searcher::Impl {
  fs::path path;
  RequestLimits limits;
  std::optional<Xapian::Database> db;
  std::optional<StubIdentity> stub;
  IndexLanguages languages;               ///< of the open revision
  std::optional<KnownTerms> known_terms;  ///< of the open revision; empty until a search
  std::optional<FacetTable> facets;       ///< of the open revision; empty until a search needs it

  /// Opens the index, or follows it to its newest revision.
  Xapian::Database& database() {
    fs::path stub_path = path / "XAPIANDB";
    for (int attempt = 1;; ++attempt) {
      std::optional<StubIdentity> now = stub_identity(stub_path);
      if (!now) {
        db.reset();
        throw IndexUnavailable("no index at " + path.string() + " (build it with hotsearch-index)");
      }
      try {
        if (!db || !stub || !(*now == *stub)) {
          db.emplace(path.string());
          if (db->size() == 0) {
            // An empty stub opens as a database of no shards, which Xapian then refuses to
            // search (its InvalidArgumentError once ended the programs).
            db.reset();
            throw IndexUnavailable("cannot open the index at " + path.string() +
                                   ": its XAPIANDB file names no database");
          }
          stub = now;
          revision_changed();
        } else if (db->reopen()) {
          revision_changed();
        }
        return *db;
      } catch (const Xapian::DatabaseError& e) {
        db.reset();
        // A full run switched to a new generation between the stub's reading and the opening
        // of the generation it named, and removed that one: the stub names the new one now.
        if (attempt < kMaxAttempts && switched_since(*now)) continue;
        throw IndexUnavailable("cannot open the index at " + path.string() + ": " + e.get_msg());
      } catch (const Xapian::Error& e) {
        // Not an index at all: an empty stub is an invalid argument to Xapian, a `remote` one a
        // network error. Either way there is nothing to search, as with no index.
        db.reset();
        throw IndexUnavailable("cannot open the index at " + path.string() + ": " +
                               e.get_description());
      }
    }
  }

  /// Whether the stub was replaced (a full run's new generation) since it was `seen`.
  bool switched_since(const StubIdentity& seen) const {
    std::optional<StubIdentity> now = stub_identity(path / "XAPIANDB");
    return now && !(*now == seen);
  }

  /// The facet values of this revision, read on first use.
  const FacetTable& facet_table() {
    if (!facets) facets.emplace(*db);
    return *facets;
  }

  /// The stem and title terms of this revision, read on first use: suggestions, facet lists
  /// and /healthz do not need them (50-124 ms to read at 100,000 pages).
  const KnownTerms& known() {
    if (!known_terms) known_terms = KnownTerms::read(*db);
    return *known_terms;
  }

  void revision_changed() {
    facets.reset();
    known_terms.reset();
    languages = IndexLanguages::read(*db);
  }

  template <typename Work>
  auto with_retries(Work work) -> decltype(work(std::declval<Xapian::Database&>())) {
    for (int attempt = 1;; ++attempt) {
      try {
        return work(database());
      } catch (const Xapian::WildcardError&) {
        throw UsageError("a wildcard matches more than " +
                         std::to_string(limits.max_wildcard_expansion) +
                         " words; type more letters before the *");
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt >= kMaxAttempts) throw IndexUnavailable("the index kept changing; try again");
        db.reset();  // reopened on the next attempt, which reads the revision's tables anew
      } catch (const Xapian::DatabaseError& e) {
        // A table opened on first use (positions, spelling) can be gone with a generation a
        // full run removed: the next attempt opens the new one.
        if (attempt < kMaxAttempts && stub && switched_since(*stub)) {
          db.reset();
          continue;
        }
        db.reset();
        throw IndexUnavailable("cannot read the index at " + path.string() + ": " + e.get_msg());
      }
    }
  }
};

Searcher::Searcher(fs::path db_path, RequestLimits limits) : impl_(std::make_unique<Impl>()) {
  impl_->path = std::move(db_path);
  impl_->limits = limits;
}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

const RequestLimits& Searcher::limits() const { return impl_->limits; }

SearchResult Searcher::search(const SearchRequest& request) {
  auto started = std::chrono::steady_clock::now();
  const RequestLimits& limits = impl_->limits;
  if (request.limit < 1 || request.limit > limits.max_limit) {
    throw UsageError("limit must be between 1 and " + std::to_string(limits.max_limit));
  }
  if (request.offset + request.limit > limits.max_window) {
    throw UsageError("results past " + std::to_string(limits.max_window) +
                     " are not available (offset + limit too large)");
  }

  check_request(request, limits);
  SearchResult result = impl_->with_retries([&](Xapian::Database& db) {
    QueryBuilder builder(db, impl_->languages, impl_->known(), limits);
    BuiltQuery built = builder.build(request);

    SearchResult out;
    out.query = request.query;
    out.offset = request.offset;
    out.limit = request.limit;
    out.warnings = built.warnings;

    bool by_date = request.sort != SortOrder::Relevance || !built.has_words;
    out.listed = !built.has_words;
    // One run of a reading of the query: the best `wanted` pages (from the first on: Xapian
    // keeps offset + limit best either way, and the pages before the window are needed when
    // two lists are joined, below), and the exact number of matches.
    struct Match {
      Xapian::MSet mset;
      std::size_t total = 0;
    };
    auto run = [&](const WordsQuery& words, FacetCounter* counter, std::size_t wanted = 0) {
      if (wanted == 0) wanted = request.offset + request.limit;
      Match match;
      // One pass that weighs every match (check_at_least = every page), so Xapian's pruning
      // skips none: its count is exact and the facet spy sees every page. A second, unweighted
      // counting pass costs fewer instructions, but reads every posting list again (glass's
      // pread and its copies), and measured slower: docs/benchmarks.md.
      // Weighing every match also keeps Xapian from pruning, which in 1.4.22 loses pages from
      // the top ten of queries shaped like these (scripts/bench.d/pruning_check.cpp).
      Xapian::Query weighed = words.ranked;
      if (!by_date && !words.phrase.empty()) {
        // The phrase's pages are looked for among the filter's alone, not among the words'
        // matches too: OP_AND_MAYBE adds their weight only to pages the words match, and the
        // phrase's own search then needs none of the words' stems (their statistics and
        // posting lists were read a second time). Every page with the phrase is in the list
        // either way: it is capped at kMaxPhrasePages, and the phrase is on at most
        // kMaxPhraseWordPages pages (its rarest word's), fewer.
        static_assert(ranking::kMaxPhraseWordPages <= ranking::kMaxPhrasePages);
        Xapian::Query boost = phrase_boost(db, words.phrase, built.filter, ranking::weighting(),
                                           ranking::kPhraseBoost, ranking::kMaxPhrasePages,
                                           ranking::kMaxPhraseWordPages);
        if (!boost.empty()) weighed = Xapian::Query(Xapian::Query::OP_AND_MAYBE, weighed, boost);
      }
      Xapian::Enquire ranked(db);
      ranked.set_query(built.filtered(weighed));
      ranked.set_weighting_scheme(ranking::weighting());
      // Oldest first reads pages without a date as after every date (their empty value would
      // sort first): they are listed last in both orders.
      Xapian::MultiValueKeyMaker undated_last;  // must outlive get_mset()
      if (by_date && request.sort == SortOrder::Oldest) {
        undated_last.add_value(schema::kDateSlot, false, std::string(1, '\xff'));
        ranked.set_sort_by_key_then_relevance(&undated_last, false);
      } else if (by_date) {
        ranked.set_sort_by_value_then_relevance(schema::kDateSlot, true);
      }
      // The title and phrase boosts add weight only to pages `words.matching` has, so the spy
      // counts the same pages as the matching query would.
      if (counter) ranked.add_matchspy(counter);
      match.mset = ranked.get_mset(0, static_cast<Xapian::doccount>(wanted), db.get_doccount());
      match.total = match.mset.get_matches_estimated();
      return match;
    };

    std::optional<FacetCounter> facet_counter;
    if (request.with_facets) facet_counter.emplace(impl_->facet_table());
    FacetCounter* counter = facet_counter ? &*facet_counter : nullptr;
    Match first = run(built.words, counter);
    Xapian::MSet mset = first.mset;
    std::size_t total = first.total;
    // The reading of the query whose results are shown, and its words (for snippets).
    Xapian::Query answered = built.words.ranked;
    std::string answered_text = built.parsed_text;
    // Runs another reading of the query; keeps it only if it finds something.
    auto try_instead = [&](const WordsQuery& other, const std::string& other_text) {
      if (other.empty()) return false;
      if (counter) counter->reset();
      Match again = run(other, counter);
      if (again.total == 0) return false;
      mset = again.mset;
      total = again.total;
      answered = other.ranked;
      answered_text = other_text;
      return true;
    };
    if (built.has_words && !built.impossible && total == 0 && built.corrected.empty()) {
      // Nothing found, and every word exists somewhere (`tasking manger`: French `manger`):
      // then a correction of a known word is worth trying too.
      built.corrected = built.corrected_any.empty() ? builder.raw_correction(built.parsed_text)
                                                    : built.corrected_any;
    }
    if (built.has_words && !built.impossible && total == 0 && !built.corrected.empty()) {
      // Nothing found as typed, and the spelling dictionary knows better: answer the correction.
      out.answered_with_correction =
          try_instead(builder.words_query(built.corrected, Xapian::Query::OP_AND), built.corrected);
      // A correction that finds nothing either is not offered (`pre-disaster` is not
      // `are-disaster`).
      if (!out.answered_with_correction) built.corrected.clear();
    }
    if (built.has_words && !built.impossible && total == 0) {
      // No page has every word: show the pages with the most of them rather than nothing.
      out.matched_any_word = try_instead(
          builder.words_query(built.parsed_text, Xapian::Query::OP_OR), built.parsed_text);
      // Words joined by punctuation stay a phrase in that reading (`pre-disaster`, with no
      // `pre` in the index): then any of the words alone.
      if (std::string loose = unjoined_words(built.parsed_text);
          !out.matched_any_word && loose != built.parsed_text) {
        out.matched_any_word = try_instead(builder.words_query(loose, Xapian::Query::OP_OR), loose);
      }
    }
    if (!built.corrected.empty()) out.corrected_query = built.corrected;
    out.total = total;

    // The ranked list the page of hits is cut from.
    std::vector<Xapian::MSetIterator> ranked;
    for (auto item = mset.begin(); item != mset.end(); ++item) ranked.push_back(item);

    bool few = !by_date && !out.answered_with_correction && !out.matched_any_word &&
               out.total > 0 && out.total < kFewMatches &&
               QueryBuilder::is_several_plain_words(built.parsed_text);
    if (few && !built.filter.empty()) {
      // The reading follows the words alone, not the filters: ticking a facet value then gives
      // the pages its count promised. Decided on the filtered count, `missing maps` with
      // type=projects found the 6 projects it had counted, then 38 pages with one of the words.
      few = !matches_at_least(db, built.words.matching, kFewMatches);
    }
    Xapian::MSet some_words;
    if (few) {
      // Only a few pages have every word (`typhoon philippines`): the pages with some of them
      // follow, best first, so the searcher still gets a page of results.
      WordsQuery any_word = builder.words_query(built.parsed_text, Xapian::Query::OP_OR);
      answered = any_word.ranked;
      if (counter) counter->reset();
      Match partial = run(any_word, counter, request.offset + request.limit + out.total);
      some_words = partial.mset;
      std::set<Xapian::docid> have_all;
      for (auto item = mset.begin(); item != mset.end(); ++item) have_all.insert(*item);
      for (auto item = some_words.begin(); item != some_words.end(); ++item) {
        if (!have_all.count(*item)) ranked.push_back(item);
      }
      // Said only when pages with some of the words do follow (`rebecca firth`: every page
      // with one of the words has both).
      if (partial.total > out.total) out.all_words_total = out.total;
      out.total = partial.total;
    }

    SnippetTerms highlight;
    if (built.has_words) highlight = builder.highlight_terms(answered, answered_text);
    SnippetMaker snippet_of(highlight);
    for (std::size_t i = request.offset; i < ranked.size() && i < request.offset + request.limit;
         ++i) {
      const Xapian::MSetIterator& item = ranked[i];
      StoredPage page = decode_stored_page(item.get_document().get_data());
      SearchHit hit;
      hit.snippet = snippet_of(page.text, page.lang);
      // Moved, not copied: the decoded page is not needed after this.
      hit.id = std::move(page.id);
      hit.url = std::move(page.url);
      hit.title = std::move(page.title);
      hit.type = std::move(page.type);
      hit.date = std::move(page.date);
      hit.lang = std::move(page.lang);
      hit.projects = std::move(page.projects);
      hit.countries = std::move(page.countries);
      hit.score = built.has_words ? item.get_weight() : 0.0;
      out.hits.push_back(std::move(hit));
    }
    if (request.with_facets) {
      for (const schema::Facet& facet : schema::facets()) {
        out.facets.push_back(counter->counts(facet, kFacetValuesPerSearch));
      }
    }
    return out;
  });
  result.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return result;
}

std::vector<Suggestion> Searcher::suggest(const std::string& prefix, std::size_t limit) {
  if (prefix.size() > impl_->limits.max_query_bytes) {
    throw UsageError("query is longer than " + std::to_string(impl_->limits.max_query_bytes) +
                     " bytes");
  }
  if (!is_valid_utf8(prefix)) throw UsageError("query is not valid UTF-8");
  std::string folded = fold(prefix);
  if (folded.empty()) return {};
  return impl_->with_retries([&](Xapian::Database& db) {
    std::vector<Suggestion> titles, values;
    // Titles: every word typed so far must be in the title, the last one as a prefix.
    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_max_expansion(20, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                             Xapian::QueryParser::FLAG_PARTIAL);
    parser.set_default_op(Xapian::Query::OP_AND);
    Xapian::Query in_titles = parser.parse_query(folded, Xapian::QueryParser::FLAG_PARTIAL,
                                                 std::string(schema::kTitlePrefix));
    Xapian::Enquire enquire(db);
    enquire.set_query(in_titles);
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
    for (auto item = mset.begin(); item != mset.end(); ++item) {
      StoredPage page = decode_stored_page(item.get_document().get_data());
      if (!page.title.empty()) titles.push_back({page.title, "title", page.url});
    }
    // Facet values starting with what was typed.
    for (const schema::Facet& facet : schema::facets()) {
      if (facet.source != schema::FacetSource::FrontMatter) continue;
      std::string term_prefix = schema::facet_term(facet, folded);
      std::size_t taken = 0;
      for (auto t = db.allterms_begin(term_prefix);
           t != db.allterms_end(term_prefix) && taken < limit; ++t, ++taken) {
        std::string key = (*t).substr(facet.prefix.size());
        auto posting = db.postlist_begin(*t);
        if (posting == db.postlist_end(*t)) continue;
        for (const auto& value :
             schema::decode_facet_values(db.get_document(*posting).get_value(facet.slot))) {
          if (value.key == key) values.push_back({value.display, std::string(facet.name), ""});
        }
      }
    }
    // At most `limit` in all: facet values keep up to half the places, titles fill the rest
    // (and values the places titles leave).
    std::size_t value_places = std::min(values.size(), std::max(limit / 2, limit - titles.size()));
    titles.resize(std::min(titles.size(), limit - value_places));
    values.resize(std::min(values.size(), limit - titles.size()));
    titles.insert(titles.end(), values.begin(), values.end());
    return titles;
  });
}

FacetCounts Searcher::facet_values(const std::string& facet_name) {
  const schema::Facet* facet = schema::find_facet(facet_name);
  if (!facet) throw UsageError("unknown facet \"" + facet_name + "\"");
  return impl_->with_retries([&](Xapian::Database& db) {
    (void)db;  // opened (and followed to its newest revision) for the table
    return all_facet_values(impl_->facet_table(), *facet);
  });
}

IndexInfo Searcher::info() {
  return impl_->with_retries([&](Xapian::Database& db) {
    IndexInfo info;
    info.doc_count = db.get_doccount();
    // A damaged table fails here (503), not only in searches: /healthz said "ok" while every
    // word search failed.
    probe_index_tables(db);
    // The stub names the generation (`glass gen-N`); an unreadable stub leaves it blank.
    std::string backend, generation;
    std::ifstream stub(impl_->path / "XAPIANDB");
    stub >> backend >> generation;
    if (generation.rfind("gen-", 0) == 0) generation = generation.substr(4);
    info.revision = generation + "." + std::to_string(db.get_revision());
    return info;
  });
}

std::string Searcher::revision() {
  return impl_->with_retries([&](Xapian::Database& db) {
    // The stub's identity names the build (a full rebuild renames a new stub into place),
    // Xapian's revision the commits within it.
    const StubIdentity& stub = *impl_->stub;
    return std::to_string(stub.inode) + ":" + std::to_string(stub.mtime_ns) + ":" +
           std::to_string(db.get_revision());
  });
}

}  // namespace hotsearch
