#pragma once
// The error types of hotsearch. The library throws these; each program's main converts them
// once into an exit status (CLI, indexer) or an HTTP status (web).

#include <cstddef>
#include <stdexcept>
#include <string>

namespace hotsearch {

/// Base of every error hotsearch throws on purpose; what() is a complete, user-facing message.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A content file that cannot be read or parsed: carries PATH:LINE:COL for the report.
class PageError : public Error {
 public:
  PageError(std::string path, std::size_t line, std::size_t column, const std::string& message)
      : Error(format(path, line, column, message)),
        path_(std::move(path)),
        line_(line),
        column_(column),
        message_(message) {}

  const std::string& path() const { return path_; }
  std::size_t line() const { return line_; }
  std::size_t column() const { return column_; }
  /// The message without the location prefix.
  const std::string& message() const { return message_; }

 private:
  static std::string format(const std::string& path, std::size_t line, std::size_t column,
                            const std::string& message) {
    if (line == 0) return path + ": " + message;
    return path + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
  }
  std::string path_;
  std::size_t line_;
  std::size_t column_;
  std::string message_;
};

/// A configuration file (`_config.yml`, facet map, synonyms) that is unusable.
class ConfigError : public Error {
 public:
  using Error::Error;
};

/// A request the caller got wrong (bad flag value, bad date, out-of-range page): exit 2 / 400.
class UsageError : public Error {
 public:
  using Error::Error;
};

/// The index cannot be used: missing, unreadable, corrupt, locked (exit 3 / HTTP 503).
class IndexUnavailable : public Error {
 public:
  using Error::Error;
};

}  // namespace hotsearch
