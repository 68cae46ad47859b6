// Date parsing for front matter and post file names.
#include "indexer/dates.h"

#include <cctype>
#include <cstdio>

namespace hotsearch {

namespace {

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

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
  // A time may follow: `T10:00:00`, ` 13:06:00`, then a zone `Z`, `+0000`, `-05:00`, `UTC`.
  if (rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ') return std::nullopt;
  rest.remove_prefix(1);
  while (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
  for (char c : rest) {
    bool ok = std::isdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.' || c == ' ' ||
              c == '+' || c == '-' || c == 'Z' || c == 'z' || c == 'U' || c == 'T' || c == 'C';
    if (!ok) return std::nullopt;
  }
  if (rest.size() < 4 || !digits(rest.substr(0, 1))) return std::nullopt;
  return date;
}

std::optional<std::string> date_from_post_name(std::string_view file_name) {
  if (file_name.size() < 11 || file_name[10] != '-') return std::nullopt;
  std::size_t used = 0;
  auto date = leading_date(file_name.substr(0, 10), &used);
  if (!date || used != 10) return std::nullopt;
  return date;
}

}  // namespace hotsearch
