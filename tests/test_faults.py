"""The fault matrix: each case copies the project, injects one fault, and requires the guard that
should catch it to report it, naming the file to fix and the fault. "build" is the build itself
(sitebuild: settings, source checks, the strict engine); any other name is a guard from
harness/guards.py, run on a lenient build of the copy exactly as tests/test_guards.py runs it on the
real one. A guard that has never caught anything is a hope; these are the proofs.

To add a case: append a Fault below with the change (harness/sandbox.py has the edits) and the
words each guard's message must contain - the file first, then what is wrong.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from harness.guards import GUARDS
from harness.sandbox import Change, append, both, commit, delete, edit
from harness.site import BuiltSite
from sitebuild.build import build
from sitebuild.pdf import Printer
from sitebuild.project import Project
from sitebuild.published import BuildError


@dataclass(frozen=True)
class Fault:
    name: str
    inject: Change
    caught_by: dict[str, tuple[str, ...]]  # "build" or a guard -> words its message must contain
    env: Mapping[str, str] = field(default_factory=dict)  # settings the build runs with
    output: Callable[[Path], None] | None = None  # a fault in what was built, not in a source

    @property
    def pdf(self) -> bool:
        return "pdf_edition" in self.caught_by


def nothing(_: Project) -> None:
    pass


def in_output(relative: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def corrupt(site: Path) -> None:
        (site / relative).write_bytes(change((site / relative).read_bytes()))

    return corrupt


def bad_inventory_entry(data: bytes) -> bytes:
    header, _, body = data.partition(b"zlib.\n")
    text = zlib.decompress(body) + b"ghost std:label -1 partnerships/#ghost Ghost\n"
    return header + b"zlib.\n" + zlib.compress(text)


def symlink(relative: str, target: str) -> Change:
    return lambda project: (project.root / relative).symlink_to(target)


def non_utf8(relative: str) -> Change:
    """The page saved as Windows-1252: its curly apostrophe becomes the byte 0x92."""

    def change(project: Project) -> None:
        path = project.root / relative
        data = path.read_bytes()
        assert "\u2019".encode() in data, f"set-up: no curly apostrophe in {path}"
        path.write_bytes(data.replace("\u2019".encode(), b"\x92", 1))

    return change


SENTENCE = "Joint military exercises with strategic partner nations serve to develop military strategies, best practices, and procedures."
PARAGRAPH_OF_PARTNERSHIPS = "Strategic alliances of an Islamic nation encompass diplomatic ties"
FONT = '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
ORPHAN = "---\ndescription: A page nobody can reach.\n---\n\n# Orphan { #orphan }\n"
MILITARY, ECONOMIC, PARTNERS = (
    "docs/military-cooperation.md",
    "docs/economic-returns.md",
    "docs/partnerships.md",
)

FAULTS = [
    # The essay's words
    Fault("a seed sentence deleted from its page", edit(MILITARY, SENTENCE + " ", ""),
          {"words": (MILITARY, "changes the author's words", "at character")}),
    Fault("a seed sentence reworded", edit(MILITARY, "best practices, and procedures", "best practice and procedure"),
          {"words": (MILITARY, "changes the author's words", "best practice and procedure")}),
    Fault("a curly apostrophe straightened", edit("docs/intelligence-sharing.md", "nation\u2019s", "nation's"),
          {"words": ("docs/intelligence-sharing.md", "changes the author's words", "nation's")}),
    Fault("emphasis added inside the author's sentence", edit(MILITARY, "strengthens the strategic", "strengthens the *strategic*"),
          {"words": (MILITARY, "adds <em> inside the author's words")}),
    Fault("a paragraph of someone else's prose added to a page", append(ECONOMIC, "\nAlliances also bring tourism.\n"),
          {"words": (ECONOMIC, "adds p «Alliances also bring tourism.»")}),
    Fault("someone else's prose added as a list", append(ECONOMIC, "\n- Alliances also bring tourism.\n"),
          {"words": (ECONOMIC, "adds li «Alliances also bring tourism.»")}),
    Fault("the author's sentence copied onto a wrong page as a list", append(ECONOMIC, f"\n- {SENTENCE}\n"),
          {"words": (ECONOMIC, "adds li «Joint military exercises")}),
    Fault("the author's paragraph copied onto a wrong page, the original kept",
          lambda p: append(ECONOMIC, "\n" + next(line for line in (p.root / PARTNERS).read_text().splitlines() if line.startswith(PARAGRAPH_OF_PARTNERSHIPS)) + "\n")(p),
          {"words": (ECONOMIC, "adds p «Strategic alliances of an Islamic nation encompass")}),
    Fault("the seed reworded along with its page",
          both(edit("seeds/strategic-alliances.md", "best practices, and procedures", "best practice"), edit(MILITARY, "best practices, and procedures", "best practice")),
          {"words": ("seeds/strategic-alliances.md", "is not the essay's source of record")}),
    Fault("a pillar page loses its role", edit(PARTNERS, "role: pillar\n", ""),
          {"words": ("seed section 'Partnerships of Paramount Importance' is carried by no page",)}),
    Fault("a page's description copied from another page",
          edit(ECONOMIC, "How collaboration on defense technologies yields economic dividends in innovation and job growth.",
               "How shared threat data and coordinated operations build an integrated, global security network."),
          {"build": (ECONOMIC, "'description' is the same as docs/intelligence-sharing.md's")}),
    Fault("a page dropped from the site search", edit(ECONOMIC, "---\nrole: pillar", "---\nsearch:\n  exclude: true\nrole: pillar"),
          {"search": (ECONOMIC, "is not in the site search")}),
    # Pages and navigation
    Fault("a pillar's page deleted", delete("docs/intelligence-sharing.md"),
          {"build": ("mkdocs.yml", "Intelligence sharing: intelligence-sharing.md' points to no file")}),
    Fault("a page dropped from the navigation", edit("mkdocs.yml", "  - Economic returns: economic-returns.md\n", ""),
          {"build": (ECONOMIC, "is not in the navigation")}),
    Fault("an orphan page added under docs/", append("docs/orphan.md", ORPHAN),
          {"build": ("docs/orphan.md", "is not in the navigation")}),
    Fault("the home page's button to the conclusion removed", edit("overrides/home.html", 'item.meta.role == "conclusion"', 'item.meta.role == "nothing"'),
          {"pages": ("docs/index.md", "no button on to the conclusion")}),
    Fault("two pages claim the conclusion", edit(ECONOMIC, "role: pillar", "role: conclusion"),
          {"build": ("mkdocs.yml", "exactly one page with 'role: conclusion'", ECONOMIC)}),
    Fault("an unknown role", edit(ECONOMIC, "role: pillar", "role: pilar"),
          {"build": (ECONOMIC, "'role: pilar' is not one of")}),
    # Links and ids
    Fault("a relative link to a page that does not exist", append(PARTNERS, "\nSee [the annex](annex.md).\n"),
          {"build": ("partnerships.md", "annex.md", "not found"), "links": (PARTNERS, "annex.md", "no file at")}),
    Fault("a link to an anchor that does not exist", append(PARTNERS, "\nSee [the annex](conclusion.md#annex).\n"),
          {"build": ("partnerships.md", "does not contain an anchor '#annex'"), "links": (PARTNERS, "no id 'annex' on conclusion/index.html")}),
    Fault("an image that does not exist", append(PARTNERS, "\n![A map](map.png)\n"),
          {"build": ("partnerships.md", "map.png", "not found"), "links": (PARTNERS, "map.png", "no file at")}),
    Fault("two headings with the same id on one page", append(PARTNERS, "\n## Again { #partnerships }\n"),
          {"build": (PARTNERS, "heading id '#partnerships' is already used")}),
    Fault("one heading id on two pages", append(ECONOMIC, "\n## Partners { #partnerships }\n"),
          {"build": (ECONOMIC, "heading id '#partnerships' is also used in docs/partnerships.md")}),
    Fault("a heading without an explicit id", append(PARTNERS, "\n## Further reading\n"),
          {"build": (PARTNERS, "'Further reading' has no explicit id")}),
    Fault("a template that repeats an id", edit("overrides/main.html", "{% block content %}", '{% block content %}<span id="__drawer"></span>'),
          {"duplicate_ids": ("docs/index.md", "id '__drawer' is used 2 times")}),
    Fault("a template that breaks its markup", edit("overrides/main.html", '<meta name="twitter:card" content="summary">', '<meta name="twitter:card" content="summary" content="large">'),
          {"validity": ("docs/partnerships.md -> partnerships/index.html", "Duplicate attribute")}),
    # Front matter and encodings
    Fault("malformed YAML front matter", edit(PARTNERS, "description: >-", "description: [unclosed"),
          {"build": (PARTNERS, "front matter is not valid YAML")}),
    Fault("front matter without a description", edit("docs/conclusion.md", "description: >-", "summary: >-"),
          {"build": ("docs/conclusion.md", "no 'description'")}),
    Fault("a description that is not text", edit("docs/conclusion.md", "description: >-\n  Why strategic alliances are indispensable, what sustaining them demands, and what they give the nation.", "description: 42"),
          {"build": ("docs/conclusion.md", "'description' must be text, not int")}),
    Fault("an icon that does not exist", edit(PARTNERS, "icon: material/handshake", "icon: material/handshakes"),
          {"build": (PARTNERS, "'icon: material/handshakes' does not exist")}),
    Fault("a page that is not UTF-8", non_utf8("docs/intelligence-sharing.md"),
          {"build": ("docs/intelligence-sharing.md:10", "is not UTF-8 (byte 0x92)")}),
    # Settings and what gets published
    Fault("an empty SITE_URL", nothing, {"build": ("SITE_URL=''", "is empty")}, env={"SITE_URL": ""}),
    Fault("a relative SITE_URL", nothing, {"build": ("SITE_URL='strategic-alliances/'", "absolute http")}, env={"SITE_URL": "strategic-alliances/"}),
    Fault("a SITE_URL that is not http(s)", nothing, {"build": ("SITE_URL='ftp://example.org/site/'", "absolute http")}, env={"SITE_URL": "ftp://example.org/site/"}),
    Fault("a SITE_URL with a query string", nothing, {"build": ("SITE_URL='https://example.org/site/?x=1'", "query string")}, env={"SITE_URL": "https://example.org/site/?x=1"}),
    Fault("a SITE_URL with a doubled slash", nothing, {"build": ("SITE_URL='https://example.org//site/'", "empty path segment")}, env={"SITE_URL": "https://example.org//site/"}),
    Fault("a REPO_URL that is not a URL", nothing, {"build": ("REPO_URL='github.com/someone/fork'", "absolute http")}, env={"REPO_URL": "github.com/someone/fork"}),
    Fault("a symbolic link in docs/ to a file outside the repository", symlink("docs/environment.md", "/proc/self/environ"),
          {"build": ("docs/environment.md", "is a symbolic link to /proc/self/environ")}),
    Fault("a symbolic link in overrides/", symlink("overrides/partials/secrets.html", "/etc/hostname"),
          {"build": ("overrides/partials/secrets.html", "is a symbolic link to /etc/hostname")}),
    Fault("strict mode turned off", edit("mkdocs.yml", "strict: true", "strict: false"),
          {"strictness": ("mkdocs.yml", "'strict' must be true")}),
    Fault("a validation check loosened", edit("mkdocs.yml", "    anchors: warn", "    anchors: info"),
          {"strictness": ("mkdocs.yml", "validation.links.anchors is 'info'")}),
    # Published links
    Fault("a published anchor renamed with no redirect", edit(PARTNERS, "{ #partnerships }", "{ #ties }"),
          {"published_links": ("published-links.txt", "/partnerships/#partnerships no longer resolves", "moved_anchors",
                               "docs/partnerships.md: /partnerships/#ties is built but not published")}),
    Fault("a published line rewritten in place", both(edit(PARTNERS, "{ #partnerships }", "{ #ties }"), edit("published-links.txt", "/partnerships/#partnerships\n", "/partnerships/#ties\n")),
          {"published_links": ("published-links.txt", "/partnerships/#partnerships was published (commit", "is gone from the lock", "moved_anchors")}),
    Fault("a published line dropped", edit("published-links.txt", "/conclusion/#conclusion\n", ""),
          {"published_links": ("published-links.txt", "/conclusion/#conclusion was published", "docs/conclusion.md: /conclusion/#conclusion is built but not published")}),
    Fault("an objects.inv entry pointing at a missing id", nothing,
          {"inventory": ("objects.inv", "ghost", "no id 'ghost'")}, output=in_output("objects.inv", bad_inventory_entry)),
    # Privacy
    Fault("an image from another host in a page", append(PARTNERS, '\n<img src="https://example.com/map.png" alt="A map">\n'),
          {"privacy": (PARTNERS, "<img src> loads https://example.com/map.png")}),
    Fault("a web font from another host in a template override", edit("overrides/main.html", "{% block extrahead %}", "{% block extrahead %}" + FONT),
          {"privacy": ("docs/index.md", "<link href> loads https://fonts.googleapis.com")}),
    Fault("a script from another host in a template override", edit("overrides/main.html", "{% block extrahead %}", '{% block extrahead %}<script src="https://cdn.example.com/a.js"></script>'),
          {"privacy": ("docs/partnerships.md", "<script src> loads https://cdn.example.com/a.js")}),
    Fault("a stylesheet importing from another host", edit("docs/stylesheets/site.css", "[data-md-color-primary", '@import url("https://cdn.example.com/x.css");\n[data-md-color-primary'),
          {"privacy": ("docs/stylesheets/site.css", "loads https://cdn.example.com/x.css")}),
    Fault("a background image from another host in a stylesheet", append("docs/stylesheets/site.css", "\nbody { background: url(https://cdn.example.com/bg.png); }\n"),
          {"privacy": ("docs/stylesheets/site.css", "loads https://cdn.example.com/bg.png")}),
    # What crawlers, sharers and agents read
    Fault("a page's sharing title made the site's", edit("overrides/main.html", '<meta property="og:title"', '<meta property="og:title" content="{{ config.site_name | e }}" data-x'),
          {"sharing": (PARTNERS, "og:title is 'Strategic Alliances', expected 'Partnerships - Strategic Alliances'")}),
    Fault("robots.txt shutting crawlers out", nothing,
          {"sharing": ("robots.txt", "keeps crawlers out of")}, output=in_output("robots.txt", lambda b: b.replace(b"Allow: /", b"Disallow: /"))),
    Fault("llms.txt missing a page", nothing,
          {"llms_txt": ("docs/conclusion.md", "not listed in llms.txt")}, output=in_output("llms.txt", lambda b: b"\n".join(x for x in b.split(b"\n") if b"/conclusion/" not in x))),
    Fault("a misspelled word in a page's description", edit("docs/conclusion.md", "Why strategic alliances are indispensable", "Why strategic alliances are indispensible"),
          {"spelling": ("docs/conclusion.md:4", "unknown word 'indispensible'")}),
    Fault("a print style that hides a paragraph from the PDF", append("docs/stylesheets/site.css", "\n@media print { #military-cooperation + p { display: none; } }\n"),
          {"pdf_edition": ("strategic-alliances.pdf", "missing or changed", "«These alliances go well beyond")}),
]  # fmt: skip


def test_every_guard_is_proven_by_a_fault() -> None:
    proven = {guard for fault in FAULTS for guard in fault.caught_by}
    assert set(GUARDS) <= proven, f"guards no fault proves: {sorted(set(GUARDS) - proven)}"


@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_fault_is_caught(fault: Fault, project: Project, tmp_path: Path, printer: Printer) -> None:
    copy = project.copy_to(tmp_path / "project")
    commit(copy)
    fault.inject(copy)
    lenient: BuiltSite | None = None
    for guard, words in fault.caught_by.items():
        if guard == "build":
            with pytest.raises(BuildError) as failure:
                build(copy, tmp_path / "strict", env=fault.env, pdf=False)
            message = str(failure.value)
        else:
            if lenient is None:
                pdf = printer if fault.pdf else False
                built = build(copy, tmp_path / "site", env=fault.env, strict=False, pdf=pdf)
                if fault.output:
                    fault.output(built.site_dir)
                lenient = BuiltSite(built)
            message = "\n".join(GUARDS[guard](lenient))
        missing = [w for w in words if not re.search(re.escape(w), message)]
        assert not missing, f"{fault.name}: '{guard}' did not report {missing}:\n{message}"
