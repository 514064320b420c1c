"""The CV page: ``{cv}`` draws the checked JSON Resume data (:mod:`.resume`), and the
build writes it as ``resume.json`` for other tools.
"""

from __future__ import annotations

import json
import re
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri
from sphinx.writers.html5 import HTML5Translator

from . import _compat, manifest
from .cv_pdf import PDF_NAME, pdf_planned
from .errors import exit_with_one_line, in_directive
from .resume import RESUME_JSON, SECTIONS, format_date, load_resume
from .urls import safe_url
from .warnings_ import FolioWarning, warn

# --- nodes -----------------------------------------------------------------------------------


class cv_date(nodes.inline):  # noqa: N801 (docutils names nodes in lower case)
    """A date as written in the data; HTML gets ``<time datetime="…">``."""


class cv_download(nodes.inline):  # noqa: N801
    """The links to cv.pdf and resume.json; only HTML output has the files, so only HTML
    shows them."""


def _visit_cv_date(self: HTML5Translator, node: cv_date) -> None:
    self.body.append(
        self.starttag(node, "time", "", datetime=node["datetime"], CLASS="folio-cv-date")
    )


def _depart_cv_date(self: HTML5Translator, node: cv_date) -> None:
    self.body.append("</time>")


def _visit_cv_download(self: HTML5Translator, node: cv_download) -> None:
    here = self.builder.get_target_uri(self.builder.current_docname)
    links = []
    if pdf_planned(self.builder.env):  # cv.pdf is typeset at the end of this build (cv_pdf.py)
        href = relative_uri(here, PDF_NAME)
        links.append(f'<a class="reference folio-cv__download" href="{href}">Download PDF</a>')
    href = relative_uri(here, RESUME_JSON)
    links.append(
        f'<a class="reference folio-cv__download" href="{href}" download="{RESUME_JSON}">'
        "Download JSON Resume</a>"
    )
    self.body.append('<span class="folio-cv__sep"> · </span>'.join(links))
    raise nodes.SkipNode


# --- the {cv} directive --------------------------------------------------------------------------


def _sections(argument: str) -> list[str]:
    names = [part.strip() for part in argument.replace(",", " ").split()]
    unknown = [name for name in names if name not in SECTIONS]
    if unknown:
        raise ValueError(f"unknown section(s) {', '.join(unknown)}; expected {', '.join(SECTIONS)}")
    return names


