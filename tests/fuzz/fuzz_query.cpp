// libFuzzer target: arbitrary bytes as a search request (query string, filters, dates, sort,
// paging) against a small real index built once from the project's content/. UsageError is
// the expected answer to a bad request; a query syntax error must not even be that.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

#include "indexer/error.h"
#include "query/searcher.h"
#include "tests/fuzz/fuzz_index.h"

namespace {

/// Takes the next piece of the input up to a NUL byte.
std::string take(std::string_view& input) {
  auto end = input.find('\0');
  std::string piece(input.substr(0, end));
  input.remove_prefix(end == std::string_view::npos ? input.size() : end + 1);
  return piece;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hotsearch;
  static const std::filesystem::path& db = fuzz::sample_index();
  static Searcher searcher(db);
  std::string_view input(reinterpret_cast<const char*>(data), size);
  SearchRequest request;
  std::uint8_t control = size ? data[0] : 0;
  if (size) input.remove_prefix(1);
  request.query = take(input);
  if (control & 1) request.filters["project"].push_back(take(input));
  if (control & 2) request.filters["country"].push_back(take(input));
  if (control & 4) request.since = take(input);
  if (control & 8) request.until = take(input);
  if (control & 16) request.filters[take(input)].push_back(take(input));
  request.sort = static_cast<SortOrder>((control >> 5) % 3);
  request.offset = (control >> 7) * 10;
  try {
    searcher.search(request);
  } catch (const UsageError&) {
    // A bad request, refused with a message: expected.
  }
  try {
    searcher.suggest(request.query);
  } catch (const UsageError&) {
    // Expected for over-long or non-UTF-8 input.
  }
  return 0;
}
