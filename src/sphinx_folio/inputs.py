"""Signatures of the inputs that are not documents: options, templates, the theme.

Pages the package generates (paper pages) are written again only when their signature
changes, so every input that shows on them must reach it. Paths into the package itself
(``templates_path`` and ``html_static_path`` hold them, absolute) are written as the
package's name: a virtual environment restored elsewhere (a CI cache) changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

PACKAGE_DIR = str(Path(__file__).parent)


def _plain(value: Any) -> Any:
    """``value`` as JSON data; anything else by its type's name (never by its address)."""
    if isinstance(value, str):
        return value.replace(PACKAGE_DIR, "<sphinx_folio>")
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(json.dumps(_plain(v), sort_keys=True) for v in value)
    if isinstance(value, Path):
        return _plain(str(value))
    return f"<{type(value).__module__}.{type(value).__qualname__}>"


def options_signature(config: Config) -> str:
    """Every option's value (conf.py's, -D's and the defaults)."""
    values = {item.name: _plain(item.value) for item in config}
    return _digest(json.dumps(values, sort_keys=True))


def templates_signature(app: Sphinx) -> str:
    """The content of every file in the folders of ``templates_path``."""
    parts = []
    for folder in app.config.templates_path:
        base = Path(app.confdir, folder)
        for path in sorted(base.rglob("*")) if base.is_dir() else ():
            if path.is_file():
                parts.append(f"{path.relative_to(base).as_posix()}\0{_digest(path.read_bytes())}")
    return _digest("\n".join(parts))


def theme_signature(theme: str) -> str:
    """The theme's name and the version of the distribution that provides it."""
    for name in (theme.replace("_", "-"), theme):
        try:
            return f"{theme} {metadata.version(name)}"
        except metadata.PackageNotFoundError:
            continue
    return theme


def _digest(data: str | bytes) -> str:
    raw = data.encode() if isinstance(data, str) else data
    return hashlib.sha1(raw, usedforsecurity=False).hexdigest()
