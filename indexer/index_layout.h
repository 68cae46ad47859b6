#pragma once
// The on-disk layout of an index folder (see index_paths.h): a stub file `XAPIANDB` naming the
// current generation `gen-N`, the generations themselves, and the writers' lock file `.lock`.

#include <filesystem>
#include <optional>
#include <string>

namespace hotsearch {

class IndexLayout {
 public:
  explicit IndexLayout(std::filesystem::path root) : root_(std::move(root)) {}

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path stub() const { return root_ / "XAPIANDB"; }
  std::filesystem::path lock_file() const { return root_ / ".lock"; }
  std::filesystem::path generation_path(unsigned generation) const;
  /// Where a full run writes the shards it merges into `generation` (`gen-N.shards`): a
  /// scratch folder that never outlives the run that made it.
  std::filesystem::path shard_area(unsigned generation) const;

  /// The generation the stub names, or nullopt when there is no index yet. Throws
  /// IndexUnavailable when the stub is unreadable or not ours.
  std::optional<unsigned> current_generation() const;

  /// One past the highest generation folder present.
  unsigned next_generation() const;

  /// Points the stub at `generation` with one atomic rename (the switch readers see).
  void switch_to(unsigned generation) const;

  /// Removes generation folders other than `keep` (left by crashed or earlier full runs), and
  /// every shard area (left by a crashed full run).
  void remove_other_generations(unsigned keep) const;
  /// Whether the folder holds any `gen-N` folder: a hotsearch index folder, whatever its stub.
  bool has_generation_folders() const;

 private:
  std::filesystem::path root_;
};

/// An exclusive, non-blocking lock on an index folder for the length of one writer's run.
/// Throws IndexUnavailable naming the holder (pid, start time) when another writer has it.
class WriterLock {
 public:
  explicit WriterLock(const IndexLayout& layout);
  ~WriterLock();
  WriterLock(const WriterLock&) = delete;
  WriterLock& operator=(const WriterLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace hotsearch
