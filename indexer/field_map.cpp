// The field map: front-matter key -> role (and facet), loaded from YAML.
#include "indexer/field_map.h"

#include <yaml-cpp/yaml.h>

#include <cctype>
#include <fstream>
#include <map>
#include <sstream>

#include "indexer/content_hash.h"
#include "indexer/error.h"

namespace hotsearch {

extern const std::string_view kDefaultFieldMapYaml;

namespace {

/// `Impact_Area`, `impact-area`, ` Impact  Area ` -> `impact area`.
std::string normalize_key(std::string_view key) {
  std::string out;
  bool space = false;
  for (char c : key) {
    if (c == '-' || c == '_' || std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace

struct FieldMap::Impl {
  std::map<std::string, FieldRole> roles;  // normalized key -> role
  std::map<std::string, const schema::Facet*> facets;
  std::map<std::string, const schema::Facet*> title_facets;  // collection -> facet
  std::string fingerprint;

  /// Exact key, then the singular of a plural (`Projects`, `Countries`).
  template <typename Map>
  static auto lookup(const Map& map, const std::string& key) -> decltype(map.find(key)) {
    auto it = map.find(key);
    if (it != map.end()) return it;
    if (key.size() > 3 && key.compare(key.size() - 3, 3, "ies") == 0) {
      it = map.find(key.substr(0, key.size() - 3) + "y");
      if (it != map.end()) return it;
    }
    if (key.size() > 1 && key.back() == 's') return map.find(key.substr(0, key.size() - 1));
    return map.end();
  }
};

FieldMap FieldMap::defaults() {
  static const FieldMap parsed = parse(kDefaultFieldMapYaml, "indexer/field_map.yml");
  return parsed;
}

FieldMap FieldMap::load(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError("cannot read field map " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), file.string());
}

FieldMap FieldMap::parse(std::string_view yaml_text, const std::string& origin) {
  auto impl = std::make_shared<Impl>();
  auto fail = [&](const YAML::Mark& mark, const std::string& message) -> ConfigError {
    return ConfigError(origin + ":" + std::to_string(mark.line + 1) + ":" +
                       std::to_string(mark.column + 1) + ": " + message);
  };
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    throw fail(e.mark, e.msg);
  }
  if (!root.IsMap()) throw ConfigError(origin + ": a field map is a mapping with `facets:`");
  for (const auto& entry : root) {
    std::string section = entry.first.Scalar();
    if (section != "facets" && section != "headers" && section != "ignored" &&
        section != "titles_as_facets") {
      throw fail(entry.first.Mark(), "unknown section \"" + section +
                                         "\" (expected facets, headers, ignored or "
                                         "titles_as_facets)");
    }
  }
  // A key given two roles is a mistake in the file, not something to settle silently.
  auto assign = [&](const YAML::Node& item, const std::string& key, FieldRole role) {
    auto [it, added] = impl->roles.emplace(key, role);
    if (!added) {
      throw fail(item.Mark(), "key \"" + item.Scalar() + "\" is listed twice");
    }
  };
  auto each_key = [&](const YAML::Node& node, const std::string& what, auto&& action) {
    if (!node) return;
    if (!node.IsSequence()) throw fail(node.Mark(), what + " must be a list of keys");
    for (const auto& item : node) {
      if (!item.IsScalar()) throw fail(item.Mark(), what + " entries must be key names");
      action(item, normalize_key(item.Scalar()));
    }
  };
  each_key(root["ignored"], "ignored", [&](const YAML::Node& item, const std::string& key) {
    assign(item, key, FieldRole::Ignored);
  });
  each_key(root["headers"], "headers", [&](const YAML::Node& item, const std::string& key) {
    assign(item, key, FieldRole::Header);
  });
  const YAML::Node facets = root["facets"];
  if (facets) {
    if (!facets.IsMap()) throw fail(facets.Mark(), "facets must map facet names to keys");
    for (const auto& entry : facets) {
      std::string name = entry.first.Scalar();
      const schema::Facet* facet = schema::find_facet(name);
      if (!facet || facet->source != schema::FacetSource::FrontMatter) {
        throw fail(entry.first.Mark(), "unknown facet \"" + name + "\"");
      }
      each_key(entry.second, "facet " + name, [&](const YAML::Node& item, const std::string& key) {
        assign(item, key, FieldRole::Facet);
        impl->facets[key] = facet;
      });
    }
  }
  const YAML::Node titles = root["titles_as_facets"];
  if (titles) {
    if (!titles.IsMap()) {
      throw fail(titles.Mark(), "titles_as_facets must map collection names to facet names");
    }
    for (const auto& entry : titles) {
      std::string name = entry.second.IsScalar() ? entry.second.Scalar() : std::string();
      const schema::Facet* facet = schema::find_facet(name);
      if (!facet || facet->source != schema::FacetSource::FrontMatter) {
        throw fail(entry.second.Mark(), "unknown facet \"" + name + "\"");
      }
      impl->title_facets[entry.first.Scalar()] = facet;
    }
  }
  std::string fingerprint;
  for (const auto& [collection, facet] : impl->title_facets) {
    fingerprint += "title:" + collection + "=" + std::string(facet->name) + ";";
  }
  for (const auto& [key, role] : impl->roles) {
    fingerprint += key + "=" + std::to_string(static_cast<int>(role));
    if (auto it = impl->facets.find(key); it != impl->facets.end()) {
      fingerprint += ":" + std::string(it->second->name);
    }
    fingerprint += ";";
  }
  impl->fingerprint = fnv1a_64_hex(fingerprint);
  FieldMap map;
  map.impl_ = std::move(impl);
  return map;
}

FieldRole FieldMap::role(std::string_view key) const {
  auto it = Impl::lookup(impl_->roles, normalize_key(key));
  return it == impl_->roles.end() ? FieldRole::Text : it->second;
}

const schema::Facet* FieldMap::facet(std::string_view key) const {
  auto it = Impl::lookup(impl_->facets, normalize_key(key));
  return it == impl_->facets.end() ? nullptr : it->second;
}

const schema::Facet* FieldMap::title_facet(std::string_view collection) const {
  auto it = impl_->title_facets.find(std::string(collection));
  return it == impl_->title_facets.end() ? nullptr : it->second;
}

std::string FieldMap::fingerprint() const { return impl_->fingerprint; }

}  // namespace hotsearch
