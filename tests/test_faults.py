"""The fault matrix: each case breaks a copy of the project and requires what should catch it to
report it, file first. "build" is the build itself (settings, source checks, the strict engine),
and the case names the rule it proves; any other name is a guard from harness/guards.py, run on a
lenient build as tests/test_guards.py runs it. A check that never caught anything is a hope: every
guard and every rule the build code raises has a fault. Expected words come from the table of pages."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from harness.guards import GUARDS, run
from harness.sandbox import (
    Change,
    append,
    both,
    commit,
    config,
    delete,
    edit,
    meta,
    moves,
    nav_item,
    retitle,
    swap_toggle_names,
)
from harness.site import BuiltSite
from sitebuild.build import build
from sitebuild.engines import Engine
from sitebuild.problems import BuildError
from sitebuild.project import ROOT, Project
from sitebuild.table import read_table
from tests.conftest import FORK

TABLE = read_table(Project().config_file)
PILLARS = TABLE.with_role("pillar")
FIRST, SECOND = (f"docs/{p.source}" for p in PILLARS[:2])
LAST = f"docs/{PILLARS[-1].source}"
C_PAGE = TABLE.with_role("conclusion")[0]
CONCLUSION = f"docs/{C_PAGE.source}"
SANDBOX = "docs/sandbox-page.md"  # what faults add is named sandbox-*: no real page collides
SENTENCE = "Joint military exercises with strategic partner nations serve to develop military strategies, best practices, and procedures."
MILITARY = next(f"docs/{p.source}" for p in PILLARS if SENTENCE in p.body)
CURLY = next(f"docs/{p.source}" for p in TABLE.parts if "\u2019" in p.body)  # with a curly quote
FONT = '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
ORPHAN = "---\ndescription: A page nobody can reach.\n---\n\n# Orphan { #sandbox-orphan }\n"
P_URL, P_ID = PILLARS[0].url, PILLARS[0].title.id  # type: ignore[union-attr]
C_URL, C_ID = C_PAGE.url, C_PAGE.title.id  # type: ignore[union-attr]
W_URL = TABLE.with_role("whole")[0].url


@dataclass(frozen=True)
class Fault:
    name: str
    inject: Change
    caught_by: dict[str, tuple[str, ...]]  # "build" or a guard -> words its message must contain
    rule: str | None = None  # the build rule a "build" case proves
    env: Mapping[str, str] = field(default_factory=dict)  # settings the build runs with
    output: Callable[[Path], None] | None = None  # a fault in what was built, not in a source
    engine: Engine = "mkdocs"
    pdf: bool = False  # the build prints its own PDF edition


def nothing(_: Project) -> None:
    pass


def in_output(relative: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def corrupt(site: Path) -> None:
        (site / relative).write_bytes(change((site / relative).read_bytes()))

    return corrupt


def bad_inventory_entry(data: bytes) -> bytes:
    header, _, body = data.partition(b"zlib.\n")
    text = zlib.decompress(body) + f"ghost std:label -1 {P_URL}#ghost Ghost\n".encode()
    return header + b"zlib.\n" + zlib.compress(text)


def symlink(relative: str, target: str) -> Change:
    return lambda project: (project.root / relative).symlink_to(target)


def resaved(relative: str, old: bytes, new: bytes, count: int = -1) -> Change:
    """The file as another editor saves it: `old` bytes, which must be there, become `new`."""

    def change(project: Project) -> None:
        path = project.root / relative
        data = path.read_bytes()
        assert old in data, f"set-up: {old!r} is not in {path}"
        path.write_bytes(data.replace(old, new, count))

    return change


def sandbox_page(text: str) -> Change:
    """A page of the fault's own, listed in the nav."""
    nav = config(lambda d: d["nav"].append({"Sandbox": "sandbox-page.md"}))
    return both(append(SANDBOX, text), nav)


def moved(where: str, old: str, new: str) -> Change:
    """One entry in a map of moves: `where` is 'moved_anchors' or 'redirect_maps'."""
    return config(lambda d: moves(d, where).__setitem__(old, new))


def toc_option(key: str, value: object) -> Change:
    def change(data: Any) -> None:
        toc = next(e for e in data["markdown_extensions"] if isinstance(e, dict) and "toc" in e)
        toc["toc"][key] = value

    return config(change)


def feature_off(name: str) -> Change:
    return config(lambda d: d["theme"]["features"].remove(name))


def move_conclusion_first(data: Any) -> None:
    item, _ = nav_item(data, C_PAGE.source)
    data["nav"].remove(item)
    data["nav"].insert(0, item)


