#pragma once
// Dates as the site writes them -> `YYYY-MM-DD`.

#include <optional>
#include <string>
#include <string_view>

namespace hotsearch {

/// Accepts every form of YAML 1.1's timestamp type (`2001-12-14t21:59:43.10-05:00`,
/// `2001-12-14 21:59:43.10 -5`, `2001-12-15 2:59:43.`) and what Ruby's Time.parse reads for
/// Jekyll: `2019-07-01`, `2018-02-06 13:06:00 Z`, `2010-01-12 17:45:35 +0000`,
/// `2019-07-01 10:00`, `2019/07/01`. The zone is checked, not applied: the date is the one
/// written. nullopt otherwise (including impossible dates such as 2019-02-30).
std::optional<std::string> parse_date(std::string_view text);

/// The date a `_posts` file name starts with (`2019-07-01-title.md`, `2019-7-1-title.md`), if
/// any; `slug_start` is then where the rest of the name begins.
std::optional<std::string> date_from_post_name(std::string_view file_name,
                                               std::size_t* slug_start = nullptr);

}  // namespace hotsearch
