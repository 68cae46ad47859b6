"""The engines compared by scripts/bench-relevance. Each takes the judged queries and returns
{query: [page id, ...]} (best first, at most 10).

hotsearch  hotsearch-index over the corpus itself (it decides what is searchable), then
           `hotsearch --db DB --json --limit 10 QUERY`.
fts5       SQLite FTS5 through Python's sqlite3, the way a site would add search in an
           afternoon: columns title and body (every other front-matter text value + the body
           stripped of HTML, Liquid and Markdown syntax), tokenizer
           `porter unicode61 remove_diacritics 2`, ranked by bm25(t, 10.0, 1.0) (title weighted
           10). The query's words are ANDed (FTS5's implicit operator), and ORed when AND finds
           nothing: what sites built on FTS5 usually do.
omega      Xapian Omega's omindex over a copy of the searchable pages (.md/.markdown as
           text/plain, .html as text/html: omindex knows no Markdown), queried by `quest`, a
           plain Xapian QueryParser with its defaults (English stemming, default operator OR,
           BM25); page ids come back from the url= field omindex stores.
"""
import json
import os
import re
import shutil
import sqlite3
import subprocess
import urllib.parse

import corpus

LIMIT = 10


class EngineError(Exception):
    pass


def run(cmd, ok=(0,), what=None):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as e:
        raise EngineError(f"{what or cmd[0]}: cannot run {cmd[0]}: {e}")
    if out.returncode not in ok:
        raise EngineError(f"{what or cmd[0]} exited {out.returncode}: {out.stderr.strip()[:2000]}")
    return out


def hotsearch(build, content, queries, work, synonyms=None):
    indexer = os.path.join(build, "indexer", "hotsearch-index")
    searcher = os.path.join(build, "query", "hotsearch")
    for program in (indexer, searcher):
        if not os.access(program, os.X_OK):
            raise EngineError(f"hotsearch: {program} not found (build it, or pass --build DIR)")
    db = os.path.join(work, "hotsearch-db")
    cmd = [indexer, "--content", content, "--db", db, "--quiet"]
    if synonyms:
        cmd += ["--synonyms", synonyms]
    # Exit 1 = finished with some pages that failed to parse (the corpus has one such page).
    run(cmd, ok=(0, 1), what="hotsearch-index")
    ranked = {}
    for q in queries:
        out = run([searcher, "--db", db, "--json", "--limit", str(LIMIT), q], ok=(0, 1),
                  what=f"hotsearch {q!r}")
        try:
            ranked[q] = [hit["id"] for hit in json.loads(out.stdout)["results"]][:LIMIT]
        except (ValueError, KeyError, TypeError) as e:
            raise EngineError(f"hotsearch {q!r}: unexpected output ({e}): {out.stdout[:500]}")
    return ranked


def fts5_match(words, op):
    return op.join('"' + w.replace('"', '""') + '"' for w in words)


def fts5(content, pages, queries):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, title, body, "
               "tokenize='porter unicode61 remove_diacritics 2')")
    for page in pages:
        title, body = corpus.page_text(os.path.join(content, page))
        db.execute("INSERT INTO t VALUES (?, ?, ?)", (page, title, body))
    ranked = {}
    for q in queries:
        words = re.findall(r"\w+", q)
        results = []
        for op in (" ", " OR "):
            if not words:
                break
            results = [row[0] for row in db.execute(
                "SELECT id FROM t WHERE t MATCH ? ORDER BY bm25(t, 10.0, 1.0) LIMIT ?",
                (fts5_match(words, op), LIMIT))]
            if results:
                break
        ranked[q] = results
    return ranked


def omega(content, pages, queries, work):
    tree = os.path.join(work, "omega-pages")
    for page in pages:
        target = os.path.join(tree, page)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(os.path.join(content, page), target)
    db = os.path.join(work, "omega-db")
    run(["omindex", "--db", db, "--url", "/", "--mime-type=md:text/plain",
         "--mime-type=markdown:text/plain", "--mime-type=html:text/html", tree], what="omindex")
    ranked = {}
    for q in queries:
        out = run(["quest", "-d", db, "-m", str(LIMIT), q], what=f"quest {q!r}")
        ranked[q] = [urllib.parse.unquote(line[len("url=/"):])
                     for line in out.stdout.splitlines() if line.startswith("url=/")][:LIMIT]
    return ranked
