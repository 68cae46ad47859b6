// One indexer run: scan, compare with the index, re-read what changed, commit once.
#include "indexer/index_writer.h"

#include <xapian.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "indexer/content_scanner.h"
#include "indexer/document_builder.h"
#include "indexer/full_build.h"
#include "indexer/index_layout.h"
#include "indexer/index_probe.h"
#include "indexer/schema.h"
#include "indexer/synonyms.h"

namespace hotsearch {

namespace fs = std::filesystem;

namespace {

// User-metadata keys of the index.
constexpr const char* kConfigKey = "hotsearch.config";
constexpr const char* kLastRunKey = "hotsearch.last_run";
// Files that are not pages (no front matter, `published: false`) have no document; their stamps
// are kept here so that a no-op run does not re-read them.
constexpr const char* kNotPagesKey = "hotsearch.not_pages";

/// The start of a file's stamp (file_stamp()) that decides whether to re-read it.
std::string size_and_mtime(const SourceFile& file) {
  return std::to_string(file.size) + ":" + std::to_string(file.mtime_ns) + ":";
}
std::string hash_part(const std::string& stamp) {
  auto pos = stamp.rfind(':');
  return pos == std::string::npos ? std::string() : stamp.substr(pos + 1);
}

struct IndexedFile {
  Xapian::docid docid;
  std::string stamp;
};

/// Every page the index holds, by id, with the stamp of the file it was read from.
std::map<std::string, IndexedFile> indexed_files(const Xapian::Database& db) {
  std::map<std::string, IndexedFile> files;
  std::string prefix(schema::kIdPrefix);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    std::string term = *it;
    auto posting = db.postlist_begin(term);
    if (posting == db.postlist_end(term)) continue;
    Xapian::docid docid = *posting;
    files[term.substr(prefix.size())] = {docid,
                                         db.get_document(docid).get_value(schema::kFileStampSlot)};
  }
  return files;
}

FieldMap load_field_map(const fs::path& content_root) {
  fs::path custom = content_root / "_hotsearch.yml";
  std::error_code ec;
  if (fs::exists(custom, ec)) return FieldMap::load(custom);
  return FieldMap::defaults();
}

std::string config_fingerprint(const SiteConfig& site, const FieldMap& fields,
                               const Synonyms& synonyms) {
  return "schema " + std::to_string(schema::kVersion) + "; site " + site.fingerprint() +
         "; fields " + fields.fingerprint() + "; synonyms " + synonyms.fingerprint();
}

/// Adds to `db` the previous version of each page that failed in a full run, from the
/// generation it replaces: a bad file must not lose what was already indexed (SPEC §2).
void carry_over_failed_pages(const Xapian::Database& previous,
                             const std::vector<PageError>& failures, Xapian::WritableDatabase& db) {
  auto carry = [&](const std::string& id_term) {
    for (auto posting = previous.postlist_begin(id_term); posting != previous.postlist_end(id_term);
         ++posting) {
      db.add_document(previous.get_document(*posting));
    }
  };
  for (const PageError& failure : failures) {
    // The page that failed, or every page of a folder that could not be read.
    std::string id_term = schema::id_term(failure.path());
    carry(id_term);
    std::string in_folder = id_term + "/";
    for (auto term = previous.allterms_begin(in_folder); term != previous.allterms_end(in_folder);
         ++term) {
      carry(*term);
    }
  }
}

/// Whether the page `id` keeps its previous version: a failure names it, or a folder it is in
/// could not be read (its pages were not seen, not removed).
bool kept_by_failure(const std::string& id, const std::set<std::string>& failed_paths) {
  if (failed_paths.count(id)) return true;
  for (std::size_t slash = id.find('/'); slash != std::string::npos;
       slash = id.find('/', slash + 1)) {
    if (failed_paths.count(id.substr(0, slash))) return true;
  }
  return false;
}

/// No generation has this number (they start at 1): keeping it removes them all.
constexpr unsigned kNoGeneration = 0;

/// Whether a Xapian error says the index itself is damaged (its data or a file of it lost),
/// rather than that the system refused to read it (permissions, an I/O error): Xapian gives
/// the system's reason for the latter.
bool is_damage(const Xapian::Error& e) {
  const char* reason = e.get_error_string();
  return reason == nullptr || *reason == '\0' || std::string(reason) == std::strerror(ENOENT);
}

/// Whether a run would empty an index that has pages without being asked to (`--full`): it
/// found no page and no failure. An unmounted disk or a failed checkout (nothing left, or only
/// a README.md) looks like a site whose pages were all deleted. Pages are counted, not files:
/// a folder of static files passed when files were counted, and the run emptied the index.
bool would_empty_index(const IndexOptions& options, std::size_t pages_found, std::size_t failures,
                       std::size_t indexed_pages) {
  return pages_found == 0 && failures == 0 && indexed_pages > 0 &&
         options.mode != RebuildMode::Full;
}

IndexUnavailable no_pages_error(const IndexOptions& options, std::size_t indexed_pages) {
  return IndexUnavailable("content folder " + options.content_root.string() +
                          " has no pages: the index's " + std::to_string(indexed_pages) +
                          " pages are kept (is it mounted? `hotsearch-index --full` on a folder "
                          "without pages empties the index)");
}

/// Turns Xapian's exceptions into the errors this program reports (exit 3). The description
/// ends with the system's reason when there is one (`(No space left on device)`).
[[noreturn]] void rethrow_as_unavailable(const Xapian::Error& e, const fs::path& db) {
  throw IndexUnavailable("index " + db.string() + ": " + e.get_description());
}

}  // namespace