FAULTS = [
    # The essay's words
    Fault("a seed sentence deleted from its page", edit(MILITARY, SENTENCE + " ", ""),
          {"words": (MILITARY, "changes the author's words", "at character")}),
    Fault("a seed sentence reworded", edit(MILITARY, "best practices, and procedures", "best practice and procedure"),
          {"words": (MILITARY, "changes the author's words", "best practice and procedure")}),
    Fault("a curly apostrophe straightened", edit(CURLY, "\u2019", "'"),
          {"words": (CURLY, "changes the author's words", "nation's")}),
    Fault("emphasis added inside the author's sentence", edit(MILITARY, "strengthens the strategic", "strengthens the *strategic*"),
          {"words": (MILITARY, "adds <em> inside the author's words")}),
    Fault("the essay's title misquoted in the site's description", config(lambda d: d.__setitem__("site_description", 'The essay "Strategic Alliances: A Crucial Aspect", whole.')),
          {"words": ("mkdocs.yml: site_description quotes «Strategic Alliances: A Crucial Aspect»", "not the essay's words exactly")}),
    Fault("a page's description misquoting a sentence", meta(FIRST, "description", "Why “strategic alliances play a vital role” here."), {"words": (f"{FIRST}: description quotes «strategic alliances play a vital role»",)}),
    Fault("a paragraph of someone else's prose added to a page", append(LAST, "\nAlliances also bring tourism.\n"),
          {"words": (LAST, "adds p «Alliances also bring tourism.»")}),
    Fault("someone else's prose added as a list", append(LAST, "\n- Alliances also bring tourism.\n"),
          {"words": (LAST, "adds li «Alliances also bring tourism.»")}),
    Fault("the author's sentence copied onto a wrong page as a list", append(LAST, f"\n- {SENTENCE}\n"),
          {"words": (LAST, "adds li «Joint military exercises")}),
    Fault("the author's paragraph copied onto a wrong page, the original kept", append(LAST, "\n" + PILLARS[0].body.strip().splitlines()[-1] + "\n"),
          {"words": (LAST, "adds p «" + PILLARS[0].body.strip().splitlines()[-1][:40])}),
    Fault("the seed reworded along with its page",
          both(edit("seeds/strategic-alliances.md", "best practices, and procedures", "best practice"), edit(MILITARY, "best practices, and procedures", "best practice")),
          {"words": ("seeds/strategic-alliances.md", "is not the essay's source of record")}),
    Fault("a pillar page loses its role", meta(FIRST, "role"),
          {"words": ("is carried by no page",)}),
    Fault("a page dropped from the site search", meta(LAST, "search",
          {"exclude": True}), {"search": (LAST, "is not in the site search")}),
    # Pages, navigation and what the design adds
    Fault("the home page's button to the conclusion removed", edit("overrides/home.html", 'item.meta.role == "conclusion"', 'item.meta.role == "nothing"'),
          {"structure": ("docs/index.md", "no button on to the conclusion")}),
    Fault("previous/next links switched off", feature_off("navigation.footer"),
          {"features": (FIRST, "its prev link leads to None", "navigation.footer")}),
    Fault("edit links switched off", feature_off("content.action.edit"),
          {"features": (FIRST, "no edit link", "content.action.edit")}),
    Fault("headings no longer link to themselves", toc_option("anchorlink", False),
          {"features": (FIRST, "is no link to itself")}),
    Fault("the scheme toggle's names swapped", config(swap_toggle_names),
          {"labels": ("mkdocs.yml: the scheme toggle 'switch to system preference' selects dark",)}),
    Fault("the 404 page's links all lead home", edit("overrides/404.html", '<a href="{{ item.url | url }}">', '<a href="{{ nav.homepage.url | url }}">'),
          {"labels": ("overrides/ (templates) -> 404.html", f"leads to index.html, not to {C_URL}index.html")}),
    Fault("the PDF link pointed at the whole essay's page", edit("overrides/main.html", '<a href="{{ config.extra.pdf | url }}">PDF</a>', '<a href="{{ item.url | url }}">PDF</a>'),
          {"labels": ("the link named 'pdf' leads to", f"/{W_URL}, not to the PDF edition")}),
    Fault("the repository named by hand, built as a fork", edit("overrides/partials/source.html", '{{ config.repo_url | replace("https://github.com/", "") | trim("/") | e }}', "islamic-nation-docs/strategic-alliances"),
          {"labels": ("overrides/partials/source.html: the repository link is named 'islamic-nation-docs/strategic-alliances', not 'someone/a-fork'",)}, env=FORK),
    # Links and ids
    Fault("a relative link to a page that does not exist", append(FIRST, "\nSee [the annex](sandbox-annex.md).\n"),
          {"build": ("sandbox-annex.md", "not found"), "links": (FIRST, "sandbox-annex.md", "no file at")}, rule="engine"),
    Fault("a link to an anchor that does not exist", append(FIRST, f"\nSee [the annex]({CONCLUSION.removeprefix('docs/')}#sandbox-annex).\n"),
          {"build": ("does not contain an anchor '#sandbox-annex'",), "links": (FIRST, "no id 'sandbox-annex' on")}, rule="engine"),
    Fault("a link to an anchor that does not exist, under Zensical", append(FIRST, f"\nSee [the annex]({CONCLUSION.removeprefix('docs/')}#sandbox-annex).\n"),
          {"build": (f"{FIRST}:", "zensical: Warning: anchor does not exist")}, rule="engine", engine="zensical"),
    Fault("an image that does not exist", append(FIRST, "\n![A map](sandbox-map.png)\n"),
          {"build": ("sandbox-map.png", "not found"), "links": (FIRST, "sandbox-map.png", "no file at")}, rule="engine"),
    Fault("a template that writes the project's sub-path by hand, built as a fork", edit("overrides/home.html", '<a href="{{ pillar.url | url }}">', '<a href="/strategic-alliances/{{ pillar.url }}">'),
          {"links": ("docs/index.md -> index.html", "names the project's own https://islamic-nation-docs.github.io/strategic-alliances/", "written in overrides/home.html")}, env=FORK),
    Fault("a template that repeats an id", edit("overrides/main.html", "{% block content %}", '{% block content %}<span id="__drawer"></span>'),
          {"duplicate_ids": ("docs/index.md", "id '__drawer' is used 2 times")}),
    Fault("a template that breaks its markup", edit("overrides/main.html", '<meta name="twitter:card" content="summary">', '<meta name="twitter:card" content="summary" content="large">'),
          {"validity": (f"{FIRST} -> {PILLARS[0].url}index.html", "Duplicate attribute")}),
    # Published links
    Fault("a published anchor renamed with no redirect", edit(FIRST, f"{{ #{P_ID} }}", "{ #sandbox-ties }"),
          {"published_links": ("published-links.txt", f"/{P_URL}#{P_ID} no longer resolves", "moved_anchors", f"{FIRST}: /{P_URL}#sandbox-ties is built but not published")}),
    Fault("a published line rewritten in place", both(edit(FIRST, f"{{ #{P_ID} }}", "{ #sandbox-ties }"), edit("published-links.txt", f"\n/{P_URL}#{P_ID}\n", f"\n/{P_URL}#sandbox-ties\n")),
          {"published_links": ("published-links.txt", f"/{P_URL}#{P_ID} was published (commit", "is gone from the lock", "moved_anchors")}),
    Fault("a published line dropped", edit("published-links.txt", f"\n/{C_URL}#{C_ID}\n", "\n"),
          {"published_links": ("published-links.txt", f"/{C_URL}#{C_ID} was published", f"{CONCLUSION}: /{C_URL}#{C_ID} is built but not published")}),
    Fault("an objects.inv entry pointing at a missing id", nothing,
          {"inventory": ("objects.inv", "ghost", "no id 'ghost'")}, output=in_output("objects.inv", bad_inventory_entry)),
    # Privacy
    Fault("an image from another host in a page", append(FIRST, '\n<img src="https://example.com/map.png" alt="A map">\n'),
          {"privacy": (FIRST, "<img src> loads https://example.com/map.png")}),
    Fault("a web font from another host in a template override", edit("overrides/main.html", "{% block extrahead %}", "{% block extrahead %}" + FONT),
          {"privacy": ("docs/index.md", "<link href> loads https://fonts.googleapis.com")}),
    Fault("a script from another host in a template override", edit("overrides/main.html", "{% block extrahead %}", '{% block extrahead %}<script src="https://cdn.example.com/a.js"></script>'),
          {"privacy": (FIRST, "<script src> loads https://cdn.example.com/a.js")}),
    Fault("a stylesheet importing from another host", edit("docs/stylesheets/site.css", "[data-md-color-primary", '@import url("https://cdn.example.com/x.css");\n[data-md-color-primary'),
          {"privacy": ("docs/stylesheets/site.css", "loads https://cdn.example.com/x.css")}),
    Fault("a background image from another host in a stylesheet", append("docs/stylesheets/site.css", "\nbody { background: url(https://cdn.example.com/bg.png); }\n"),
          {"privacy": ("docs/stylesheets/site.css", "loads https://cdn.example.com/bg.png")}),
    # What crawlers, sharers and agents read
    Fault("a page's sharing title made the site's", edit("overrides/main.html", '<meta property="og:title"', '<meta property="og:title" content="{{ config.site_name | e }}" data-x'),
          {"sharing": (FIRST, "og:title is 'Strategic Alliances', expected")}),
    Fault("robots.txt shutting crawlers out", nothing,
          {"sharing": ("robots.txt", "keeps crawlers out of")}, output=in_output("robots.txt", lambda b: b.replace(b"Allow: /", b"Disallow: /"))),
    Fault("llms.txt missing a page", nothing,
          {"llms_txt": (CONCLUSION, "not listed in llms.txt")}, output=in_output("llms.txt", lambda b: b"\n".join(x for x in b.split(b"\n") if f"/{C_URL}".encode() not in x))),
    Fault("a misspelled word in a page's description", meta(CONCLUSION, "description", "Why strategic alliances are indispensible."),
          {"spelling": (f"{CONCLUSION}:", "unknown word 'indispensible'")}),
    Fault("strict mode turned off", config(lambda d: d.__setitem__("strict", False)),
          {"strictness": ("mkdocs.yml", "'strict' must be true")}),
    Fault("a validation check loosened", config(lambda d: d["validation"]["links"].__setitem__("anchors", "info")),
          {"strictness": ("mkdocs.yml", "validation.links.anchors is 'info'")}),
    Fault("a print style that hides a paragraph from the PDF", append("docs/stylesheets/site.css", f"\n@media print {{ #{PILLARS[1].title.id} + p {{ display: none; }} }}\n"),  # type: ignore[union-attr]
          {"pdf_edition": ("strategic-alliances.pdf", "missing or changed", "«" + PILLARS[1].body.split("\n\n")[-1].strip()[:30])}),
    Fault("a PDF a viewer shows by its file name", nothing, {"pdf_edition": ("strategic-alliances.pdf", "no /DisplayDocTitle")},
          output=in_output("strategic-alliances.pdf", lambda b: b.replace(b"/DisplayDocTitle", b"/DisplayDocTitlX"))),
    # The build's rules: settings
    *(Fault(f"a SITE_URL that {what}", nothing, {"build": (f"SITE_URL={url!r}",)}, rule=rule, env={"SITE_URL": url}) for rule, what, url in [
        ("url-empty", "is empty", ""), ("url-space", "holds a space", "https://example.org/a site/"), ("url-character", "holds a quote", 'https://example.org/a"b/'),
        ("url-scheme", "is relative", "strategic-alliances/"), ("url-host", "has no host", "https:///site/"),
        ("url-query", "has a query", "https://example.org/site/?x=1"), ("url-fragment", "has a fragment", "https://example.org/site/#top"),
        ("url-segment", "has a doubled slash", "https://example.org//site/"), ("url-password", "carries a password", "https://me:pw@example.org/site/")]),
    Fault("a REPO_URL that is not a URL", nothing, {"build": ("REPO_URL='github.com/someone/fork'", "absolute http")}, rule="url-scheme", env={"REPO_URL": "github.com/someone/fork"}),
    Fault("a repo_url in mkdocs.yml that holds a quote", config(lambda d: d.__setitem__("repo_url", 'https://github.com/someone/a"b')), {"build": ("mkdocs.yml: repo_url", "holds '\"'")}, rule="url-character"),
    Fault("an edit_uri that would break out of the edit link", config(lambda d: d.__setitem__("edit_uri", 'edit/main/docs/"><b>x</b>/')), {"build": ("mkdocs.yml: edit_uri: holds",)}, rule="url-character"),
    Fault("a page whose file name holds a quote", both(append('docs/sandbox-"page".md', "---\ndescription: A page.\n---\n\n# Page { #sandbox-page }\n"), config(lambda d: d["nav"].append({"Sandbox": 'sandbox-"page".md'}))),
          {"build": ('docs/sandbox-"page".md: its file name holds \'"\'',)}, rule="file-name"),
    Fault("a SOURCE_DATE_EPOCH that is not a number", nothing, {"build": ("SOURCE_DATE_EPOCH='yesterday'",)}, rule="epoch", env={"SOURCE_DATE_EPOCH": "yesterday"}),
    Fault("mkdocs.yml that is not YAML", append("mkdocs.yml", "\nextra_css: [unclosed\n"), {"build": ("mkdocs.yml: is not valid YAML",)}, rule="config-yaml"),
    Fault("mkdocs.yml that is a list", both(delete("mkdocs.yml"), append("mkdocs.yml", "- site_name\n")), {"build": ("mkdocs.yml: must be a mapping",)}, rule="config-mapping"),
    Fault("a PDF edition whose name holds a quote", config(lambda d: d["extra"].__setitem__("pdf", 'essay".pdf')), {"build": ("mkdocs.yml: extra.pdf",)}, rule="pdf-name"),
    Fault("a PDF edition in a folder", config(lambda d: d["extra"].__setitem__("pdf", "pdf/essay.pdf")), {"build": ("mkdocs.yml: extra.pdf",)}, rule="pdf-name"),
    Fault("no Chromium to print with", nothing, {"build": ("CHROMIUM='/no/such/chromium' is no file",)}, rule="chromium", env={"CHROMIUM": "/no/such/chromium"}, pdf=True),
    # The build's rules: the nav and the maps of moves
    Fault("no nav", config(lambda d: d.pop("nav")), {"build": ("mkdocs.yml: 'nav' is missing",)}, rule="nav-list"),
    Fault("a nav entry without a title", config(lambda d: d["nav"].append("sandbox-orphan.md")), {"build": ("mkdocs.yml: nav entry 'sandbox-orphan.md' is not one 'Title: file.md' pair",)}, rule="nav-entry"),
    Fault("a nav entry pointing to no file", delete(SECOND),
          {"build": ("mkdocs.yml", f"'{PILLARS[1].nav_title}: {PILLARS[1].source}' points to no file")}, rule="nav-file"),
    Fault("a page dropped from the navigation", config(lambda d: d["nav"].remove(nav_item(d, PILLARS[-1].source)[0])),
          {"build": (LAST, "is not in the navigation")}, rule="nav-omits"),
    Fault("an orphan page added under docs/", append("docs/sandbox-orphan.md", ORPHAN), {"build": ("docs/sandbox-orphan.md", "is not in the navigation")}, rule="nav-omits"),
    Fault("a page listed twice", config(lambda d: d["nav"].append({"Again": PILLARS[0].source})), {"build": (f"nav lists {PILLARS[0].source} more than once",)}, rule="nav-twice"),
    Fault("a moved anchor written with a leading slash", moved("moved_anchors", f"/{P_URL}#old", f"{P_URL}#{P_ID}"),
          {"build": ("mkdocs.yml: extra.moved_anchors entry", "must be written 'page/#old-id': 'page/#new-id'")}, rule="moved-anchor-form"),
    Fault("a moved anchor on a page that does not exist", moved("moved_anchors", "sandbox-annex/#old", f"{P_URL}#{P_ID}"),
          {"build": ("'sandbox-annex/#old'", "no page at /sandbox-annex/")}, rule="moved-anchor-page"),
    Fault("a moved anchor leading nowhere", moved("moved_anchors", f"{P_URL}#old", f"{P_URL}#nowhere"),
          {"build": (f"/{P_URL}#nowhere is no page's heading id",)}, rule="moved-anchor-target"),
    Fault("a moved anchor whose old name is another page's label", moved("moved_anchors", f"{C_URL}#{P_ID}", f"{C_URL}#{C_ID}"),
          {"build": ("inventory name", "is also given by")}, rule="inventory-name"),
    Fault("a moved page written with a leading slash", moved("redirect_maps", "/sandbox-old.md", PILLARS[0].source), {"build": ("redirect_maps entry '/sandbox-old.md'", "must be written 'old.md': 'new.md'")}, rule="redirect-form"),
    Fault("a moved page leading to a page that does not exist", moved("redirect_maps", "sandbox-old.md", "sandbox-missing.md"), {"build": ("redirect_maps entry 'sandbox-old.md': 'sandbox-missing.md'", "must be a page in the nav")}, rule="redirect-target"),
    Fault("a moved_anchors map that is a list", config(lambda d: d["extra"].__setitem__("moved_anchors", ["a"])), {"build": ("mkdocs.yml: extra.moved_anchors: must be a mapping",)}, rule="map-mapping"),
    # The build's rules: pages and front matter
    Fault("a page without front matter", sandbox_page("# Sandbox { #sandbox-page }\n"), {"build": (SANDBOX, "no front matter")}, rule="front-matter"),
    Fault("front matter never closed", sandbox_page("---\ndescription: A page.\n\n# Sandbox { #sandbox-page }\n"), {"build": (SANDBOX, "never closed")}, rule="front-matter-closed"),
    Fault("malformed YAML front matter", sandbox_page("---\ndescription: [unclosed\n---\n\n# Sandbox { #sandbox-page }\n"), {"build": (SANDBOX, "front matter is not valid YAML")}, rule="front-matter-yaml"),
    Fault("front matter that is a list", sandbox_page("---\n- description\n---\n\n# Sandbox { #sandbox-page }\n"), {"build": (SANDBOX, "must be a YAML mapping")}, rule="front-matter-mapping"),
    Fault("a page without its own heading", sandbox_page("---\ndescription: A page.\n---\n\nText.\n"), {"build": (SANDBOX, "has no '# Heading { #id }'")}, rule="page-heading"),
    Fault("front matter without a description", meta(CONCLUSION, "description"), {"build": (CONCLUSION, "no 'description'")}, rule="description-missing"),
    Fault("a description that is not text", meta(CONCLUSION, "description", 42), {"build": (CONCLUSION, "'description' must be text, not int")}, rule="description-text"),
    Fault("a description of two sentences", meta(CONCLUSION, "description", "Why alliances matter. What they give."), {"build": (CONCLUSION, "exactly one sentence")}, rule="description-sentence"),
    Fault("a description without its full stop", meta(CONCLUSION, "description", "Why alliances matter"), {"build": (CONCLUSION, "exactly one sentence")}, rule="description-sentence"),
    Fault("a page's description copied from another page", meta(LAST, "description", PILLARS[1].description),
          {"build": (LAST, f"'description' is the same as {SECOND}'s")}, rule="description-twice"),
    Fault("an unknown role", meta(LAST, "role", "pilar"), {"build": (LAST, "'role: pilar' is not one of")}, rule="role-unknown"),
    Fault("two pages claim the conclusion", meta(LAST, "role", "conclusion"), {"build": ("mkdocs.yml", "exactly one page with 'role: conclusion'", LAST)}, rule="role-one"),
    Fault("no pillar", both(*(meta(f"docs/{p.source}", "role") for p in PILLARS)), {"build": ("mkdocs.yml: no page has 'role: pillar'",)}, rule="role-pillar"),
    Fault("the conclusion first in the nav", config(move_conclusion_first), {"build": ("mkdocs.yml: nav puts the essay's parts as ['conclusion'",)}, rule="role-order"),
    Fault("front matter that hides a number", meta(FIRST, "hide", 5), {"build": (f"{FIRST}: 'hide' must be a list",)}, rule="front-matter-type"),
    Fault("front matter whose search setting is a number", meta(FIRST, "search", 5), {"build": (f"{FIRST}: 'search' must be a mapping",)}, rule="front-matter-type"),
    Fault("a page template that does not exist", meta(FIRST, "template", "sandbox.html"), {"build": (f"{FIRST}: 'template: sandbox.html' is no template",)}, rule="template-missing"),
    Fault("a page template outside the templates", meta(FIRST, "template", "../mkdocs.yml"), {"build": (f"{FIRST}: 'template: ../mkdocs.yml' is no template",)}, rule="template-missing", engine="zensical"),
    Fault("an icon name that is not one", meta(FIRST, "icon", "Material Handshake"), {"build": (FIRST, "must name an icon such as")}, rule="icon-name"),
    Fault("an icon that does not exist", meta(FIRST, "icon", "material/handshakes"), {"build": (FIRST, "'icon: material/handshakes' is not in the theme's icon set")}, rule="icon-missing"),
    Fault("markup in a front-matter title", meta(FIRST, "title", "<b>Bold</b> ties"), {"build": (f"{FIRST}: 'title' '<b>Bold</b> ties' would become markup",)}, rule="raw-markup"),
    Fault("a '<' in a front-matter title", meta(FIRST, "title", "Costs < gains"), {"build": (f"{FIRST}: 'title' 'Costs < gains' would become markup",)}, rule="raw-markup"),
    Fault("a named character reference in a front-matter subtitle", meta(FIRST, "subtitle", "Ties &amp bonds"), {"build": (f"{FIRST}: 'subtitle' 'Ties &amp bonds' would become markup",)}, rule="raw-markup"),
    Fault("a numeric character reference in a site name under Zensical", config(lambda d: d.__setitem__("site_name", "Ties &#60;b&#62;")),
          {"build": ("mkdocs.yml: site_name 'Ties &#60;b&#62;' would become markup",)}, rule="raw-markup", engine="zensical"),
    Fault("a quoted site name under Zensical", config(lambda d: d.__setitem__("site_name", 'Ties "that bind"')),
          {"build": ("mkdocs.yml: site_name 'Ties \"that bind\"' would become markup", "ENGINE=zensical")}, rule="raw-markup", engine="zensical"),
    Fault("markup in a nav title under Zensical", config(lambda d: retitle(d, PILLARS[0].source, "Ties <em>that</em> bind")),
          {"build": ("mkdocs.yml: nav title 'Ties <em>that</em> bind' would become markup", "ENGINE=zensical")}, rule="raw-markup", engine="zensical"),
    Fault("a heading without an explicit id", append(FIRST, "\n## Further reading\n"), {"build": (FIRST, "'Further reading' has no explicit id")}, rule="heading-id"),
    Fault("two headings with the same id on one page", append(FIRST, f"\n## Again {{ #{P_ID} }}\n"),
          {"build": (FIRST, f"heading id '#{P_ID}' is already used")}, rule="heading-id-twice"),
    Fault("one heading id on two pages", append(LAST, f"\n## Partners {{ #{P_ID} }}\n"),
          {"build": (LAST, f"heading id '#{P_ID}' is also used in {FIRST}")}, rule="heading-id-shared"),
    Fault("a page that is not UTF-8 (Windows-1252)", resaved(CURLY, "\u2019".encode(), b"\x92", 1), {"build": (f"{CURLY}:", "is not UTF-8 (byte 0x92)")}, rule="encoding"),
    Fault("a page saved with old Mac line ends", resaved(FIRST, b"\n", b"\r"), {"build": (f"{FIRST}:1:", "bare carriage return")}, rule="line-ends"),
    Fault("a symbolic link in docs/ to a file outside the repository", symlink("docs/sandbox-environment.md", "/proc/self/environ"),
          {"build": ("docs/sandbox-environment.md", "is a symbolic link to /proc/self/environ")}, rule="symlink"),
    Fault("a symbolic link in overrides/", symlink("overrides/partials/sandbox-secrets.html", "/etc/hostname"),
          {"build": ("overrides/partials/sandbox-secrets.html", "is a symbolic link to /etc/hostname")}, rule="symlink"),
    Fault("templates from a folder outside the repository", config(lambda d: d["theme"].__setitem__("custom_dir", "../sandbox-templates")),
          {"build": ("mkdocs.yml: theme.custom_dir is '../sandbox-templates'; it must be 'overrides'",)}, rule="layout"),
    Fault("pages from a folder outside the repository", config(lambda d: d.__setitem__("docs_dir", "/etc")),
          {"build": ("mkdocs.yml: docs_dir is '/etc'; it must be 'docs'",)}, rule="layout"),
    Fault("templates left out (no custom_dir)", config(lambda d: d["theme"].pop("custom_dir")),
          {"build": ("mkdocs.yml: theme.custom_dir is None; it must be 'overrides'",)}, rule="layout"),
    Fault("a template Jinja cannot read", append("overrides/home.html", "{% if sandbox %}\n"), {"build": ("overrides/home.html:", "Unexpected end of template")}, rule="template"),
    Fault("a template that includes one that does not exist", append("overrides/404.html", '{% include "partials/sandbox.html" %}\n'), {"build": ("overrides/: a template uses 'partials/sandbox.html', which neither",)}, rule="template"),
    Fault("a template that reads an attribute of nothing", edit("overrides/404.html", "{% endblock %}", "{{ sandbox.a.b }}{% endblock %}"), {"build": ("overrides/: UndefinedError: 'sandbox' is undefined",)}, rule="template"),
    Fault("a Markdown extension that is not installed, under Zensical", config(lambda d: d["markdown_extensions"].append("sandbox_extension")),
          {"build": ("mkdocs.yml: zensical:", "No module named 'sandbox_extension'")}, rule="engine", engine="zensical"),
    Fault("a stylesheet that is not there", config(lambda d: d["extra_css"].append("stylesheets/sandbox.css")), {"build": ("mkdocs.yml: extra_css 'stylesheets/sandbox.css' is no file",)}, rule="asset-missing"),
    Fault("a favicon that is not there", config(lambda d: d["theme"].__setitem__("favicon", "assets/sandbox.svg")), {"build": ("mkdocs.yml: favicon 'assets/sandbox.svg' is no file",)}, rule="asset-missing", engine="zensical"),
    Fault("another theme", config(lambda d: d["theme"].__setitem__("name", "readthedocs")), {"build": ("mkdocs.yml: theme must be a mapping with 'name: material'",)}, rule="theme"),
    Fault("a scheme toggle that is not a mapping", config(lambda d: d["theme"]["palette"][1].__setitem__("toggle", 3)),
          {"build": ("mkdocs.yml: theme.palette option 2 needs a toggle with an icon and a name",)}, rule="palette"),
    Fault("a palette that is a number", config(lambda d: d["theme"].__setitem__("palette", 5)), {"build": ("mkdocs.yml: theme.palette option 1",)}, rule="palette", engine="zensical"),
    Fault("a language the theme does not have", config(lambda d: d["theme"].__setitem__("language", "xx")),
          {"build": ("mkdocs.yml: theme.language 'xx' is not one of the theme's languages",)}, rule="language"),
    Fault("a language that is a path", config(lambda d: d["theme"].__setitem__("language", "../../base")),
          {"build": ("mkdocs.yml: theme.language '../../base'",)}, rule="language", engine="zensical"),
    Fault("an empty site name", config(lambda d: d.__setitem__("site_name", " ")), {"build": ("mkdocs.yml: site_name is empty",)}, rule="site-name"),
    Fault("a nav entry with an empty title", config(lambda d: retitle(d, PILLARS[0].source, "")), {"build": ("mkdocs.yml: nav entry", "has no title")}, rule="nav-title"),
    Fault("settings inherited from a file outside the repository", config(lambda d: d.__setitem__("INHERIT", "../sandbox-base.yml")),
          {"build": ("mkdocs.yml: INHERIT: write the settings in mkdocs.yml itself",)}, rule="inherit"),
]  # fmt: skip

