// Dates as the site writes them, and the dates post file names carry.
#include "indexer/dates.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "indexer/error.h"
#include "indexer/page_reader.h"
#include "tests/test_support.h"

using namespace hotsearch;

namespace {
std::string date_or_none(std::string_view text) { return parse_date(text).value_or("none"); }
}  // namespace

TEST_CASE("every date form of the HOT website gives YYYY-MM-DD", "[dates]") {
  CHECK(date_or_none("2018-02-06 13:06:00 Z") == "2018-02-06");
  CHECK(date_or_none("2010-01-12 17:45:35 Z") == "2010-01-12");  // the quoted form, unquoted
  CHECK(date_or_none("2019-07-01") == "2019-07-01");
  CHECK(date_or_none("2010-01-12 17:45:35 +0000") == "2010-01-12");
  CHECK(date_or_none("2019-07-01T10:00:00Z") == "2019-07-01");
  CHECK(date_or_none("2019-07-01T10:00:00.5+02:00") == "2019-07-01");
  CHECK(date_or_none("2019-07-01 10:00") == "2019-07-01");
  CHECK(date_or_none("2019-07-01 9:05:00 -05:00") == "2019-07-01");
  CHECK(date_or_none("2019/7/1") == "2019-07-01");
  CHECK(date_or_none("  2020-02-29  ") == "2020-02-29");  // a leap day
  CHECK(date_or_none("2019-07-01 10:00:00 UTC") == "2019-07-01");
}

TEST_CASE("every form of YAML's timestamp type is a date", "[dates]") {
  // The examples of https://yaml.org/type/timestamp.html, which Jekyll (Psych) reads.
  CHECK(date_or_none("2001-12-15T02:59:43.1Z") == "2001-12-15");        // canonical
  CHECK(date_or_none("2001-12-14t21:59:43.10-05:00") == "2001-12-14");  // valid iso8601
  CHECK(date_or_none("2001-12-14 21:59:43.10 -5") == "2001-12-14");     // space separated
  CHECK(date_or_none("2001-12-15 2:59:43.10") == "2001-12-15");         // no time zone (Z)
  CHECK(date_or_none("2002-12-14") == "2002-12-14");                    // date (00:00:00Z)
  // Every part of its pattern: a fraction without digits, one-digit month, day and hour,
  // tabs or spaces before the time and the zone, offsets of one or two digits with or
  // without minutes.
  CHECK(date_or_none("2001-12-14 21:59:43.") == "2001-12-14");
  CHECK(date_or_none("2001-1-2 3:04:05") == "2001-01-02");
  CHECK(date_or_none("2001-12-14\t21:59:43\t-05:00") == "2001-12-14");
  CHECK(date_or_none("2001-12-14   21:59:43Z") == "2001-12-14");
  CHECK(date_or_none("2001-12-14 21:59:43 Z") == "2001-12-14");
  for (const char* zone : {"+5", "-5", "+05", "-5:30", "+05:30", "+0530", " +5", " -05:30"}) {
    CAPTURE(zone);
    CHECK(date_or_none("2001-12-14 21:59:43.10" + std::string(zone)) == "2001-12-14");
  }
  // Offsets no clock has, and ones the pattern does not allow.
  for (const char* zone : {"+15", "-5:60", "+5:3", "+530", "+05:30:00", "+", "-05 30", "+05:"}) {
    CAPTURE(zone);
    CHECK(date_or_none("2001-12-14 21:59:43 " + std::string(zone)) == "none");
  }
  CHECK(date_or_none("2001-12-14 21:59:43..5") == "none");
  CHECK(date_or_none("2019-02-29 21:59:43.10 -5") == "none");  // not a leap year
}

TEST_CASE("nonsense dates are not dates", "[dates]") {
  CHECK(date_or_none("2019-02-29") == "none");  // not a leap year
  CHECK(date_or_none("2019-13-01") == "none");
  CHECK(date_or_none("2019-04-31") == "none");
  CHECK(date_or_none("yesterday") == "none");
  CHECK(date_or_none("2019-07-01 lunchtime") == "none");
  CHECK(date_or_none("2019-07-01 25:00:00") == "none");
  CHECK(date_or_none("2019-07-01 10:61") == "none");
  CHECK(date_or_none("2019-07-01 10:00 +2500") == "none");
  CHECK(date_or_none("2019-07") == "none");
  CHECK(date_or_none("07/01/2019") == "none");
  CHECK(date_or_none("") == "none");
  CHECK(date_or_none("1269141918") == "none");  // `created:` epoch seconds
}