IndexSummary run_indexer(const IndexOptions& options, const ProgressCallback& on_progress,
                         const FailureCallback& on_failure) {
  auto started = std::chrono::steady_clock::now();
  std::error_code ec;
  if (!fs::is_directory(options.content_root, ec)) {
    throw IndexUnavailable("content folder not found: " + options.content_root.string());
  }
  IndexLayout layout(options.db_path);
  if (!options.dry_run) {
    fs::create_directories(layout.root(), ec);
    if (ec) {
      throw IndexUnavailable("cannot create index folder " + layout.root().string() + ": " +
                             ec.message());
    }
  }
  std::optional<WriterLock> lock;
  if (!options.dry_run) lock.emplace(layout);

  SiteConfig site = SiteConfig::load(options.content_root);
  FieldMap fields = load_field_map(options.content_root);
  Synonyms synonyms = options.synonyms_file.empty() ? Synonyms::load(options.content_root)
                                                    : Synonyms::load_file(options.synonyms_file);
  std::string fingerprint = config_fingerprint(site, fields, synonyms);

  IndexSummary summary;
  summary.dry_run = options.dry_run;
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  nlohmann::json not_pages = nlohmann::json::object();
  // What every run records in the index, last, so the summary's time is the whole run's.
  auto write_metadata = [&](Xapian::WritableDatabase& db) {
    db.set_metadata(kConfigKey, fingerprint);
    db.set_metadata(kNotPagesKey, not_pages.dump());
    summary.seconds = elapsed();
    db.set_metadata(kLastRunKey, summary_json(summary));
  };
  try {
    std::optional<unsigned> current;
    try {
      current = layout.current_generation();
    } catch (const IndexUnavailable& e) {
      // A stub emptied or garbled in hotsearch's own folder (its generations are there): the
      // index cannot be found, so it is rebuilt, and the run says so. Before, every run exited
      // 3, `--full` too, until the stub was removed by hand. A folder of another program's
      // database has no generations, and stays refused.
      if (!layout.has_generation_folders() || options.dry_run) throw;
      std::string reason = e.what();
      std::string named = layout.stub().string() + ": ";
      if (reason.rfind(named, 0) == 0) reason = reason.substr(named.size());
      PageError damaged(layout.stub().string(), 0, 0, reason + ": rebuilt from the content");
      if (on_failure) on_failure(damaged);
      summary.failures.push_back(damaged);
    }
    // What a killed or failed full run left (its generation, its shards) goes first: it can be
    // as large as the index, and on a full disk every later run would fail for it.
    // With no index yet (a killed first run, a stub lost), every generation is such a leftover.
    if (!options.dry_run) layout.remove_other_generations(current.value_or(kNoGeneration));
    // The current generation, when it was built with this schema: previous versions of
    // pages are read from it.
    std::optional<Xapian::Database> previous;
    bool full = options.mode == RebuildMode::Full || !current;
    std::size_t indexed_pages = 0;
    std::string built_with;
    // A damaged index is reported as a failure, naming what follows, so the run exits 1 and
    // cron says so.
    auto report_damage = [&](const Xapian::Error& e, const std::string& consequence) {
      PageError damaged(layout.generation_path(*current).string(), 0, 0,
                        "the index cannot be read (" + e.get_description() + "): " + consequence);
      if (on_failure) on_failure(damaged);
      summary.failures.push_back(damaged);
    };
    // What a damaged index held is lost already: it can only be rebuilt.
    auto rebuild_damaged = [&](const Xapian::Error& e) {
      previous.reset();
      full = true;
      report_damage(e, "rebuilt from the content");
    };
    if (current) {
      try {
        previous.emplace(layout.generation_path(*current).string());
        indexed_pages = previous->get_doccount();
        built_with = previous->get_metadata(kConfigKey);
        // A position or data table lost or cut short is not seen by the open: every search
        // then failed while this run, reading no unchanged page, exited 0.
        probe_index_tables(*previous);
      } catch (const Xapian::DatabaseLockError&) {
        throw;
      } catch (const Xapian::FeatureUnavailableError& e) {
        rebuild_damaged(e);  // a term list table lost reads as "Database has no termlist"
      } catch (const Xapian::DatabaseError& e) {
        // Damaged: corrupt, a table or file missing, a table cut short. A file the run may not
        // read, or a disk that fails to read, is not damage: rebuilding would lose the pages
        // that failed before and kept their old versions. Those stop the run (exit 3).
        if (!is_damage(e)) throw;
        rebuild_damaged(e);
      }
    }
    // Read before anything is written: a content folder that cannot be read stops the run.
    ScanResult scan = scan_content(options.content_root, site.entries());
    summary.notes = scan.notes;
    if (previous) {
      // A different schema or field map changes every document: rebuild them all. Pages that
      // fail in that run still keep their previous versions, unless the documents' own format
      // (the schema) changed.
      if (built_with != fingerprint) {
        full = true;
        if (built_with.substr(0, built_with.find(';')) !=
            fingerprint.substr(0, fingerprint.find(';'))) {
          previous->close();
          previous.reset();
        }
      }
    }
    summary.full = full;

    if (full && !options.dry_run) {
      // A full run writes a fresh generation (clean spelling data too) and switches to it at
      // the end. Until then, a failure removes what it wrote.
      unsigned generation = layout.next_generation();
      struct Unfinished {
        const IndexLayout& layout;
        unsigned generation;
        bool switched = false;
        ~Unfinished() {
          if (switched) return;
          std::error_code ignored;  // best effort: the next run removes what is left
          fs::remove_all(layout.generation_path(generation), ignored);
          fs::remove_all(layout.shard_area(generation), ignored);
        }
      } unfinished{layout, generation};
      for (PageError& problem : scan.problems) {
        if (on_failure) on_failure(problem);
        summary.failures.push_back(problem);
      }
      FullBuildOptions build;
      build.shard_area = layout.shard_area(generation);
      build.output = layout.generation_path(generation);
      build.jobs = options.jobs > 0 ? options.jobs : default_jobs();
      FullBuildResult built =
          build_full(scan.files, PageSetup{site, fields, options.limits, synonyms}, build,
                     on_progress, on_failure);
      summary.read = built.read;
      summary.added = built.added;
      summary.skipped = built.skipped;
      summary.merge_seconds = built.merge_seconds;
      for (PageError& e : built.failures) summary.failures.push_back(std::move(e));
      summary.failed = summary.failures.size();
      // Before the switch: the new generation is removed and the index stays as it was.
      if (would_empty_index(options, built.added, summary.failures.size(), indexed_pages)) {
        throw no_pages_error(options, indexed_pages);
      }
      for (const auto& [id, stamp] : built.not_pages) not_pages[id] = stamp;

      Xapian::WritableDatabase db(build.output.string(), Xapian::DB_CREATE_OR_OPEN);
      if (previous) {
        try {
          carry_over_failed_pages(*previous, summary.failures, db);
        } catch (const Xapian::DatabaseError& e) {
          report_damage(e, "the failed pages' previous versions are lost");
          summary.failed = summary.failures.size();
        }
        previous->close();
      }
      built.spelling.write_to(db);
      write_metadata(db);
      db.commit();
      summary.total_documents = db.get_doccount();
      db.close();
      layout.switch_to(generation);
      unfinished.switched = true;
      layout.remove_other_generations(generation);
    } else {
      // Incremental (or a dry run): page by page, in one transaction.
      std::map<std::string, IndexedFile> indexed;
      nlohmann::json not_pages_before = nlohmann::json::object();
      if (previous && !full) {
        indexed = indexed_files(*previous);
        not_pages_before = nlohmann::json::parse(previous->get_metadata(kNotPagesKey), nullptr,
                                                 /*allow_exceptions=*/false);
        if (!not_pages_before.is_object()) not_pages_before = nlohmann::json::object();
      }
      if (previous) previous->close();
      std::optional<Xapian::WritableDatabase> db;
      if (!options.dry_run) {
        db.emplace(layout.generation_path(*current).string(), Xapian::DB_OPEN);
        // One transaction: Xapian would otherwise commit by itself every 10,000 changes, and
        // readers must see the whole run or none of it.
        db->begin_transaction();
      }

      std::map<std::string, bool> seen;
      std::set<std::string> failed_paths;  // their pages keep their previous versions
      for (PageError& problem : scan.problems) {
        failed_paths.insert(problem.path());
        if (on_failure) on_failure(problem);
        summary.failures.push_back(problem);
      }

      PageReader reader(site, fields, options.limits);
      SpellingCounts spelling;
      DocumentBuilder builder(&synonyms, db ? &spelling : nullptr);
      std::size_t writes = 0;  // documents replaced or deleted: none means nothing to commit
      std::size_t pages_found = 0;
      IndexProgress progress{0, scan.files.size()};
      for (const SourceFile& file : scan.files) {
        seen[file.id] = true;
        auto known = indexed.find(file.id);
        bool was_indexed = known != indexed.end();
        auto not_page = not_pages_before.find(file.id);
        if (was_indexed && known->second.stamp.rfind(size_and_mtime(file), 0) == 0) {
          ++summary.unchanged;
          ++pages_found;
        } else if (!was_indexed && not_page != not_pages_before.end() &&
                   not_page->get<std::string>().rfind(size_and_mtime(file), 0) == 0) {
          not_pages[file.id] = *not_page;
          ++summary.skipped;
        } else {
          try {
            ReadResult read = reader.read(file);
            ++summary.read;
            std::string stamp = file_stamp(file, read.hash);
            if (read.status != ReadStatus::Page) {
              not_pages[file.id] = stamp;
              if (was_indexed) {
                if (db) {
                  spelling.count_page(db->get_document(known->second.docid), -1);
                  db->delete_document(schema::id_term(file.id));
                }
                ++summary.removed;
                ++writes;
              } else {
                ++summary.skipped;
              }
            } else {
              ++pages_found;
              bool same_bytes =
                  was_indexed && hash_part(known->second.stamp) == std::to_string(read.hash);
              // Re-written even when only the mtime moved, so the stamp is current next time.
              if (db) {
                // The version replaced takes its words out of the spelling dictionary.
                if (was_indexed) spelling.count_page(db->get_document(known->second.docid), -1);
                db->replace_document(schema::id_term(file.id), builder.build(read.page, stamp));
              }
              ++writes;
              if (!was_indexed) {
                ++summary.added;
              } else if (same_bytes) {
                ++summary.unchanged;
              } else {
                ++summary.updated;
              }
            }
          } catch (const PageError& e) {
            if (on_failure) on_failure(e);
            summary.failures.push_back(e);
          }
        }
        ++progress.done;
        if (on_progress && (progress.done % 64 == 0 || progress.done == progress.total)) {
          on_progress(progress);
        }
      }

      if (would_empty_index(options, pages_found, summary.failures.size(), indexed_pages)) {
        if (db) db->cancel_transaction();  // nothing this run read is written
        throw no_pages_error(options, indexed_pages);
      }
      for (const auto& [id, file] : indexed) {
        if (seen.count(id) || kept_by_failure(id, failed_paths)) continue;
        if (db) {
          spelling.count_page(db->get_document(file.docid), -1);
          db->delete_document(file.docid);
        }
        ++summary.removed;
        ++writes;
      }
      summary.failed = summary.failures.size();

      if (db) {
        spelling.write_to(*db);
        write_metadata(*db);
        if (writes == 0 && not_pages == not_pages_before) {
          // Nothing changed: leave the revision as it is, so readers have nothing to reopen.
          db->cancel_transaction();
        } else {
          db->commit_transaction();
        }
        summary.total_documents = db->get_doccount();
        db->close();
      } else {
        summary.total_documents =
            indexed.size() + summary.added - summary.removed;  // what a real run would leave
      }
    }
  } catch (const Xapian::DatabaseLockError& e) {
    // hotsearch's own writers are kept out by WriterLock: this is Xapian's lock, which a
    // folder the run may not write to refuses too.
    throw IndexUnavailable("index " + options.db_path.string() +
                           " cannot be locked for writing: " + e.get_msg());
  } catch (const Xapian::Error& e) {
    rethrow_as_unavailable(e, options.db_path);
  } catch (const fs::filesystem_error& e) {
    throw IndexUnavailable(std::string("index ") + options.db_path.string() + ": " + e.what());
  }
  summary.seconds = elapsed();
  return summary;
}

