// The phrase boost as a posting source over the phrase's pages, found beforehand.
#include "query/phrase_boost.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace hotsearch {

namespace {

/// Pages with fixed weights, in docid order: what Xapian reads like a term's posting list.
class WeightedPages : public Xapian::PostingSource {
 public:
  explicit WeightedPages(std::vector<std::pair<Xapian::docid, double>> pages)
      : pages_(std::move(pages)) {
    std::sort(pages_.begin(), pages_.end());
    for (const auto& page : pages_) max_weight_ = std::max(max_weight_, page.second);
  }

  Xapian::doccount get_termfreq_min() const override { return size(); }
  Xapian::doccount get_termfreq_est() const override { return size(); }
  Xapian::doccount get_termfreq_max() const override { return size(); }

  void init(const Xapian::Database&) override {
    at_ = 0;
    started_ = false;
    set_maxweight(max_weight_);
  }
  void next(double) override {
    if (started_) ++at_;
    started_ = true;
  }
  void skip_to(Xapian::docid did, double) override {
    started_ = true;
    auto from = pages_.begin() + static_cast<std::ptrdiff_t>(at_);
    at_ = static_cast<std::size_t>(std::lower_bound(from, pages_.end(), std::make_pair(did, 0.0)) -
                                   pages_.begin());
  }
  bool at_end() const override { return started_ && at_ >= pages_.size(); }
  Xapian::docid get_docid() const override { return pages_[at_].first; }
  double get_weight() const override { return pages_[at_].second; }
  Xapian::PostingSource* clone() const override { return new WeightedPages(pages_); }
  std::string get_description() const override {
    return "WeightedPages(" + std::to_string(pages_.size()) + " pages)";
  }

 private:
  Xapian::doccount size() const { return static_cast<Xapian::doccount>(pages_.size()); }

  std::vector<std::pair<Xapian::docid, double>> pages_;
  double max_weight_ = 0;
  std::size_t at_ = 0;
  bool started_ = false;
};

}  // namespace

Xapian::Query phrase_boost(const Xapian::Database& db, const Xapian::Query& phrase,
                           const Xapian::Query& within, const Xapian::Weight& weighting,
                           double scale, Xapian::doccount max_pages,
                           Xapian::doccount max_word_pages) {
  Xapian::doccount rarest = db.get_doccount();
  for (auto term = phrase.get_unique_terms_begin(); term != phrase.get_unique_terms_end(); ++term) {
    rarest = std::min(rarest, db.get_termfreq(*term));
  }
  if (rarest == 0 || rarest > max_word_pages) return Xapian::Query();
  Xapian::Enquire enquire(db);
  enquire.set_query(within.empty() ? phrase
                                   : Xapian::Query(Xapian::Query::OP_FILTER, phrase, within));
  enquire.set_weighting_scheme(weighting);
  Xapian::MSet mset = enquire.get_mset(0, max_pages);
  if (mset.empty()) return Xapian::Query();
  std::vector<std::pair<Xapian::docid, double>> pages;
  pages.reserve(mset.size());
  for (auto item = mset.begin(); item != mset.end(); ++item) {
    pages.emplace_back(*item, scale * item.get_weight());
  }
  // release(): the query owns the source and deletes it.
  return Xapian::Query((new WeightedPages(std::move(pages)))->release());
}

}  // namespace hotsearch