TEST_CASE("post file names carry their date", "[dates]") {
  CHECK(date_from_post_name("2019-07-01-title.md").value_or("none") == "2019-07-01");
  CHECK(date_from_post_name("2018-01-24-Community Mapping in North Uganda.markdown")
            .value_or("none") == "2018-01-24");
  CHECK(date_from_post_name("2019-02-30-title.md").value_or("none") == "none");
  // Jekyll takes one-digit months and days in a post's name too.
  std::size_t slug = 0;
  CHECK(date_from_post_name("2019-3-4-short.md", &slug).value_or("none") == "2019-03-04");
  CHECK(slug == 9);
  CHECK(date_from_post_name("2019-11-4-short.md", &slug).value_or("none") == "2019-11-04");
  CHECK(slug == 10);
  CHECK(date_from_post_name("2019/03/04-short.md").value_or("none") == "none");
  CHECK(date_from_post_name("2019-3-4-").value_or("none") == "none");  // no slug
  CHECK(date_from_post_name("title.md").value_or("none") == "none");
  CHECK(date_from_post_name("2019-07-01.md").value_or("none") == "none");  // no slug
  CHECK(date_from_post_name("021-06-14-tc-tauktaeYaas-sizeup.markdown").value_or("none") ==
        "none");  // a real file name with a three-digit year
}

TEST_CASE("a page's date comes from its date key, else from its file name", "[dates][reader]") {
  PageReader reader(SiteConfig::load("/nonexistent"), FieldMap::defaults());
  auto date_of = [&](const std::string& id, const std::string& text) {
    return reader.read_bytes(id, text).page.date;
  };
  CHECK(date_of("_posts/2016-03-05-a.md", "---\ndate: 2017-01-02 03:04:05 Z\n---\n") ==
        "2017-01-02");
  CHECK(date_of("_posts/2016-03-05-a.md", "---\ntitle: t\n---\n") == "2016-03-05");
  CHECK(date_of("_posts/2016-03-05-a.md", "---\ndate:\n---\n") == "2016-03-05");
  CHECK(date_of("_projects/2013-02-01-mali.md", "---\ntitle: t\n---\n") == "2013-02-01");
  CHECK(date_of("2013-02-01-root-page.md", "---\ntitle: t\n---\n").empty());  // pages: no
  CHECK(date_of("_posts/no-date.md", "---\ntitle: t\n---\n").empty());
  // Both were refused, and their pages left out of the index.
  CHECK(date_of("_posts/2001-12-14-spaced.md", "---\ndate: 2001-12-14 11:59:43.10 -5\n---\n") ==
        "2001-12-14");
  CHECK(date_of("_posts/2001-12-14-dot.md", "---\ndate: 2001-12-14 21:59:43.\n---\n") ==
        "2001-12-14");
}

TEST_CASE("a nonsense date is an error at the date's own line and column", "[dates][reader]") {
  PageReader reader(SiteConfig::load("/nonexistent"), FieldMap::defaults());
  CHECK_THROWS_WITH(
      reader.read_bytes("_posts/2019-01-01-a.md", "---\ntitle: t\ndate: 2019-02-30\n---\n"),
      "_posts/2019-01-01-a.md:3:7: date \"2019-02-30\" is not a date (expected YYYY-MM-DD, "
      "optionally with a time)");
  CHECK_THROWS_WITH(reader.read_bytes("a.md", "---\ndate: 'next week'\n---\n"),
                    "a.md:2:7: date \"next week\" is not a date (expected YYYY-MM-DD, optionally "
                    "with a time)");
  CHECK_THROWS_WITH(reader.read_bytes("a.md", "---\ntitle: t\ndate: 2019-02-29 21:59:43 -5\n---\n"),
                    "a.md:3:7: date \"2019-02-29 21:59:43 -5\" is not a date (expected "
                    "YYYY-MM-DD, optionally with a time)");
  CHECK_THROWS_WITH(reader.read_bytes("a.md", "---\ndate: [2019-01-01]\n---\n"),
                    "a.md:2:7: date is not a date (a list or a map)");
}