std::string summary_line(const IndexSummary& s) {
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f", s.seconds);
  std::string line = std::string(s.dry_run ? "dry run: " : "") + (s.full ? "full" : "incremental") +
                     " index of " + std::to_string(s.total_documents) +
                     " pages: " + std::to_string(s.added) + " added, " + std::to_string(s.updated) +
                     " updated, " + std::to_string(s.unchanged) + " unchanged, " +
                     std::to_string(s.removed) + " removed, " + std::to_string(s.failed) +
                     " failed (" + std::to_string(s.read) + " files read, " +
                     std::to_string(s.skipped) + " not pages) in " + seconds + " s";
  return line;
}

std::string summary_json(const IndexSummary& s) {
  nlohmann::json failures = nlohmann::json::array();
  for (const PageError& e : s.failures) {
    failures.push_back(
        {{"path", e.path()}, {"line", e.line()}, {"column", e.column()}, {"message", e.message()}});
  }
  nlohmann::json notes = nlohmann::json::array();
  for (const PageError& e : s.notes) {
    notes.push_back({{"path", e.path()}, {"message", e.message()}});
  }
  nlohmann::json j = {{"mode", s.full ? "full" : "incremental"},
                      {"dry_run", s.dry_run},
                      {"added", s.added},
                      {"updated", s.updated},
                      {"unchanged", s.unchanged},
                      {"removed", s.removed},
                      {"failed", s.failed},
                      {"read", s.read},
                      {"not_pages", s.skipped},
                      {"documents", s.total_documents},
                      {"seconds", s.seconds},
                      {"merge_seconds", s.merge_seconds},
                      {"failures", failures},
                      {"notes", notes}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace hotsearch
