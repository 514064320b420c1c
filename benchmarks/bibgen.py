"""Synthetic bibliographies for the publications benchmark.

Every entry is one of the owner's papers (the worst case for sphinx-folio, which then
writes a page per entry), with the fields a real al-folio ``papers.bib`` carries: LaTeX
accents and math, an abstract, links, a venue badge, some in-progress entries.
"""

from __future__ import annotations

import random

OWNER = "Ada Lovelace"
_FIRST = ["Mary", "Charles", "Grace", "Alan", "Émilie", "Sofia", "Kurt", "Emmy", "John", "Hedy"]
_LAST = [
    r"Somerville",
    r"Babbage",
    r"Hopper",
    r"Turing",
    r"du Ch{\^a}telet",
    r"Kovalevskaya",
    r"G{\"o}del",
    r"Noether",
    r"von Neumann",
    r"Lamarr",
]
_WORDS = [
    "sparse",
    "causal",
    "engines",
    "of",
    "attention",
    "circuits",
    "for",
    "interpretable",
    "models",
    "in",
    "time",
    "series",
    "with",
    "probabilistic",
    "analysis",
    "and",
    "learned",
    "features",
    "across",
    "layers",
]
_VENUES = [
    ("inproceedings", "booktitle", "Proceedings of the Conference on Poetical Science ({CPS})"),
    ("article", "journal", "Journal of Analytical Engines"),
    ("misc", "howpublished", "{arXiv} preprint"),
]


def entry(i: int, rng: random.Random, edited: bool = False) -> str:
    kind, field, venue = _VENUES[i % len(_VENUES)]
    coauthors = [f"{rng.choice(_LAST)}, {rng.choice(_FIRST)}" for _ in range(rng.randint(1, 4))]
    authors = coauthors[:]
    authors.insert(rng.randint(0, len(authors)), "Lovelace, Ada")
    words = rng.sample(_WORDS, 7)
    title = " ".join(words).capitalize() + (r" with $O(n^2)$ {LaTeX} \& Accents" if i % 5 else "")
    if edited:
        title += " (revised)"
    year = 2026 - (i % 30)
    lines = [
        f"@{kind}{{paper{i},",
        f"  author = {{{' and '.join(authors)}}},",
        f"  title = {{{title}}},",
        f"  {field} = {{{venue}}},",
        f"  year = {{{year}}},",
        f"  month = {{{1 + i % 12}}},",
        f"  abstract = {{{' '.join(rng.choice(_WORDS) for _ in range(60))}.}},",
        f"  doi = {{10.5555/paper.{i}}},",
        f"  eprint = {{{2000 + i % 500:04d}.{i:05d}}},",
        "  archivePrefix = {arXiv},",
        f"  code = {{https://example.org/code/{i}}},",
        f"  abbr = {{{'CPS' if kind == 'inproceedings' else 'JAE'}}},",
    ]
    if i % 10 == 0:
        lines.append("  selected = {true},")
    if i % 50 == 1:
        lines.append("  pubstate = {submitted},")
    lines.append("}")
    return "\n".join(lines)


def bib(n: int, edited: int | None = None) -> str:
    """``n`` entries; entry number ``edited`` (if given) has a changed title."""
    rng = random.Random(n)
    return "\n\n".join(entry(i, rng, edited=(i == edited)) for i in range(n)) + "\n"
