// hotsearch-index: builds or updates the index (SPEC §2). Parses options, runs the library's
// indexer, maps errors to exit codes: 0 all good, 1 some pages failed, 2 usage, 3 could not run.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "indexer/cli_count.h"
#include "indexer/error.h"
#include "indexer/index_paths.h"
#include "indexer/index_writer.h"

namespace po = boost::program_options;
using namespace hotsearch;

int main(int argc, char** argv) {
  po::options_description flags("Usage: hotsearch-index [OPTIONS]\nOptions");
  flags.add_options()("help,h", "show this help")(
      "content", po::value<std::string>()->default_value(""),
      "content folder (default: the project's content/)")(
      "db", po::value<std::string>()->default_value(""), kDbFlagHelp)(
      "synonyms", po::value<std::string>()->default_value(""),
      "synonyms file (default: _synonyms.yml in the content folder, if any)")(
      "full", "rebuild the whole index from scratch")(
      "jobs,j", po::value<Count<unsigned>>(),
      "threads of a full rebuild (default: every core, at most 8)")(
      "dry-run", "read and report every page, write nothing")(
      "quiet,q", "print only errors and the summary")("verbose,v", "print every page failure")(
      "json", "print the summary as JSON");
  // Words without a flag are taken, to be refused: ignored, `hotsearch-index content` indexed
  // the default folder into the default index without a word.
  po::options_description all;
  all.add(flags).add_options()("stray", po::value<std::vector<std::string>>());
  po::positional_options_description stray;
  stray.add("stray", -1);
  po::variables_map args;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(stray).run(), args);
    po::notify(args);
    if (args.count("stray")) {
      throw po::error("unexpected argument '" +
                      args["stray"].as<std::vector<std::string>>().front() +
                      "' (the content folder is given with --content DIR)");
    }
  } catch (const po::error& e) {
    std::cerr << "hotsearch-index: " << e.what() << "\n" << flags;
    return 2;
  }
  if (args.count("help")) {
    std::cout << flags;
    return 0;
  }
  if (args.count("jobs") && (args["jobs"].as<Count<unsigned>>().value < 1 ||
                             args["jobs"].as<Count<unsigned>>().value > 64)) {
    std::cerr << "hotsearch-index: --jobs must be between 1 and 64\n" << flags;
    return 2;
  }

  IndexOptions options;
  options.content_root = resolve_content_path(args["content"].as<std::string>());
  options.db_path = resolve_db_path(args["db"].as<std::string>());
  options.mode = args.count("full") ? RebuildMode::Full : RebuildMode::Incremental;
  options.dry_run = args.count("dry-run") > 0;
  if (args.count("jobs")) options.jobs = args["jobs"].as<Count<unsigned>>().value;
  options.synonyms_file = args["synonyms"].as<std::string>();
  bool quiet = args.count("quiet") > 0;
  bool show_progress = !quiet && ::isatty(STDERR_FILENO);

  ProgressCallback on_progress;
  if (show_progress) {
    on_progress = [](const IndexProgress& p) {
      std::cerr << "\rindexing " << p.done << "/" << p.total << std::flush;
      if (p.done == p.total) std::cerr << "\r\033[K";
    };
  }
  // Failures are always reported, one per line, as they happen.
  FailureCallback on_failure = [&](const PageError& e) {
    if (show_progress) std::cerr << "\r\033[K";
    std::cerr << e.what() << "\n";
  };

  try {
    IndexSummary summary = run_indexer(options, on_progress, on_failure);
    if (!quiet) {
      for (const PageError& note : summary.notes) std::cerr << "note: " << note.what() << "\n";
    }
    if (args.count("json")) {
      std::cout << summary_json(summary) << "\n";
    } else {
      std::cout << summary_line(summary) << "\n";
    }
    return summary.failed > 0 ? 1 : 0;
  } catch (const Error& e) {
    std::cerr << "hotsearch-index: " << e.what() << "\n";
    // The summary line a run always ends with (SPEC §2), for scripts reading stdout.
    if (args.count("json")) {
      std::cout << nlohmann::json{{"error", e.what()}, {"indexed", false}}.dump(
                       -1, ' ', false, nlohmann::json::error_handler_t::replace)
                << "\n";
    } else {
      std::cout << "not indexed: " << e.what() << "\n";
    }
    return 3;
  }
}
