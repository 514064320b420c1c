"""Which saved files the preview ignores, and which need a restart rather than a rebuild."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from watchfiles import Change as FileEvent
from watchfiles import DefaultFilter

#: Folders that never hold the site's sources (besides the build folder itself).
IGNORED_DIRS = frozenset(
    {"_build", ".venv", "venv", ".nox", ".tox", "node_modules", "_corpus", ".benchmarks"}
)
#: Files whose change a running Python process cannot take in: the worker is started anew.
CODE_SUFFIXES = frozenset({".py"})
#: Templates: Sphinx notices only its own (templates_path, the theme), not ours.
TEMPLATE_SUFFIXES = frozenset({".html", ".j2", ".jinja", ".jinja2"})


class Change(Enum):
    REBUILD = "rebuild"
    RESTART = "restart"


@dataclass
class Watch:
    """What to watch, and what of it to leave alone."""

    source: Path
    out: Path
    extra: list[Path] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)  #: glob patterns of paths

    def __post_init__(self) -> None:
        self._default = DefaultFilter()
        self._out = self.out.resolve()
        self._conf = (self.source / "conf.py").resolve()

    @property
    def dirs(self) -> list[Path]:
        return [self.source.resolve(), *(path.resolve() for path in self.extra)]

    def wanted(self, path: str) -> bool:
        """Whether a change to ``path`` may change the site (watchfiles' filter)."""
        if not self._default(FileEvent.modified, path):  # the kind does not matter to it
            return False
        resolved = Path(path).resolve()
        if resolved == self._out or self._out in resolved.parents:
            return False
        if IGNORED_DIRS.intersection(resolved.parts):
            return False
        return not any(fnmatch.fnmatch(str(resolved), pattern) for pattern in self.ignore)

    def kind(self, path: Path) -> Change:
        """conf.py is read by each build (Sphinx sees what changed); other code is not."""
        resolved = path.resolve()
        if resolved == self._conf:
            return Change.REBUILD
        if path.suffix in CODE_SUFFIXES or path.suffix in TEMPLATE_SUFFIXES:
            return Change.RESTART
        return Change.REBUILD
