#pragma once
// Every HTML5 named character reference (`&eacute;`, `&rsquo;`, `&NotEqualTilde;`), for the
// HTML reader. The table is generated (scripts/gen-html-entities -> html_entities.cpp).

#include <cstddef>
#include <string_view>

namespace hotsearch {

/// The UTF-8 text of a named entity given without its `&` and `;` (`eacute` -> `é`); empty
/// when HTML5 has no entity of that name. Names are case-sensitive (`Uuml` is `Ü`).
std::string_view named_entity(std::string_view name);

/// The length of the longest entity name: an `&` further than this from a `;` starts none.
std::size_t longest_entity_name();

/// How many entities the table holds.
std::size_t named_entity_count();

}  // namespace hotsearch
