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
/// leap second).
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
      std::size_t digits_count = 0;
      while (!rest.empty() && std::isdigit(static_cast<unsigned char>(rest[0]))) {
        rest.remove_prefix(1);
        ++digits_count;
      }
      if (digits_count == 0) return false;
    }
  }
  return true;
}

/// `Z`, `UTC`, `GMT`, `+0000`, `-05:00`, `+02`, each optionally after spaces; or nothing.
bool parse_zone(std::string_view rest) {
  while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
  if (rest.empty() || rest == "Z" || rest == "z" || rest == "UTC" || rest == "GMT") return true;
  if (rest[0] != '+' && rest[0] != '-') return false;
  rest.remove_prefix(1);
  std::string hhmm;
  for (char c : rest) {
    if (c == ':') continue;
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    hhmm += c;
  }
  if (hhmm.size() != 2 && hhmm.size() != 4) return false;
  if (std::stoi(hhmm.substr(0, 2)) > 14) return false;
  return hhmm.size() == 2 || std::stoi(hhmm.substr(2)) < 60;
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
  // A time may follow (`T10:00:00`, ` 13:06:00`, `t10:00`), then a zone.
  if (rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ') return std::nullopt;
  rest.remove_prefix(1);
  while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
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
