// The document data record: what is stored comes back, and data hotsearch did not write is
// refused with a message that says what to do.
#include "indexer/stored_page.h"

#include <zstd.h>

#include <catch2/catch.hpp>

#include "indexer/error.h"

using hotsearch::StoredPage;

TEST_CASE("a stored page decodes to what was stored", "[stored_page]") {
  StoredPage page{"_projects/a.md",
                  "/projects/a/",
                  "Título",
                  "projects",
                  "2020-01-02",
                  "es",
                  {"Missing Maps", ""},
                  {},
                  std::string(70000, 'x') + "\n\x01\xff"};
  StoredPage back = hotsearch::decode_stored_page(hotsearch::encode_stored_page(page));
  CHECK(back.id == page.id);
  CHECK(back.url == page.url);
  CHECK(back.title == page.title);
  CHECK(back.type == page.type);
  CHECK(back.date == page.date);
  CHECK(back.lang == page.lang);
  CHECK(back.projects == page.projects);
  CHECK(back.countries.empty());
  CHECK(back.text == page.text);
}

TEST_CASE("a record compressed with zstd's default parameters still decodes", "[stored_page]") {
  // Records were written with zstd's default minimum match (4) before it became 7: an index
  // built then is still read.
  using namespace std::string_literals;
  const std::string fields =
      "\x02id\x03/u/\x01T\x05pages\x00\x02"
      "en\x00\x00\x05text."s;
  std::string data(1 + ZSTD_compressBound(fields.size()), '\x03');
  std::size_t size =
      ZSTD_compress(data.data() + 1, data.size() - 1, fields.data(), fields.size(), 1);
  REQUIRE(!ZSTD_isError(size));
  data.resize(1 + size);
  StoredPage page = hotsearch::decode_stored_page(data);
  CHECK(page.id == "id");
  CHECK(page.url == "/u/");
  CHECK(page.lang == "en");
  CHECK(page.text == "text.");
}

TEST_CASE("data hotsearch did not write is refused", "[stored_page]") {
  std::string good =
      hotsearch::encode_stored_page({"id", "/u/", "T", "pages", "", "en", {}, {}, "t"});
  for (const std::string& bad :
       {std::string(), std::string("{\"id\":\"x\"}"), good.substr(0, good.size() - 1), good + "x",
        std::string("\x02\xff\xff\xff\xff\xff\xff", 7), std::string("\x02\x00", 2),
        // Format 2 (schema 5): the same fields, uncompressed.
        std::string("\x02\x02id\x03/u/\x01T\x05pages\x00\x02en\x00\x00\x01t", 22),
        std::string("\x03not a zstd frame"),
        // A zstd frame header that claims 2^40 bytes of content: refused before any is given.
        std::string("\x03\x28\xb5\x2f\xfd\xe0\x00\x00\x00\x00\x00\x01\x00\x00", 14)}) {
    CHECK_THROWS_AS(hotsearch::decode_stored_page(bad), hotsearch::IndexUnavailable);
  }
}
