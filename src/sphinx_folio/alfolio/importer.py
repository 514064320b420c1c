"""One al-folio checkout -> one new sphinx-folio site folder."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..config import COLLECTION_DEFAULTS
from .assets import Assets, inside
from .bib import bib_target, convert_bib
from .body import convert_body, heading_levels
from .coauthors import TARGET as COAUTHORS_FILE
from .coauthors import convert_coauthors
from .files import Page, read_page, read_page_or_report
from .html import markdown_text
from .items import Item, read_items
from .leftovers import other_collections, report_leftovers
from .mathjax import mathjax_macros
from .owner import incomplete, owner_papers
from .pages import plan_pages
from .people import import_group
from .report import Report
from .resume import check_resume, check_resume_dates, convert_cv
from .sections import unique_stems, write_section
from .settings import build_settings
from .verify import Origin, verify
from .writer import Output, collection_index, conf_py, fence, front_matter, toctree, write

BIB = "_bibliography/papers.bib"
RESUME_JSON = "assets/json/resume.json"
REPORT_FILE = "IMPORT-REPORT.md"


class UsageError(Exception):
    """The command was asked something it must refuse (bad paths, non-empty --out)."""


def check_paths(source: Path, out: Path, force: bool) -> None:
    if not source.is_dir():
        raise UsageError(f"{source}: not a folder")
    if not (source / "_config.yml").is_file() and not (source / "_pages").is_dir():
        raise UsageError(f"{source}: not an al-folio site (no _config.yml, no _pages/)")
    src, dst = source.resolve(), out.resolve()
    if dst == src or src in dst.parents:
        raise UsageError(
            f"{out}: inside the al-folio folder {source}; the import never writes there"
        )
    if dst in src.parents:
        raise UsageError(f"{out}: contains the al-folio folder {source}; choose another --out")
    if dst.exists() and not dst.is_dir():
        raise UsageError(f"{out}: exists and is not a folder")
    if dst.is_dir() and any(dst.iterdir()) and not force:
        raise UsageError(f"{out}: not empty; pass --force to write into it anyway")


def find_about(source: Path) -> Path | None:
    pages = source / "_pages"
    for name in ("about.md", "about.markdown", "about.html"):
        if (pages / name).is_file():
            return pages / name
    if pages.is_dir():
        for path in sorted(pages.glob("*.md")):
            head = path.read_text(encoding="utf-8", errors="replace")[:2000]
            if re.search(r"^(permalink:\s*/\s*$|layout:\s*about\s*$)", head, re.MULTILINE):
                return path
    return None


def import_alfolio(
    source: Path,
    out: Path,
    force: bool = False,
    config_files: list[str] | None = None,
    check: bool = False,
) -> Report:
    """Read the al-folio site at ``source``, write the new site to ``out``.

    ``config_files`` are read instead of ``_config.yml`` and merged as Jekyll merges
    ``--config a.yml,b.yml``. With ``check``, the written site is then built as
    ``sphinx-build -W`` builds it and what warns is made safe (:mod:`.verify`); the
    outcome is ``report.check``.
    """
    from .writer import remove_previous

    check_paths(source, out, force)
    report = Report(source, out)
    assets = Assets(source, report)

    about_path = find_about(source)
    about: Page | None = None
    if about_path is None:
        report.note("_pages/about.md", None, "no about page; the home page has no biography")
    else:
        about = read_page(about_path, about_path.relative_to(source).as_posix())

    settings, subtitle = build_settings(source, about, assets, report, config_files)
    folio = settings.folio
    items = read_items(source, assets, report)
    by_collection: dict[str, list[Item]] = {"news": [], "posts": [], "projects": []}
    for item in items:
        by_collection[item.collection].append(item)

    output = Output()

    # --- bibliography
    bib_text = convert_bib(source, assets)
    has_bib = bib_text is not None
    if bib_text is not None:
        output.add("refs.bib", bib_text, (BIB, 1))
        report.done(f"{BIB} -> refs.bib")
        # al-folio lists every entry of papers.bib, whoever the authors are.
        folio["list_every_entry"] = True
    else:
        output.add("refs.bib", "% No publications yet: add BibTeX entries here.\n")
        report.note(BIB, None, "missing; refs.bib written empty")

    # --- CV
    cv_target = ""
    resume_json = source / RESUME_JSON
    cv_yml = source / "_data" / "cv.yml"
    data: Any = None
    if resume_json.is_file():
        text = resume_json.read_text(encoding="utf-8", errors="replace")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:  # reported; the CV falls back to _data/cv.yml
            report.note(RESUME_JSON, error.lineno, f"JSON cannot be read: {error.msg}; left out")
    if data is not None:
        checked = check_resume(
            check_resume_dates(data, text, report), RESUME_JSON, report, folio.get("name", "")
        )
        if checked is None:
            pass
        elif checked == json.loads(text):
            output.add("resume.json", text, (RESUME_JSON, 1))
            report.done(f"{RESUME_JSON} -> resume.json (JSON Resume, as is)")
            cv_target = "resume.json"
        else:
            output.add(
                "resume.json",
                json.dumps(checked, indent=2, ensure_ascii=False) + "\n",
                (RESUME_JSON, 1),
            )
            report.done(f"{RESUME_JSON} -> resume.json (JSON Resume, repaired)")
            cv_target = "resume.json"
        if cv_yml.is_file():
            report.note("_data/cv.yml", None, f"not converted: {RESUME_JSON} is used for the CV")
    elif cv_yml.is_file():
        resume = convert_cv(source, report)
        if resume:
            cv_text = cv_yml.read_text(encoding="utf-8")
            resume = check_resume(
                check_resume_dates(resume, cv_text, report, "_data/cv.yml"),
                "_data/cv.yml",
                report,
                folio.get("name", ""),
            )
        if resume:
            cv_target = "cv.yaml"
            head = "# CV in the JSON Resume schema, converted from al-folio's _data/cv.yml.\n"
            output.add(cv_target, head + _yaml(resume), ("_data/cv.yml", 1))
            report.done("_data/cv.yml -> cv.yaml (JSON Resume)")

    # --- pages of the new site, known before bodies are converted (for links)
    pages = ["index.md"]
    if has_bib:
        pages.append("publications/index.md")
    home = folio.get("home", {})
    wanted = {
        "news": bool(by_collection["news"]) or home.get("announcements", {}).get("enabled", False),
        "posts": bool(by_collection["posts"]) or home.get("latest_posts", {}).get("enabled", False),
        "projects": bool(by_collection["projects"]),
    }
    pages += [f"{c}/index.md" for c, on in wanted.items() if on]
    if cv_target:
        pages.append("cv.md")
    plans, permalinks = plan_pages(source, about_path, {*pages, REPORT_FILE}, report)
    pages += [plan.target for plan in plans]
    group = import_group(source, assets, report)  # a lab's people and teaching
    pages += [target for target in group.files if target.endswith("/index.md")]
    own_collections = {
        name: files
        for name, files in other_collections(source, report).items()
        if f"{name}/index.md" not in pages and f"{name}.md" not in pages and name not in group.taken
    }
    own_pages: dict[str, list[tuple[Path, Page]]] = {}
    for name, files in own_collections.items():
        readable = [
            (path, read_page_or_report(path, path.relative_to(source).as_posix(), report))
            for path in files
        ]
        own_pages[name] = []
        for path, page in readable:
            if page is not None and page.meta.get("published") is False:
                report.note(
                    page.rel, page.line_of("published"), "draft (published: false); not imported"
                )
            elif page is not None:
                own_pages[name].append((path, page))
        pages.append(f"{name}/index.md")
        original = name.removesuffix("-pages") if name.endswith("-pages") else name
        stems = unique_stems([path for path, _page in own_pages[name]])
        for (path, _page), stem in zip(own_pages[name], stems, strict=True):
            permalinks.setdefault(f"{original}/{path.stem}", f"{name}/{stem}.md")
            permalinks.setdefault(f"_{original}/{path.stem}", f"{name}/{stem}.md")
            assets.pages.add(f"{name}/{stem}.md")
    assets.pages = set(pages) | {item.target for item in items} | assets.pages
    assets.permalinks = permalinks
    for item in items:  # al-folio's permalinks of collection items: /projects/x/, /news/x/
        own = str(item.page.meta.get("permalink") or "").strip("/")
        for key in filter(
            None, (own, f"{item.collection}/{item.stem}", item.source.rsplit(".", 1)[0])
        ):
            assets.permalinks.setdefault(key, item.target)
    assets.baseurl = settings.baseurl
    post_stems = {item.stem: item for item in by_collection["posts"]}

    def post_page_from(doc_dir: str) -> Any:
        def post_page(stem: str) -> str | None:
            item = post_stems.get(stem)
            if item is None:
                return None
            return ("../" if doc_dir else "") + item.target if doc_dir != "posts" else f"{stem}.md"

        return post_page

    # --- collection items
    for item in items:
        body = convert_body(
            item.page.body,
            item.source,
            item.page.body_line,
            item.collection,
            assets,
            post_page_from(item.collection),
        )
        body = heading_levels(body, 2)
        output.add(
            item.target,
            front_matter(item.meta) + "\n" + body,
            (item.source, item.page.body_line),
        )
        report.done(f"{item.source} -> {item.target}")

    for collection, on in wanted.items():
        if on:
            stems = sorted(item.stem for item in by_collection[collection])
            output.add(f"{collection}/index.md", collection_index(collection, stems))

    for plan in plans:
        body = convert_body(
            plan.page.body, plan.page.rel, plan.page.body_line, "", assets, post_page_from("")
        )
        body = heading_levels(body, 2)
        heading = markdown_text(plan.title)
        output.add(plan.target, f"# {heading}\n\n{body}", (plan.page.rel, plan.page.body_line))
        report.done(f"{plan.page.rel} -> {plan.target}")

    if has_bib and bib_text is not None:
        _report_entries(source, BIB, bib_text, folio, report)
    for name, entries in own_pages.items():
        output.add(f"{name}/index.md", write_section(name, entries, assets, report, output))
    for target, text in group.files.items():
        output.add(target, text)
    if group.collections:
        folio["collections"] = {**COLLECTION_DEFAULTS, **group.collections}

    extra = _publications_page_lists(source, assets) if has_bib else []
    bibfiles = _other_bibs(source, assets, output, folio, report) if has_bib else []
    if has_bib:
        # With other lists on other pages, this one is papers.bib's alone.
        only = "\n:file: refs.bib" if bibfiles else ""
        text = f"# Publications\n\n```{{publication-list}}{only}\n```\n"
        for stem in extra:
            heading = stem.replace("_", " ").replace("-", " ").capitalize()
            text += f"\n## {heading}\n\n```{{publication-list}}\n:file: {bib_target(stem)}\n```\n"
        output.add("publications/index.md", text)
    if cv_target:
        output.add("cv.md", "# CV\n\n```{cv}\n```\n")

    # --- home page
    name = folio.get("name", "")
    heading = name or settings.title or "About"
    if subtitle and subtitle != heading:
        folio["role"] = subtitle
    elif subtitle:
        report.note(
            about.rel if about else "_pages/about.md",
            about.line_of("subtitle") if about else None,
            "subtitle is also the site title, which heads the home page; not repeated as the role",
        )
    bio = ""
    if about is not None:
        bio = convert_body(about.body, about.rel, about.body_line, "", assets, post_page_from(""))
        bio = heading_levels(bio, 2)
        report.done(f"{about.rel} -> index.md and conf.py (profile, home sections)")
    # Headings cannot go inside the card (a directive's body has no sections): the text
    # before the first heading is the card's biography, the sections follow the card.
    first = re.search(r"^#{1,6}\s", bio, flags=re.MULTILINE)
    card, sections = (bio[: first.start()], bio[first.start() :]) if first else (bio, "")
    # Nor can a rule (---) go inside it (docutils: "Transition must be child of <document>").
    card, rules = re.subn(r"^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$", "", card, flags=re.MULTILINE)
    if rules and about is not None:
        report.note(about.rel, about.body_line, f"{rules} rule(s) (---) in the biography left out")
    index = [f"# {markdown_text(heading)}\n", fence(card, "profile")]
    if sections.strip():
        index.append(sections.rstrip() + "\n")
    index += [
        "```{announcements}\n```\n",
        "```{latest-posts}\n```\n",
        "```{selected-publications}\n```\n",
    ]
    tree = toctree([p.removesuffix(".md") for p in pages if p != "index.md"])
    if tree:
        index.append(tree)
    output.add("index.md", "\n".join(index), (about.rel, about.body_line) if about else None)

    # --- files referred to
    for src_rel, target in sorted(assets.copies.items()):
        if not inside(source, source / src_rel):  # never reached: Assets refuses first
            continue
        output.copies[target] = source / src_rel
        report.done(f"{src_rel} -> {target}")

    report_leftovers(source, report)
    coauthors = convert_coauthors(source, report)
    if coauthors is not None:
        output.add(COAUTHORS_FILE, coauthors)
        settings.folio["coauthors"] = COAUTHORS_FILE
    if macros := mathjax_macros(source, report):
        settings.folio["math_macros"] = macros
    output.add("conf.py", conf_py(settings, source.name, has_bib, cv_target, bibfiles))
    report.done("_config.yml -> conf.py")

    if force:
        remove_previous(out)
    report.written = write(out, output)
    if check:
        origins = {target: Origin(*where) for target, where in output.origins.items()}
        report.check = verify(out, report, origins)
    (out / REPORT_FILE).write_text(report.render() + "\n", encoding="utf-8")
    return report


def _report_entries(
    source: Path, rel: str, bib_text: str, folio: dict[str, Any], report: Report
) -> None:
    """Once per site and per entry: no owner found; an entry without author or year."""
    source_bib = (source / rel).read_text(encoding="utf-8", errors="replace")
    names = [folio.get("name", ""), *folio.get("name_variants", [])]
    counts = owner_papers(bib_text, names)
    if counts is not None and counts[1] and not counts[0]:
        who = f"folio_name {names[0]!r}" if names[0] else "no owner (folio_name is empty)"
        report.note(
            rel,
            None,
            f"none of the {counts[1]} entries has {who} among its authors: every entry is "
            "listed, as al-folio lists them, with no name highlighted; set folio_name (or "
            "folio_name_variants) to the owner's name as the bib file writes it",
        )
    for key, missing in incomplete(bib_text):
        report.note(
            rel,
            _bib_line(source_bib, key),
            f"entry {key!r} has no {missing}; listed without one"
            + (" (under 'Undated')" if missing == "year" else ""),
        )


_BIBLIOGRAPHY_FILE = re.compile(
    r"\{%-?[ \t]*bibliography\b[^%\n]*?(?:-f|--file)[ \t]+['\"]?([\w.-]+)[^%\n]*%\}"
)


def _publications_page_lists(source: Path, assets: Assets) -> list[str]:
    """Further files the al-folio publications page lists (``{% bibliography -f talks %}``
    after the papers): each a section of the new publications page."""
    stems: list[str] = []
    for path in sorted((source / "_pages").glob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        head = text[:2000]
        if path.stem != "publications" and not re.search(
            r"^permalink:[ \t]*['\"]?/publications/?['\"]?[ \t]*$", head, re.MULTILINE
        ):
            continue
        for match in _BIBLIOGRAPHY_FILE.finditer(text):
            stem = match.group(1).removesuffix(".bib")
            if stem == "papers" or stem in stems:
                continue
            if (source / "_bibliography" / f"{stem}.bib").is_file():
                line = text.count("\n", 0, match.start()) + 1
                assets.bib_lists.setdefault(stem, (path.relative_to(source).as_posix(), line))
                stems.append(stem)
    return stems


def _other_bibs(
    source: Path, assets: Assets, output: Output, folio: dict[str, Any], report: Report
) -> list[str]:
    """Bib files other than papers.bib: those a page lists (``{% bibliography -f talks %}``)
    become ``talks.bib`` with a list of their own; the others are reported."""
    written: list[str] = []
    for other in sorted((source / "_bibliography").glob("*.bib")):
        rel = other.relative_to(source).as_posix()
        if other.name == "papers.bib":
            continue
        if other.stem not in assets.bib_lists:
            report.note(rel, None, "no page lists it ({% bibliography -f ... %}); not converted")
            continue
        text = convert_bib(source, assets, rel)
        if text is None:
            continue
        target = bib_target(other.stem)
        output.add(target, text)
        report.done(f"{rel} -> {target} (a list of its own)")
        _report_entries(source, rel, text, folio, report)
        written.append(target)
    for name, (page, line) in sorted(assets.bib_lists.items()):
        if not (source / "_bibliography" / f"{name}.bib").is_file():
            report.note(page, line, f"lists _bibliography/{name}.bib, which does not exist")
    return written


def _bib_line(text: str, key: str) -> int | None:
    match = re.search(r"^\s*@\w+\s*\{\s*" + re.escape(key) + r"\s*,", text, flags=re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _yaml(data: Any) -> str:
    import yaml

    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)