# Rules proven by tests of their own, which assert the rule on the BuildError they provoke.
PROVEN_ELSEWHERE = {
    "engine-name": "tests/test_build.py::test_an_unknown_engine_is_named",
    "site-dir": "tests/test_build.py::test_a_folder_with_no_build_is_named",
    "site-dir-unsafe": "tests/test_build.py::test_a_site_dir_that_would_delete_the_project_is_refused",
    "dev-addr": "tests/test_preview.py::test_a_bad_or_busy_dev_addr_is_named",
    "dev-addr-free": "tests/test_preview.py::test_a_bad_or_busy_dev_addr_is_named",
}


def test_every_guard_is_proven_by_a_fault() -> None:
    proven = {guard for fault in FAULTS for guard in fault.caught_by}
    assert set(GUARDS) <= proven, f"guards no fault proves: {sorted(set(GUARDS) - proven)}"


def test_every_rule_of_the_build_is_proven_by_a_fault() -> None:
    """Every rule the build code names: each problem line ends with its rule, '... [rule]'."""
    code = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "sitebuild").glob("*.py")))
    rules = set(re.findall(r" \[([a-z]+(?:-[a-z]+)*)\]\"", code))
    assert len(rules) > 30, f"found only {sorted(rules)}: is the scan reading sitebuild/?"
    proven = {f.rule for f in FAULTS if f.rule} | set(PROVEN_ELSEWHERE)
    assert rules <= proven, f"rules no fault proves: {sorted(rules - proven)}"
    assert proven <= rules, f"faults prove rules the code no longer has: {sorted(proven - rules)}"


@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_fault_is_caught(fault: Fault, project: Project, tmp_path: Path, browser: Browser) -> None:
    copy = project.copy_to(tmp_path / "project")
    if "published_links" in fault.caught_by:
        commit(copy)
    fault.inject(copy)
    lenient: BuiltSite | None = None
    for guard, words in fault.caught_by.items():
        if guard == "build":
            with pytest.raises(BuildError) as failure:
                build(copy, tmp_path / "strict", env=fault.env, engine=fault.engine, pdf=fault.pdf)
            assert fault.rule in failure.value.rules, (
                f"{fault.name}: rule {fault.rule!r} did not fire: {failure.value}"
            )
            message = str(failure.value)
        else:
            if lenient is None:
                pdf = browser if "pdf_edition" in fault.caught_by else False
                built = build(copy, tmp_path / "site", env=fault.env, strict=False, pdf=pdf)
                if fault.output:
                    fault.output(built.site_dir)
                lenient = BuiltSite(built)
            message = "\n".join(run(lenient, guard))
        missing = [w for w in words if w not in message]
        assert not missing, f"{fault.name}: '{guard}' did not report {missing}:\n{message}"
