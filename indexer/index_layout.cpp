// Index folder layout: generations behind a stub file, and the writers' lock.
#include "indexer/index_layout.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <system_error>

#include "indexer/error.h"

namespace hotsearch {

namespace fs = std::filesystem;

namespace {
constexpr std::string_view kGenerationPrefix = "gen-";
constexpr std::string_view kShardAreaSuffix = ".shards";

std::optional<unsigned> parse_generation(const std::string& name) {
  if (name.rfind(kGenerationPrefix, 0) != 0) return std::nullopt;
  std::string digits = name.substr(kGenerationPrefix.size());
  if (digits.empty() || digits.size() > 9) return std::nullopt;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return static_cast<unsigned>(std::stoul(digits));
}

bool is_shard_area(const std::string& name) {
  return name.size() > kShardAreaSuffix.size() &&
         name.compare(name.size() - kShardAreaSuffix.size(), kShardAreaSuffix.size(),
                      kShardAreaSuffix) == 0 &&
         parse_generation(name.substr(0, name.size() - kShardAreaSuffix.size()));
}

std::string system_message(int error) { return std::generic_category().message(error); }
}  // namespace

fs::path IndexLayout::generation_path(unsigned generation) const {
  return root_ / (std::string(kGenerationPrefix) + std::to_string(generation));
}

fs::path IndexLayout::shard_area(unsigned generation) const {
  return root_ / (std::string(kGenerationPrefix) + std::to_string(generation) +
                  std::string(kShardAreaSuffix));
}

std::optional<unsigned> IndexLayout::current_generation() const {
  std::error_code ec;
  if (!fs::exists(stub(), ec)) {
    // A Xapian database of another program: readers would open it, not what a run writes here.
    for (const char* version_file : {"iamglass", "iamchert"}) {
      if (fs::exists(root_ / version_file, ec)) {
        throw IndexUnavailable(root_.string() +
                               " holds a Xapian database that hotsearch did not write (no "
                               "XAPIANDB stub); give --db a new or empty folder");
      }
    }
    return std::nullopt;
  }
  std::ifstream in(stub());
  if (!in) throw IndexUnavailable("cannot read " + stub().string());
  // The stub reads `glass gen-N` (a path relative to the stub's folder).
  std::string backend, name;
  in >> backend >> name;
  auto generation = parse_generation(name);
  if (backend != "glass" || !generation) {
    throw IndexUnavailable(stub().string() +
                           ": not a hotsearch index stub (expected `glass gen-N`)");
  }
  return generation;
}

unsigned IndexLayout::next_generation() const {
  unsigned next = 1;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root_, ec)) {
    if (auto g = parse_generation(entry.path().filename().string()); g && *g >= next) next = *g + 1;
  }
  return next;
}

void IndexLayout::switch_to(unsigned generation) const {
  fs::path tmp = root_ / "XAPIANDB.tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << "glass " << kGenerationPrefix << generation << "\n";
    out.flush();
    if (!out) throw IndexUnavailable("cannot write " + tmp.string() + ": " + system_message(errno));
  }
  // fsync the new stub before the rename so a power cut cannot leave an empty stub behind.
  int fd = ::open(tmp.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  if (std::rename(tmp.c_str(), stub().c_str()) != 0) {
    throw IndexUnavailable("cannot switch " + stub().string() + ": " + system_message(errno));
  }
}

void IndexLayout::remove_other_generations(unsigned keep) const {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root_, ec)) {
    std::string name = entry.path().filename().string();
    auto g = parse_generation(name);
    if ((g && *g != keep) || is_shard_area(name)) fs::remove_all(entry.path(), ec);
  }
}

bool IndexLayout::has_generation_folders() const {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root_, ec)) {
    if (entry.is_directory(ec) && parse_generation(entry.path().filename().string())) return true;
  }
  return false;
}

WriterLock::WriterLock(const IndexLayout& layout) {
  fs::path path = layout.lock_file();
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw IndexUnavailable("cannot open lock file " + path.string() + ": " + system_message(errno));
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    int error = errno;
    // The holder writes who it is just after taking the lock: give it a moment to do so.
    std::string holder;
    for (int attempt = 0; attempt < 10 && holder.empty(); ++attempt) {
      char buffer[256] = {};
      ssize_t n = ::pread(fd_, buffer, sizeof buffer - 1, 0);
      if (n > 0) holder = std::string(buffer, static_cast<size_t>(n));
      if (holder.empty()) ::usleep(10000);
    }
    while (!holder.empty() && (holder.back() == '\n' || holder.back() == ' ')) holder.pop_back();
    ::close(fd_);
    fd_ = -1;
    if (error == EWOULDBLOCK) {
      throw IndexUnavailable("index " + layout.root().string() + " is locked by another indexer" +
                             (holder.empty() ? std::string() : " (" + holder + ")"));
    }
    throw IndexUnavailable("cannot lock " + path.string() + ": " + system_message(error));
  }
  // Record who holds the lock, for the message a second indexer prints.
  std::time_t now = std::time(nullptr);
  char when[32];
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  std::string holder = "pid " + std::to_string(::getpid()) + ", started " + when + "\n";
  if (::ftruncate(fd_, 0) != 0 || ::pwrite(fd_, holder.data(), holder.size(), 0) < 0) {
    // The lock itself is held; only the holder's description could not be written.
  }
}

WriterLock::~WriterLock() {
  if (fd_ >= 0) {
    // Clear the holder's description before releasing, so no stale pid is ever shown.
    if (::ftruncate(fd_, 0) != 0) {
      // Nothing to do: the next holder truncates it anyway.
    }
    ::close(fd_);
  }
}

}  // namespace hotsearch
