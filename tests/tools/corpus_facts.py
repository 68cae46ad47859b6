#!/usr/bin/env python3
"""Reads a content tree with PyYAML, independently of hotsearch's C++ reader, and prints what
the index should hold: the searchable page ids and, per facet, the pages of each value.

The tests compare hotsearch's answers with this second reading, so neither side's bugs can
hide behind the other's. Facet keys come from indexer/field_map.yml (data, shared on purpose).

Usage: corpus_facts.py CONTENT_DIR [FIELD_MAP_YML]  -> JSON on stdout
"""
import json
import os
import re
import sys
import unicodedata

import yaml

# Which files are pages and what their front matter says is read once, by the relevance
# bench's corpus module (also PyYAML, also independent of the C++ reader). Run from the test
# suite: leave no __pycache__ in the tree.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts",
                                "relevance"))
import corpus  # noqa: E402
from corpus import EXTENSIONS, SKIP_DIRS  # noqa: E402,F401  (scripts/gen-corpus uses them)


def fold(text):
    # Typographic apostrophes are the apostrophe (`Côte d’Ivoire` is `Côte d'Ivoire`).
    text = str(text).replace("\u2018", "'").replace("\u2019", "'")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def norm_key(key):
    return " ".join(re.sub(r"[-_]", " ", str(key)).lower().split())


def front_matter(path):
    """The front matter dict of a page, or None when the file is not a page (scripts/bench)."""
    page = corpus.split_page(path)
    return page[0] if page is not None else None


def scalars(value):
    if value is None:
        return []
    if isinstance(value, list):
        out = []
        for v in value:
            out.extend(scalars(v))
        return out
    if isinstance(value, dict):
        return []
    return [str(value)]


def walk(value, facet_keys, found):
    """Every facet value at any depth: a facet key's scalars, and nested maps under it."""
    if isinstance(value, dict):
        for key, sub in value.items():
            facet = facet_keys.get(norm_key(key))
            if facet:
                for s in scalars(sub):
                    if fold(s):
                        found.setdefault(facet, set()).add(fold(s))
            walk(sub, facet_keys, found)
    elif isinstance(value, list):
        for sub in value:
            walk(sub, facet_keys, found)


def main():
    root = sys.argv[1]
    field_map = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        os.path.dirname(__file__), "..", "..", "indexer", "field_map.yml")
    with open(field_map, encoding="utf-8") as f:
        field_map_data = yaml.safe_load(f)
    facets = field_map_data["facets"]
    # A collection whose pages are each about one facet value, named by the page's title.
    titles_as_facets = field_map_data.get("titles_as_facets") or {}
    facet_keys = {}
    for facet, keys in facets.items():
        for key in keys:
            facet_keys[norm_key(key)] = facet
            facet_keys[norm_key(key) + "s"] = facet
    pages = []
    by_facet = {name: {} for name in facets}
    for page_id, data, _ in corpus.pages(root):
        pages.append(page_id)
        found = {}
        walk(data, facet_keys, found)
        top = page_id.split("/")[0]
        collection = top[1:] if "/" in page_id and top.startswith("_") else "pages"
        title = data.get("title") if isinstance(data, dict) else None
        if collection in titles_as_facets and isinstance(title, str) and title.strip():
            found.setdefault(titles_as_facets[collection], set()).add(fold(title))
        for facet, values in found.items():
            for v in values:
                by_facet[facet].setdefault(v, []).append(page_id)
    json.dump({"pages": sorted(pages), "facets": by_facet}, sys.stdout, ensure_ascii=False,
              indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
