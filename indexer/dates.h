#pragma once
// Dates as the site writes them -> `YYYY-MM-DD`.

#include <optional>
#include <string>
#include <string_view>

namespace hotsearch {

/// Accepts `2019-07-01`, `2018-02-06 13:06:00 Z`, `2010-01-12 17:45:35 +0000`,
/// `2019-07-01T10:00:00Z`, `2019-07-01T10:00:00.5+02:00`, `2019/07/01`. nullopt otherwise
/// (including impossible dates such as 2019-02-30).
std::optional<std::string> parse_date(std::string_view text);

/// The date a `_posts` file name starts with (`2019-07-01-title.md`, `2019-7-1-title.md`), if
/// any; `slug_start` is then where the rest of the name begins.
std::optional<std::string> date_from_post_name(std::string_view file_name,
                                               std::size_t* slug_start = nullptr);

}  // namespace hotsearch
