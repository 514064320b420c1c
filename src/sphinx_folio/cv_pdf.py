"""The CV as a typeset PDF, ``cv.pdf``, made at build time with Typst.

The optional extra ``sphinx-folio[pdf]`` installs the ``typst`` wheel, which holds Typst's
compiler and its fonts (Libertinus Serif, New Computer Modern), so pip alone installs
everything and the build makes no network request. Without it the build says, once, how
to get the PDF, and the CV page shows no link to one.

The PDF is made from the same data as the page: the checked JSON Resume data
(:mod:`.resume`) and the owner's papers from refs.bib (:mod:`.publications`). Both are
turned into one JSON document that the template (``data/cv/cv.typ``) reads from
``sys.inputs``: no value is ever read as Typst markup, so the data cannot break or steer
the template. That JSON, the template and the options are hashed; a build whose hash is
the one of the last PDF written does no typesetting.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from . import manifest
from .config import FolioConfig, get_config
from .cv_markdown import inline, part
from .cv_papers import papers
from .resume import SECTIONS, Resume, format_date, load_resume
from .warnings_ import FolioWarning, warn

logger = logging.getLogger(__name__)

PDF_NAME = "cv.pdf"
TEMPLATE = Path(__file__).parent / "data" / "cv" / "cv.typ"
#: The build's record of what the PDF in the output folder was made from.
STAMP = "cv-pdf.sha256"
INSTALL = "pip install 'sphinx-folio[pdf]'"

#: Fonts, sizes and colours of each theme (config.CV_PDF_THEMES); the template draws them.
THEMES: dict[str, dict[str, Any]] = {
    "classic": {
        "font": "Libertinus Serif",
        "size": 10.2,
        "ink": "#1a1a1a",
        "accent": "#1f3a68",
        "headings": "rule",
        "center": True,
    },
    "modern": {
        "font": "New Computer Modern",
        "size": 10,
        "ink": "#222222",
        "accent": "#0b6e69",
        "headings": "bar",
        "center": False,
    },
}


def available() -> bool:
    """The extra is installed (the ``typst`` module can be imported)."""
    return find_spec("typst") is not None


def pdf_planned(app_or_env: Sphinx | BuildEnvironment) -> bool:
    """This build writes cv.pdf, so the CV page may link it."""
    cfg = get_config(app_or_env)
    return bool(cfg.cv) and cfg.cv_pdf and available()


# --- the document's data ------------------------------------------------------------------


def date_range(start: str | None, end: str | None, *, ongoing: bool) -> str:
    """As the page writes them: "May 2024 \u2013 Present", "2023", "" (see cv._dates)."""
    if start and end and start == end:
        return format_date(start)
    if start and (end or ongoing):
        return f"{format_date(start)} \u2013 {format_date(end) if end else 'Present'}"
    return format_date(start or end or "") if (start or end) else ""


def _part(text: str, *, strong: bool = False, url: str = "") -> dict[str, Any]:
    return part(text, strong=strong, url=url or "")


def _heading(first: str, second: str, url: str = "") -> list[dict[str, Any]]:
    """ "Position, Employer": the first part strong, the second linked when it has a URL."""
    parts = [_part(first, strong=True)] if first else []
    if first and second:
        parts.append(_part(", "))
    if second:
        parts.append(_part(second, url=url))
    return parts


def _entry(
    title: list[dict[str, Any]],
    dates: str,
    meta: Iterable[str] = (),
    summary: str = "",
    highlights: Iterable[str] = (),
) -> dict[str, Any]:
    return {
        "title": title,
        "dates": dates,
        "meta": [m for m in meta if m],
        "summary": inline(summary or ""),
        "highlights": [inline(h) for h in highlights],
    }


def _section_entries(key: str, entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One section's entries, with what the page shows of each (cv.CVDirective)."""
    out = []
    for e in entries:
        if key == "work":
            out.append(
                _entry(
                    _heading(e["position"], e.get("name", ""), e.get("url", "")),
                    date_range(e.get("startDate"), e.get("endDate"), ongoing=True),
                    (e.get("location", ""), e.get("description", "")),
                    e.get("summary", ""),
                    e.get("highlights", []),
                )
            )
        elif key == "volunteer":
            out.append(
                _entry(
                    _heading(e.get("position", ""), e["organization"], e.get("url", "")),
                    date_range(e.get("startDate"), e.get("endDate"), ongoing=False),
                    (),
                    e.get("summary", ""),
                    e.get("highlights", []),
                )
            )
        elif key == "education":
            degree = ", ".join(e[k] for k in ("studyType", "area") if e.get(k))
            meta = [f"Score: {e['score']}" if e.get("score") else ""]
            if e.get("courses"):
                meta.append("Courses: " + ", ".join(e["courses"]))
            out.append(
                _entry(
                    _heading(degree, e["institution"], e.get("url", "")),
                    date_range(e.get("startDate"), e.get("endDate"), ongoing=True),
                    meta,
                    e.get("summary", ""),
                    e.get("highlights", []),
                )
            )
        elif key == "skills":
            name = e["name"] + (f" ({e['level']})" if e.get("level") else "")
            out.append({"name": name, "keywords": ", ".join(e.get("keywords", []))})
        elif key == "awards":
            out.append(
                _entry(
                    _heading(e["title"], e.get("awarder", "")),
                    date_range(e.get("date"), None, ongoing=False),
                    (),
                    e.get("summary", ""),
                )
            )
    return out


