"""The judged queries of tests/relevance/judgments.yml and the two metrics computed on them.

nDCG@10: DCG of the first 10 results, sum over ranks r = 1..10 of (2^grade - 1) / log2(r + 1),
divided by the DCG of the ideal ordering of all judged pages of the query (the best 10 grades
in decreasing order). Unjudged pages have grade 0. Between 0 and 1; 1 = ideal top 10.

MRR: reciprocal rank of the first result graded 2 or 3 (highly relevant or the page itself)
within the first 10 results, 0 when there is none; averaged over queries. Grade 1 pages do not
count: a searcher who finds only a passing mention has not found what they looked for.
"""
import math

import yaml

MAX_RANK = 10
MRR_MIN_GRADE = 2


class JudgmentError(Exception):
    pass


def load(path, searchable=None):
    """[(query, {page: grade})] in file order; checks every entry, and (given the searchable
    pages) that every judged page is one of them."""
    try:
        with open(path, encoding="utf-8") as f:
            entries = yaml.safe_load(f)
    except yaml.YAMLError as e:
        raise JudgmentError(f"{path}: {e}")
    if not isinstance(entries, list):
        raise JudgmentError(f"{path}: expected a list of queries")
    grades_of, order = {}, []
    for i, entry in enumerate(entries, 1):
        where = f"{path}: entry {i}"
        if not isinstance(entry, dict) or not isinstance(entry.get("query"), str):
            raise JudgmentError(f"{where}: needs a `query` string")
        query = entry["query"]
        if query in grades_of:
            raise JudgmentError(f"{where}: query {query!r} judged twice")
        if ("grades" in entry) == ("same_as" in entry):
            raise JudgmentError(f"{where} ({query!r}): needs exactly one of `grades` or `same_as`")
        if "same_as" in entry:
            target = entry["same_as"]
            if target not in grades_of:
                raise JudgmentError(f"{where} ({query!r}): same_as {target!r} must name an earlier query")
            grades = dict(grades_of[target])
        else:
            grades = entry["grades"]
            if not isinstance(grades, dict) or not grades:
                raise JudgmentError(f"{where} ({query!r}): `grades` must map page ids to grades")
            for page, grade in grades.items():
                if grade not in (1, 2, 3):
                    raise JudgmentError(f"{where} ({query!r}): grade of {page} must be 1, 2 or 3")
                if searchable is not None and page not in searchable:
                    raise JudgmentError(f"{where} ({query!r}): {page} is not a searchable page")
            if max(grades.values()) < 2:
                raise JudgmentError(f"{where} ({query!r}): no page graded 2 or 3, MRR would be 0")
        grades_of[query] = grades
        order.append(query)
    return [(q, grades_of[q]) for q in order]


def dcg(gains):
    return sum((2 ** g - 1) / math.log2(rank + 1) for rank, g in enumerate(gains, 1))


def ndcg_at_10(ranked, grades):
    ideal = dcg(sorted(grades.values(), reverse=True)[:MAX_RANK])
    return dcg([grades.get(page, 0) for page in ranked[:MAX_RANK]]) / ideal if ideal else 0.0


def reciprocal_rank(ranked, grades):
    for rank, page in enumerate(ranked[:MAX_RANK], 1):
        if grades.get(page, 0) >= MRR_MIN_GRADE:
            return 1.0 / rank
    return 0.0
