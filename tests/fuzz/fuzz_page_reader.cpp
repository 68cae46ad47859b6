// libFuzzer target: arbitrary bytes as a content file through the whole page reader (front
// matter split, YAML, Markdown, HTML and Liquid stripping, dates, language). A PageError is the
// expected answer to bad input; anything else (a crash, a sanitizer report, another exception
// escaping) is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "indexer/error.h"
#include "indexer/page_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace hotsearch;
  static const PageReader reader(SiteConfig::load("/nonexistent-content-root"),
                                 FieldMap::defaults());
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const char* id : {"_posts/2019-05-04-fuzz.md", "_projects/fuzz.markdown", "page.html"}) {
    try {
      reader.read_bytes(id, bytes);
    } catch (const PageError&) {
      // Bad input, reported with its location: the expected outcome.
    }
  }
  return 0;
}
