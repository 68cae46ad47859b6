// Date parsing for front matter and post file names.
#include "indexer/dates.h"

#include <cctype>
#include <cstdio>

namespace hotsearch {

namespace {

bool real_date(int y, int m, int d) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

/// The date at the start of `text`: YYYY-MM-DD or YYYY/MM/DD (1- or 2-digit month and day).
std::optional<std::string> leading_date(std::string_view text, std::size_t* consumed) {
  std::size_t i = 0;
  auto number = [&](std::size_t min, std::size_t max) -> int {
    std::size_t start = i;
    while (i < text.size() && i - start < max && std::isdigit(static_cast<unsigned char>(text[i])))
      ++i;
    if (i - start < min) return -1;
    return std::stoi(std::string(text.substr(start, i - start)));
  };
  int y = number(4, 4);
  if (y < 0 || i >= text.size() || (text[i] != '-' && text[i] != '/')) return std::nullopt;
  char sep = text[i++];
  int m = number(1, 2);
  if (m < 0 || i >= text.size() || text[i] != sep) return std::nullopt;
  ++i;
  int d = number(1, 2);
  if (d < 0 || !real_date(y, m, d)) return std::nullopt;
  if (consumed) *consumed = i;
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, m, d);
  return std::string(buffer);
}

/// `HH:MM`, `HH:MM:SS`, `HH:MM:SS.fraction`, with real hours, minutes and seconds (60 for a
/// leap second). The fraction may have no digits (`21:59:43.`): YAML's timestamp allows it.
bool parse_time(std::string_view& rest) {
  auto two = [&](int max) {
    if (rest.size() < 2 || !std::isdigit(static_cast<unsigned char>(rest[0])) ||
        !std::isdigit(static_cast<unsigned char>(rest[1]))) {
      return false;
    }
    int value = (rest[0] - '0') * 10 + (rest[1] - '0');
    rest.remove_prefix(2);
    return value <= max;
  };
  // Ruby and YAML accept a one-digit hour (`9:05`).
  if (rest.size() >= 2 && std::isdigit(static_cast<unsigned char>(rest[0])) && rest[1] == ':') {
    rest.remove_prefix(1);
  } else if (!two(23)) {
    return false;
  }
  if (rest.empty() || rest[0] != ':') return false;
  rest.remove_prefix(1);
  if (!two(59)) return false;
  if (!rest.empty() && rest[0] == ':') {
    rest.remove_prefix(1);
    if (!two(60)) return false;
    if (!rest.empty() && (rest[0] == '.' || rest[0] == ',')) {
      rest.remove_prefix(1);
      while (!rest.empty() && std::isdigit(static_cast<unsigned char>(rest[0]))) {
        rest.remove_prefix(1);
      }
    }
  }
  return true;
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

/// The digits at the start of `rest` (at most `max`), taken off it; -1 when there are none.
int leading_number(std::string_view& rest, std::size_t max) {
  std::size_t count = 0;
  int value = 0;
  while (count < max && count < rest.size() &&
         std::isdigit(static_cast<unsigned char>(rest[count]))) {
    value = value * 10 + (rest[count] - '0');
    ++count;
  }
  rest.remove_prefix(count);
  return count == 0 ? -1 : value;
}

/// Nothing, or a zone after optional spaces or tabs: `Z`, `UTC`, `GMT`, or an offset `±H`,
/// `±HH`, `±H:MM`, `±HH:MM` (YAML 1.1's timestamp type) or `±HHMM` (Ruby's, which Jekyll
/// reads). Hours up to 14 and minutes below 60, as real offsets are.
bool parse_zone(std::string_view rest) {
  while (!rest.empty() && is_blank(rest[0])) rest.remove_prefix(1);
  if (rest.empty() || rest == "Z" || rest == "z" || rest == "UTC" || rest == "GMT") return true;
  if (rest[0] != '+' && rest[0] != '-') return false;
  rest.remove_prefix(1);
  std::size_t before = rest.size();
  int hours = leading_number(rest, 2);
  if (hours < 0) return false;
  bool two_digit_hour = before - rest.size() == 2;
  int minutes = 0;
  if (!rest.empty() && rest[0] == ':') {
    rest.remove_prefix(1);
    minutes = rest.size() == 2 ? leading_number(rest, 2) : -1;
  } else if (two_digit_hour && !rest.empty()) {
    minutes = rest.size() == 2 ? leading_number(rest, 2) : -1;
  }
  return rest.empty() && hours <= 14 && minutes >= 0 && minutes < 60;
}

}  // namespace

std::optional<std::string> parse_date(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  std::size_t used = 0;
  auto date = leading_date(text, &used);
  if (!date) return std::nullopt;
  std::string_view rest = text.substr(used);
  if (rest.empty()) return date;
  // A time may follow (`T10:00:00`, ` 13:06:00`, `t10:00`, tabs), then a zone.
  if (rest[0] != 'T' && rest[0] != 't' && !is_blank(rest[0])) return std::nullopt;
  rest.remove_prefix(1);
  while (!rest.empty() && is_blank(rest[0])) rest.remove_prefix(1);
  if (!parse_time(rest)) return std::nullopt;
  if (!parse_zone(rest)) return std::nullopt;
  return date;
}

std::optional<std::string> date_from_post_name(std::string_view file_name,
                                               std::size_t* slug_start) {
  // Jekyll's pattern: `YYYY-M-D-slug`, the month and day of one or two digits.
  std::size_t used = 0;
  auto date = leading_date(file_name, &used);
  if (!date || used < 8 || file_name[4] != '-' || used + 1 >= file_name.size() ||
      file_name[used] != '-') {
    return std::nullopt;
  }
  if (slug_start) *slug_start = used + 1;
  return date;
}

}  // namespace hotsearch
