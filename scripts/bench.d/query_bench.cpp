// In-process query latency. Each query of a file is run, one after the other so that all three
// see the same moment of a shared machine, through
//   - hotsearch's Searcher with facet counts (exact totals, snippets, the query's filters),
//   - the same Searcher without facet counts,
//   - the floor: a raw Xapian QueryParser (AND, English stems) + Enquire top 10 on the floor
//     index, reading each hit's data; no filters, no facets, no snippets;
//   - the same floor counting every match exactly (check_at_least = every page), as hotsearch's
//     totals and facet counts must: what that promise costs Xapian by itself.
// Prints one line per engine: `NAME p50_us p99_us mean_us found cpu_p50_us` (found = queries
// with a hit per round; cpu = the thread's CPU time, which a busy shared machine disturbs less),
// then `readings ONE_RUN ONE_P50 MORE_RUNS MORE_P50`: how many queries of a round hotsearch
// answered from one reading of the query, and how many needed another (fewer than ten pages
// with every word, so the pages with some of them follow; no page with every word; a spelling
// correction), each with its median wall time with facets.
// Usage: bench_query HOTSEARCH_DB FLOOR_DB QUERIES_FILE ROUNDS [SLOWEST]
// With SLOWEST, also prints the SLOWEST queries of the last round (`slow US QUERY FILTERS`) to
// stderr, with facets: what to profile next.
// QUERIES_FILE: one query a line, `words<TAB>facet=value&facet=value` (the filters optional).
#include <time.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <numeric>
#include <string>
#include <vector>

#include "query/searcher.h"

namespace {
using Clock = std::chrono::steady_clock;

struct Query {
  std::string text;
  std::map<std::string, std::vector<std::string>> filters;
};

struct Timings {
  std::vector<double> us;
  std::vector<double> cpu_us;
  std::size_t found = 0;
};

Query parse_line(const std::string& line) {
  Query q;
  auto tab = line.find('\t');
  q.text = line.substr(0, tab);
  if (tab == std::string::npos) return q;
  std::string rest = line.substr(tab + 1);
  for (std::size_t start = 0; start < rest.size();) {
    std::size_t end = std::min(rest.find('&', start), rest.size());
    std::string pair = rest.substr(start, end - start);
    auto eq = pair.find('=');
    if (eq != std::string::npos) q.filters[pair.substr(0, eq)].push_back(pair.substr(eq + 1));
    start = end + 1;
  }
  return q;
}

double at(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

void print(const char* name, const Timings& t, std::size_t queries) {
  double mean = std::accumulate(t.us.begin(), t.us.end(), 0.0) / static_cast<double>(t.us.size());
  std::cout << name << " " << at(t.us, 0.5) << " " << at(t.us, 0.99) << " " << mean << " "
            << t.found / (t.us.size() / queries) << " " << at(t.cpu_us, 0.5) << "\n";
}

double thread_cpu_us() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

/// Runs `work`; when `keep`, records its wall and CPU time in `into`.
template <typename Work>
void timed(Timings& into, bool keep, Work&& work) {
  double cpu = thread_cpu_us();
  auto start = Clock::now();
  bool found = work();
  double wall = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
  cpu = thread_cpu_us() - cpu;
  if (!keep) return;
  into.us.push_back(wall);
  into.cpu_us.push_back(cpu);
  into.found += found;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 5 && argc != 6) {
    std::cerr << "usage: bench_query HOTSEARCH_DB FLOOR_DB QUERIES_FILE ROUNDS [SLOWEST]\n";
    return 2;
  }
  std::vector<Query> queries;
  std::ifstream in(argv[3]);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) queries.push_back(parse_line(line));
  }
  if (queries.empty()) {
    std::cerr << argv[3] << ": no queries\n";
    return 2;
  }
  int rounds = std::max(1, std::stoi(argv[4]));
  hotsearch::Searcher searcher(argv[1]);
  Xapian::Database floor(argv[2]);
  Xapian::QueryParser parser;
  parser.set_database(floor);
  parser.set_stemmer(Xapian::Stem("english"));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_AND);

  Timings facets, plain, raw, raw_exact;
  Timings one_reading, more_readings;  // the facets timings, by how the query was answered
  for (int round = 0; round <= rounds; ++round) {  // round 0 warms the caches
    bool keep = round > 0;
    for (const Query& q : queries) {
      hotsearch::SearchRequest request;
      request.query = q.text;
      request.filters = q.filters;
      bool more = false;
      timed(facets, keep, [&] {
        hotsearch::SearchResult result = searcher.search(request);
        more = result.all_words_total > 0 || result.matched_any_word ||
               result.answered_with_correction;
        return result.total > 0;
      });
      if (keep && round == rounds) {
        (more ? more_readings : one_reading).us.push_back(facets.us.back());
      }
      request.with_facets = false;
      timed(plain, keep, [&] { return searcher.search(request).total > 0; });
      timed(raw, keep, [&] {
        Xapian::Enquire enquire(floor);
        enquire.set_query(parser.parse_query(q.text));
        Xapian::MSet mset = enquire.get_mset(0, 10);
        for (auto it = mset.begin(); it != mset.end(); ++it) it.get_document().get_data();
        return !mset.empty();
      });
      timed(raw_exact, keep, [&] {
        Xapian::Enquire enquire(floor);
        enquire.set_query(parser.parse_query(q.text));
        Xapian::MSet mset = enquire.get_mset(0, 10, floor.get_doccount());
        for (auto it = mset.begin(); it != mset.end(); ++it) it.get_document().get_data();
        return !mset.empty();
      });
    }
  }
  if (argc == 6) {
    // The last round's timings, slowest first.
    std::size_t n = queries.size();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    auto last = facets.us.end() - static_cast<std::ptrdiff_t>(n);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return last[static_cast<std::ptrdiff_t>(a)] > last[static_cast<std::ptrdiff_t>(b)];
    });
    std::size_t show = std::min(n, static_cast<std::size_t>(std::stoul(argv[5])));
    for (std::size_t i = 0; i < show; ++i) {
      const Query& q = queries[order[i]];
      std::cerr << "slow " << last[static_cast<std::ptrdiff_t>(order[i])] << " " << q.text;
      for (const auto& [name, values] : q.filters) {
        for (const auto& v : values) std::cerr << " [" << name << "=" << v << "]";
      }
      std::cerr << "\n";
    }
  }
  print("hotsearch_facets", facets, queries.size());
  print("hotsearch_plain", plain, queries.size());
  print("floor", raw, queries.size());
  print("floor_exact", raw_exact, queries.size());
  auto median = [](const Timings& t) { return t.us.empty() ? 0.0 : at(t.us, 0.5); };
  std::cout << "readings " << one_reading.us.size() << " " << median(one_reading) << " "
            << more_readings.us.size() << " " << median(more_readings) << "\n";
  return 0;
}