class CVDirective(SphinxDirective):
    """Experience, education, service, skills and awards from the JSON Resume ``folio_cv``."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "sections": _sections,
        "no-download": directives.flag,
    }
    #: What each option does (the package's documentation shows it).
    option_help: ClassVar[dict[str, str]] = {
        "sections": "The sections to show, in this order (comma-separated); default: all.",
        "no-download": "Leave out the links to cv.pdf and resume.json.",
    }

    def run(self) -> list[nodes.Node]:
        with in_directive():  # no SystemExit from inside a directive
            resume = load_resume(self.env)
        if resume is None:
            warn(
                FolioWarning.CV,
                "the {cv} directive needs folio_cv, the JSON Resume file, in conf.py",
                self.get_location(),
            )
            return []
        self.env.note_dependency(resume.path)
        out: list[nodes.Node] = [self._contact(resume.data.get("basics", {}))]
        as_sections = isinstance(self._parent(), nodes.section | nodes.document)
        for section in self.options.get("sections", list(SECTIONS)):
            entries = resume.entries(section)
            if not entries:
                continue
            render = getattr(self, f"_{section}")
            body = nodes.container(classes=["folio-cv", f"folio-cv--{section}"])
            for entry in entries:
                body += render(entry)
            out.append(self._titled(SECTIONS[section], body, as_sections))
        return out

    # --- pieces

    def _parent(self) -> nodes.Node | None:
        """The node the directive's output goes into."""
        return _compat.directive_parent(self.state)

    def _titled(self, title: str, body: nodes.Element, as_section: bool) -> nodes.Element:
        if not as_section:  # e.g. inside a tab: headings would break the document's structure
            return nodes.container("", nodes.rubric(title, title), body)
        section = nodes.section(classes=["folio-cv-section"])
        section["names"].append(nodes.fully_normalize_name(title))
        section += nodes.title(title, title)
        section += body
        self.state.document.note_implicit_target(section, section)
        self.set_source_info(section)
        return section

    def _contact(self, basics: dict[str, Any]) -> nodes.container:
        box = nodes.container(classes=["folio-cv__contact"])
        if basics.get("name"):
            box += nodes.paragraph(basics["name"], basics["name"], classes=["folio-cv__name"])
        if basics.get("label"):
            box += nodes.paragraph(basics["label"], basics["label"], classes=["folio-cv__label"])
        parts: list[nodes.Node] = []
        location = basics.get("location") or {}
        place = ", ".join(
            str(location[k]) for k in ("city", "region", "countryCode") if location.get(k)
        )
        if place:
            parts.append(nodes.inline(place, place))
        if basics.get("email"):
            email = basics["email"]
            parts.append(nodes.reference(email, email, refuri=f"mailto:{email}"))
        if basics.get("url"):
            url = basics["url"]
            parts.append(nodes.reference(url, _short(url), refuri=url))
        for profile in basics.get("profiles", []):
            if profile.get("url"):
                label = profile.get("network") or _short(profile["url"])
                parts.append(nodes.reference(label, label, refuri=profile["url"]))
        if parts:
            line = nodes.paragraph(classes=["folio-cv__links"])
            for i, part in enumerate(parts):
                if i:
                    line += nodes.inline(" · ", " · ", classes=["folio-cv__sep"])
                line += part
            box += line
        if "no-download" not in self.options:
            box += nodes.paragraph("", "", cv_download(), classes=["folio-cv__download-line"])
        return box

    def _inline(self, text: str) -> list[nodes.Node]:
        """Markdown of a summary or highlight: emphasis and links, but no raw HTML and no
        link the URL rule refuses; both become text (the data is not a page)."""
        parsed, messages = self.parse_inline(text)
        box = nodes.inline("", "", *parsed)
        for node in list(box.findall(nodes.raw)):
            node.replace_self(nodes.Text(node.astext()))
        for ref in list(box.findall(nodes.reference)):
            if ref.get("refuri") and safe_url(ref["refuri"], mailto=True) is None:
                ref.replace_self(nodes.inline(ref.astext(), ref.astext()))
        return [*box.children, *messages]

    def _entry(
        self,
        heading: list[nodes.Node],
        start: str | None,
        end: str | None,
        *,
        ongoing: bool,
    ) -> nodes.container:
        entry = nodes.container(classes=["folio-cv-entry"])
        head = nodes.paragraph(classes=["folio-cv-entry__head"])
        head += nodes.inline("", "", *heading, classes=["folio-cv-entry__title"])
        dates = _dates(start, end, ongoing=ongoing)
        if dates:
            head += dates
        entry += head
        return entry

    def _named(self, name: str, url: str | None) -> nodes.Node:
        if url:
            return nodes.reference(name, name, refuri=url)
        return nodes.inline(name, name)

    def _details(self, entry: nodes.container, summary: str, highlights: list[str]) -> None:
        if summary:
            entry += nodes.paragraph(
                "", "", *self._inline(summary), classes=["folio-cv-entry__summary"]
            )
        if highlights:
            items = nodes.bullet_list(classes=["folio-cv-entry__highlights"])
            for text in highlights:
                items += nodes.list_item("", nodes.paragraph("", "", *self._inline(text)))
            entry += items

    def _work(self, job: dict[str, Any]) -> nodes.container:
        heading: list[nodes.Node] = [nodes.strong(job["position"], job["position"])]
        if job.get("name"):
            heading += [nodes.Text(", "), self._named(job["name"], job.get("url"))]
        entry = self._entry(heading, job.get("startDate"), job.get("endDate"), ongoing=True)
        meta = [job[k] for k in ("location", "description") if job.get(k)]
        if meta:
            text = " · ".join(meta)
            entry += nodes.paragraph(text, text, classes=["folio-cv-entry__meta"])
        self._details(entry, job.get("summary", ""), job.get("highlights", []))
        return entry

    def _volunteer(self, role: dict[str, Any]) -> nodes.container:
        heading: list[nodes.Node] = []
        if role.get("position"):
            heading += [nodes.strong(role["position"], role["position"]), nodes.Text(", ")]
        heading.append(self._named(role["organization"], role.get("url")))
        entry = self._entry(heading, role.get("startDate"), role.get("endDate"), ongoing=False)
        self._details(entry, role.get("summary", ""), role.get("highlights", []))
        return entry

    def _education(self, school: dict[str, Any]) -> nodes.container:
        degree = ", ".join(school[k] for k in ("studyType", "area") if school.get(k))
        heading: list[nodes.Node] = []
        if degree:
            heading += [nodes.strong(degree, degree), nodes.Text(", ")]
        heading.append(self._named(school["institution"], school.get("url")))
        entry = self._entry(heading, school.get("startDate"), school.get("endDate"), ongoing=True)
        meta = []
        if school.get("score"):
            meta.append(f"Score: {school['score']}")
        if school.get("courses"):
            meta.append("Courses: " + ", ".join(school["courses"]))
        for text in meta:
            entry += nodes.paragraph(text, text, classes=["folio-cv-entry__meta"])
        self._details(entry, school.get("summary", ""), school.get("highlights", []))
        return entry

    def _skills(self, skill: dict[str, Any]) -> nodes.container:
        entry = nodes.container(classes=["folio-cv-entry", "folio-cv-skill"])
        line = nodes.paragraph()
        line += nodes.strong(skill["name"], skill["name"])
        if skill.get("level"):
            line += nodes.inline(f" ({skill['level']})", f" ({skill['level']})")
        if skill.get("keywords"):
            text = ": " + ", ".join(skill["keywords"])
            line += nodes.Text(text)
        entry += line
        return entry

    def _awards(self, award: dict[str, Any]) -> nodes.container:
        heading: list[nodes.Node] = [nodes.strong(award["title"], award["title"])]
        if award.get("awarder"):
            heading += [nodes.Text(", "), nodes.inline(award["awarder"], award["awarder"])]
        entry = self._entry(heading, award.get("date"), None, ongoing=False)
        self._details(entry, award.get("summary", ""), [])
        return entry


