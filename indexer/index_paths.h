#pragma once
// Where the index and the content live by default, and the on-disk layout of an index.
//
// An index is a folder holding a Xapian stub file `XAPIANDB` that names the current generation
// (`gen-N`, a glass database beside it). Readers open the folder; Xapian follows the stub. A
// full rebuild writes a new generation and switches the stub with one rename, so readers see the
// old index or the new one, never half of one.

#include <filesystem>
#include <string>

namespace hotsearch {

/// `--db` value if given, else $HOTSEARCH_DB, else $XDG_DATA_HOME/hotsearch/index, else
/// ~/.local/share/hotsearch/index, else (no $HOME) /var/lib/hotsearch/index.
std::filesystem::path resolve_db_path(const std::string& flag_value);

/// The `--db` flag's help, the same in every program: the order resolve_db_path() follows.
inline constexpr const char* kDbFlagHelp =
    "index folder (default: $HOTSEARCH_DB, else $XDG_DATA_HOME/hotsearch/index, else "
    "~/.local/share/hotsearch/index, else /var/lib/hotsearch/index)";

/// `--content` value if given, else the project's `content/` folder.
std::filesystem::path resolve_content_path(const std::string& flag_value);

}  // namespace hotsearch
