// hotsearch: query the index from the command line (SPEC §2). Exit status: 0 results found,
// 1 no results, 2 usage error, 3 index missing or unreadable.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdlib>
#include <iostream>

#include "indexer/cli_count.h"
#include "indexer/error.h"
#include "indexer/index_paths.h"
#include "indexer/schema.h"
#include "query/result_json.h"
#include "query/result_text.h"
#include "query/searcher.h"

namespace po = boost::program_options;
using namespace hotsearch;

namespace {
// Listing by filters alone shows every match; a query shows the best ten unless asked.
constexpr std::size_t kDefaultLimit = 10;
constexpr std::size_t kListAllLimit = 10000;

std::string join_words(const std::vector<std::string>& words) {
  std::string query;
  for (const std::string& w : words) query += (query.empty() ? "" : " ") + w;
  return query;
}
}  // namespace

namespace {

/// The program; main() adds the check that its output was written.
int run(int argc, char** argv) {
  po::options_description flags("Usage: hotsearch [OPTIONS] [QUERY ...]\nOptions");
  flags.add_options()("help,h", "show this help")("db", po::value<std::string>()->default_value(""),
                                                  kDbFlagHelp);
  for (const schema::Facet& facet : schema::facets()) {
    if (facet.cli_flag.empty()) continue;
    flags.add_options()(
        std::string(facet.cli_flag).c_str(), po::value<std::vector<std::string>>()->composing(),
        ("only pages with this " + std::string(facet.name) + " (repeatable: OR)").c_str());
  }
  flags.add_options()("since", po::value<std::string>(),
                      "only pages dated on or after YYYY-MM-DD (or the start of YYYY-MM, YYYY)")(
      "until", po::value<std::string>(),
      "only pages dated on or before YYYY-MM-DD (or the end of YYYY-MM, YYYY)")(
      "sort", po::value<std::string>()->default_value("relevance"), "relevance, newest or oldest")(
      "limit", po::value<Count<std::size_t>>(),
      "results to show (default 10; all when only filtering)")(
      "offset", po::value<Count<std::size_t>>()->default_value(Count<std::size_t>{0}, "0"),
      "results to skip")("facets", "print the facet counts of the whole result set")(
      "json", "print the HTTP API's JSON document")(
      "suggest", "print completions of the query instead of results");
  po::options_description hidden;
  hidden.add_options()("query", po::value<std::vector<std::string>>(), "query words");
  po::options_description all;
  all.add(flags).add(hidden);
  po::positional_options_description positional;
  positional.add("query", -1);

  po::variables_map args;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), args);
    po::notify(args);
  } catch (const po::error& e) {
    std::cerr << "hotsearch: " << e.what() << "\n" << flags;
    return 2;
  }
  if (args.count("help")) {
    std::cout << flags;
    return 0;
  }

  SearchRequest request;
  if (args.count("query")) request.query = join_words(args["query"].as<std::vector<std::string>>());
  for (const schema::Facet& facet : schema::facets()) {
    std::string flag(facet.cli_flag);
    if (!flag.empty() && args.count(flag)) {
      request.filters[std::string(facet.name)] = args[flag].as<std::vector<std::string>>();
    }
  }
  if (args.count("since")) request.since = args["since"].as<std::string>();
  if (args.count("until")) request.until = args["until"].as<std::string>();
  request.offset = args["offset"].as<Count<std::size_t>>().value;
  bool listing = request.query.empty();
  if (request.offset >= kListAllLimit) {
    std::cerr << "hotsearch: --offset: results past " << kListAllLimit
              << " are not available (narrow the query or the filters)\n";
    return 2;
  }
  // Filters alone, without --limit: every match is listed, not a page of them.
  bool listed_whole = listing && !args.count("limit");
  request.limit = args.count("limit") ? args["limit"].as<Count<std::size_t>>().value
                                      : (listing ? kListAllLimit - request.offset : kDefaultLimit);
  request.with_facets = args.count("facets") || args.count("json");
  bool json = args.count("json") > 0;
  TextStyle style =
      terminal_style(::isatty(STDOUT_FILENO) != 0, std::getenv("NO_COLOR"), std::getenv("TERM"));

  RequestLimits limits;
  limits.max_limit = kListAllLimit;  // staff at a terminal may list everything
  Searcher searcher(resolve_db_path(args["db"].as<std::string>()), limits);
  try {
    request.sort = parse_sort_order(args["sort"].as<std::string>());
    if (listing && request.sort == SortOrder::Relevance) request.sort = SortOrder::Newest;
    if (args.count("suggest")) {
      auto suggestions = searcher.suggest(request.query);
      if (json) {
        std::cout << json_text(suggestions_json(request.query, suggestions), 2) << "\n";
      } else {
        for (const Suggestion& s : suggestions) {
          std::cout << printable(s.text) << "\t" << s.kind << "\n";
        }
      }
      return suggestions.empty() ? 1 : 0;
    }
    SearchResult result = searcher.search(request);
    if (!listing && result.listed && !args.count("limit") && result.total > result.hits.size()) {
      // A query of fields alone (`type:posts`) is filters written in the query: listed whole,
      // as the same filters given as flags are.
      request.limit = kListAllLimit - request.offset;
      result = searcher.search(request);
      listed_whole = true;
    }
    if (listed_whole) {
      // Listed whole: the page holds what was listed (10000 - offset is no page size).
      result.limit = result.hits.size();
    }
    if (json) {
      std::cout << json_text(search_result_json(result), 2) << "\n";
    } else {
      for (const std::string& warning : result.warnings)
        std::cerr << "hotsearch: warning: " << printable(warning) << "\n";
      result.warnings.clear();  // said on stderr, not again among the results
      std::cout << render_results(result, style);
      if (result.offset + result.hits.size() >= kListAllLimit && result.total > kListAllLimit) {
        std::cerr << "hotsearch: only the first " << kListAllLimit
                  << " results can be listed; narrow the query or the filters for the rest\n";
      }
      if (args.count("facets")) std::cout << "\n" << render_facets(result, style);
    }
    return result.total > 0 ? 0 : 1;
  } catch (const UsageError& e) {
    std::cerr << "hotsearch: " << e.what() << "\n";
    return 2;
  } catch (const IndexUnavailable& e) {
    std::cerr << "hotsearch: " << e.what() << "\n";
    return 3;
  }
}

}  // namespace

int main(int argc, char** argv) {
  int code = run(argc, argv);
  // Results that did not reach their reader (a full disk, a closed pipe) are a failure, not
  // "results found": scripts read the exit status. (errno cannot say why: the stream failed
  // at some earlier write, and other calls have set errno since.)
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "hotsearch: cannot write the results to standard output\n";
    return 3;
  }
  return code;
}