def _short(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def _date_node(value: str) -> cv_date:
    text = format_date(value)
    return cv_date(text, text, datetime=value)


def _dates(start: str | None, end: str | None, *, ongoing: bool) -> nodes.inline | None:
    box = nodes.inline(classes=["folio-cv-entry__dates"])
    if start and end and start == end:
        box += _date_node(start)
    elif start and (end or ongoing):
        box += _date_node(start)
        box += nodes.Text(" \u2013 ")
        box += _date_node(end) if end else nodes.Text("Present")
    elif start:
        box += _date_node(start)
    elif end:
        box += _date_node(end)
    else:
        return None
    return box


# --- resume.json and wiring -------------------------------------------------------------------


def _check(app: Sphinx) -> None:
    resume = load_resume(app)  # fail early, before reading any page
    for location, message in resume.problems if resume is not None else ():
        warn(FolioWarning.CV, message, location)


def _write_resume(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    resume = load_resume(app)
    if resume is None:
        return
    text = json.dumps(resume.data, indent=2, ensure_ascii=False) + "\n"
    manifest.write(app, RESUME_JSON, text)


def _fatal_input_error(app: Sphinx, exception: Exception | None) -> None:
    """A CV error raised while the ``{cv}`` directive ran: one line under sphinx-build."""
    exit_with_one_line(exception, command_line=_compat.command_line_build())


def setup_cv(app: Sphinx) -> None:
    """Register the cv feature."""
    app.add_node(cv_date, html=(_visit_cv_date, _depart_cv_date))
    app.add_node(cv_download, html=(_visit_cv_download, None))
    app.add_directive("cv", CVDirective)
    app.connect("builder-inited", _check)
    app.connect("build-finished", _write_resume)
    app.connect("build-finished", _fatal_input_error, priority=950)
