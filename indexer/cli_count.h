// A whole number of things given to a program's flag (`--offset 20`, `--threads 2`).
#pragma once

#include <boost/lexical_cast.hpp>
#include <boost/program_options.hpp>
#include <string>
#include <vector>

namespace hotsearch {

/// Read through this rather than an unsigned type: Boost reads `-1` into an unsigned type
/// as its largest value, so `--offset -1` or `--read-timeout -1` were taken silently.
template <typename T>
struct Count {
  T value{};
};

/// Boost.Program_options' hook for Count (found by argument-dependent lookup): digits only,
/// in T's range, else the usual "invalid value" usage error.
template <typename T>
void validate(boost::any& out, const std::vector<std::string>& values, Count<T>*, int) {
  namespace po = boost::program_options;
  po::validators::check_first_occurrence(out);
  const std::string& text = po::validators::get_single_string(values);
  bool digits = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  try {
    if (!digits) throw po::invalid_option_value(text);
    out = Count<T>{boost::lexical_cast<T>(text)};
  } catch (const boost::bad_lexical_cast&) {
    throw po::invalid_option_value(text);
  }
}

}  // namespace hotsearch
