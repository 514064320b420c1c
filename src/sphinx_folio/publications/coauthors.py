"""Co-authors' homepages (``folio_coauthors``): every appearance of a co-author links there.

The option is a dict of name -> URL in conf.py, or the path of a YAML file holding that
dict (``coauthors.yaml``; ``sphinx-folio import`` writes one from al-folio's
``_data/coauthors.yml``). Names match like the owner's (:mod:`.names`): "Babbage, C." and
"Charles Babbage" are one person, accents and contribution marks aside.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import yaml
from pybtex.database import Person

from ..paths import site_file
from ..urls import refused, safe_url
from ..warnings_ import FolioWarning, warn
from .names import NameKey, name_key, same_person


class CoauthorLinks:
    """A person -> (their name as ``folio_coauthors`` writes it, their homepage), or None."""

    def __init__(self, links: Mapping[str, str]) -> None:
        self.keys: list[tuple[NameKey, str, str]] = [
            (name_key(Person(name)), name, url) for name, url in links.items() if name.strip()
        ]

    def __call__(self, person: Person) -> tuple[str, str] | None:
        key = name_key(person)
        for mine, name, url in self.keys:
            if same_person(mine, key):
                return name, url
        return None


def load_links(confdir: str | Path, value: dict[str, str] | str) -> dict[str, str]:
    """The name -> URL map of ``folio_coauthors``; a bad file or entry is warned and skipped."""
    if isinstance(value, dict):
        return value
    if not value:
        return {}
    published, why = site_file(confdir, value)
    if published is None:
        warn(FolioWarning.COAUTHORS, f"folio_coauthors: the file {value!r} {why}; no links")
        return {}
    path = Path(confdir, published)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        line = getattr(getattr(error, "problem_mark", None), "line", None)
        where = f"{path}:{line + 1}" if line is not None else str(path)
        warn(FolioWarning.COAUTHORS, f"cannot read the co-authors file ({error}); no links", where)
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        warn(
            FolioWarning.COAUTHORS,
            "the co-authors file must map names to URLs; no links",
            str(path),
        )
        return {}
    links: dict[str, str] = {}
    for name, url in data.items():
        if not isinstance(name, str) or not isinstance(url, str):
            warn(
                FolioWarning.COAUTHORS,
                f"{name!r}: expected 'Name: https://...'; skipped",
                str(path),
            )
        elif safe_url(url, relative=False) is None:
            warn(FolioWarning.COAUTHORS, f"{name!r}: {refused(url, relative=False)}", str(path))
        else:
            links[name] = url
    return links