def _contact(basics: dict[str, Any]) -> list[dict[str, Any]]:
    location = basics.get("location") or {}
    place = ", ".join(
        str(location[k]) for k in ("city", "region", "countryCode") if location.get(k)
    )
    out = [_part(place)] if place else []
    if basics.get("email"):
        out.append(_part(basics["email"], url=f"mailto:{basics['email']}"))
    if basics.get("url"):
        short = basics["url"].split("://", 1)[-1].removeprefix("www.").rstrip("/")
        out.append(_part(short, url=basics["url"]))
    for profile in basics.get("profiles", []):
        if profile.get("url"):
            out.append(_part(profile.get("network") or profile["url"], url=profile["url"]))
    return out


def document(
    resume: Resume, owner: list[Any], cfg: FolioConfig, legend: list[tuple[str, str]]
) -> dict[str, Any]:
    """Everything the template shows, as JSON-ready data."""
    basics = resume.data.get("basics", {})
    name = basics.get("name", "")
    sections = [
        {"key": key, "heading": heading, "entries": _section_entries(key, resume.entries(key))}
        for key, heading in SECTIONS.items()
        if resume.entries(key)
    ]
    return {
        "title": f"{name} \u2013 Curriculum Vitae",
        "keywords": ["curriculum vitae", "CV", name],
        "paper": cfg.cv_pdf_paper,
        "theme": THEMES[cfg.cv_pdf_theme],
        "basics": {
            "name": name,
            "label": basics.get("label", ""),
            "summary": inline(basics.get("summary", "")),
        },
        "contact": _contact(basics),
        "headings": {"summary": "Profile", "papers": "Publications"},
        "sections": sections,
        "papers": papers(owner),
        "legend": [{"mark": mark, "meaning": meaning} for mark, meaning in legend],
    }


# --- typesetting ----------------------------------------------------------------------------


def template_of(app: Sphinx) -> Path:
    """The site's ``_templates/folio/cv.typ`` (any folder of ``templates_path``), else ours.

    A site's template reads the same JSON (``sys.inputs.data``) as ``data/cv/cv.typ``.
    """
    for folder in app.config.templates_path:
        candidate = Path(app.confdir, folder, "folio", "cv.typ")
        if candidate.is_file():
            return candidate
    return TEMPLATE


def typeset(payload: str, template: Path = TEMPLATE) -> bytes:
    """The PDF of ``payload`` (the JSON of :func:`document`), with the wheel's fonts only."""
    import typst  # the optional extra

    pdf = typst.compile(
        template.read_bytes(),
        format="pdf",
        sys_inputs={"data": payload},
        ignore_system_fonts=True,  # the same PDF on every machine, fonts from the wheel
        timestamp=0,  # reproducible: no build time in the file
    )
    return pdf


def _fingerprint(payload: str, template: Path) -> str:
    parts = (payload, template.read_text(encoding="utf-8"), metadata.version("typst"))
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def write_pdf(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: cv.pdf in the output folder, typeset only when its inputs changed."""
    if exception is not None or app.builder.format != "html" or not pdf_planned(app):
        return
    resume = load_resume(app)
    if resume is None:
        return
    from .publications.render import legend
    from .publications.store import get_store

    cfg = get_config(app)
    owner = get_store(app.env).owner()
    marks = legend((m for f in owner for m in f.pub.marks), cfg.author_marks)
    payload = json.dumps(document(resume, owner, cfg, marks), ensure_ascii=False, sort_keys=True)
    stamp, target = Path(app.doctreedir, STAMP), Path(app.outdir, PDF_NAME)
    template = template_of(app)
    key = _fingerprint(payload, template)
    if target.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == key:
        manifest.keep(app, target)  # still this build's output: not stale
        return
    logger.info("typesetting %s", PDF_NAME)
    import typst

    try:
        pdf = typeset(payload, template)
    except typst.TypstError as error:
        # The template's fault, not the CV's: its values reach Typst as data, never markup.
        line = re.search(r"\.typ:(\d+):", error.diagnostic or "")
        where = f"{template}:{line.group(1) if line else 1}"
        warn(FolioWarning.CV, f"{PDF_NAME} could not be typeset: {error.message}", where)
        return
    manifest.write(app, PDF_NAME, pdf)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(key, encoding="utf-8")


def say_how(app: Sphinx) -> None:
    """builder-inited: without the extra, one line says how to get the PDF."""
    cfg = get_config(app)
    if app.builder.format == "html" and cfg.cv and cfg.cv_pdf and not available():
        logger.info(
            "%s is not made: the PDF extra is not installed (%s, or set folio_cv_pdf = False)",
            PDF_NAME,
            INSTALL,
        )


def setup_cv_pdf(app: Sphinx) -> None:
    """Register the cv.pdf feature."""
    app.connect("builder-inited", say_how)
    app.connect("build-finished", write_pdf)
