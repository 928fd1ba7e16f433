"""The fault matrix: each case breaks a copy of the project as a maintainer might, and what should
catch it must say so, naming the file to fix: "build" is strict `mkdocs build` (the hooks' warnings
and MkDocs' own), any other name a guard (guards.py; browser.py in Chromium) over a lenient build.
A guard no fault breaks is a hope. Expected words come from the config and the seed, not today's."""

import logging
import zlib
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort
from playwright.sync_api import Browser

from tests.conftest import FORK, MOVE, PAGES, WHOLE, build
from tests.support.browser import BROWSER_GUARDS
from tests.support.edits import Change, append, both, config, edit, meta, move_anchor, moves, option
from tests.support.guards import GUARDS
from tests.support.project import Env, Project, with_role

PILLARS = with_role(PAGES, "pillar")
FIRST, LAST = (f"docs/{p.file.src_uri}" for p in (PILLARS[0], PILLARS[-1]))
P_URL, P_ID = PILLARS[0].url, PILLARS[0].toc.items[0].id
CONCLUSION = with_role(PAGES, "conclusion")[0]
C_URL, C_ID, C_FILE = CONCLUSION.url, CONCLUSION.toc.items[0].id, f"docs/{CONCLUSION.file.src_uri}"
SENTENCE = "Joint military exercises with strategic partner nations serve to develop military strategies, best practices, and procedures."
MILITARY = next(f"docs/{p.file.src_uri}" for p in PILLARS if SENTENCE in str(p.markdown))
CURLY = next(f"docs/{p.file.src_uri}" for p in PILLARS if "\u2019" in str(p.markdown))
HOME = f"docs/{PAGES[0].file.src_uri}"
SANDBOX = "docs/sandbox-page.md"  # what faults add is named sandbox-*: no real page collides


@dataclass(frozen=True)
class Fault:
    name: str
    inject: Change
    caught_by: dict[str, tuple[str, ...]]  # "build" or a guard -> words its message must contain
    env: Env = None  # settings the build runs with
    output: Callable[[Path], object] = lambda site: None  # a fault in what was built, not a source


def in_output(relative: str, change: Callable[[bytes], bytes]) -> Callable[[Path], object]:
    return lambda site: (site / relative).write_bytes(change((site / relative).read_bytes()))


def ghost_entry(data: bytes) -> bytes:
    header, _, body = data.partition(b"zlib.\n")
    entries = zlib.decompress(body) + f"ghost std:label -1 {P_URL}#ghost Ghost\n".encode()
    return header + b"zlib.\n" + zlib.compress(entries)


def sandbox_page(text: str) -> Change:
    """A page of the fault's own, listed in the nav."""
    nav = config(lambda d: d["nav"].append({"Sandbox": "sandbox-page.md"}))
    return both(append(SANDBOX, text), nav)


def moved(where: str, old: str, new: str) -> Change:
    """One entry in a map of moves: `where` is 'moved_anchors' or 'redirect_maps'."""
    return config(lambda d: moves(d, where).update({old: new}))


def swap_toggle_names(data: Any) -> None:  # a label that lies: light's and dark's names swapped
    light, dark = (data["theme"]["palette"][index]["toggle"] for index in (1, 2))
    light["name"], dark["name"] = dark["name"], light["name"]


MAIN = "overrides/main.html"
FAULTS = [
    # The essay's words
    Fault("a seed sentence reworded", edit(MILITARY, "best practices, and procedures", "best practice and procedure"), {"words": (MILITARY, "changes the author's words", "best practice and procedure")}),
    Fault("a curly apostrophe straightened", edit(CURLY, "\u2019", "'"), {"words": (CURLY, "changes the author's words")}),
    Fault("the author's sentence copied onto a wrong page as a list", append(LAST, f"\n- {SENTENCE}\n"), {"words": (LAST, "adds li «Joint military exercises")}),
    Fault("the seed reworded along with its page", both(edit("seeds/strategic-alliances.md", "best practices,", "best practice,"), edit(MILITARY, "best practices,", "best practice,")), {"words": ("seeds/strategic-alliances.md", "is not the essay's source of record")}),
    Fault("a page dropped from the site search", meta(HOME, "search", {"exclude": True}), {"search": (HOME, "is not in the site search")}),
    # Pages, navigation, what a reader is promised, what controls say
    Fault("the home page's button to the conclusion removed", edit("overrides/home.html", 'item.meta.role == "conclusion"', 'item.meta.role == "nothing"'), {"structure": ("docs/index.md", "no button on to the conclusion")}),
    Fault("previous/next links hidden by a template", edit(MAIN, "{% block content %}", '{% block footer %}<div hidden>{{ super() }}</div>{% endblock %}{% block content %}'), {"features": (FIRST, "its next link leads to None")}),
    Fault("a page that hides its navigation", meta(FIRST, "hide", ["navigation"]), {"features": (FIRST, "navigation is hidden")}),
    Fault("headings no longer link to themselves", config(lambda d: option(d["markdown_extensions"], "toc").update(anchorlink=False)), {"features": (FIRST, "is no link to itself")}),
    Fault("the scheme toggle's names swapped", config(swap_toggle_names), {"labels": ("mkdocs.yml: the scheme toggle", "selects"), "keyboard": ("mkdocs.yml", "the scheme toggle named")}),
    Fault("the repository named by hand, built as a fork", edit("overrides/partials/source.html", '{{ config.repo_url | replace("https://github.com/", "") | trim("/") | e }}', "islamic-nation-docs/strategic-alliances"), {"labels": ("overrides/partials/source.html: the repository link is named", FORK["REPO_URL"].removeprefix("https://github.com/"))}, env=FORK),
    # Links and ids
    Fault("a link to an anchor that does not exist", append(FIRST, f"\nSee [the end]({CONCLUSION.file.src_uri}#sandbox-annex).\n"), {"build": ("does not contain an anchor '#sandbox-annex'",), "links": (FIRST, "no id 'sandbox-annex' on")}),
    Fault("a template that writes the project's sub-path by hand, built as a fork", edit("overrides/home.html", '<a href="{{ pillar.url | url }}">', '<a href="/strategic-alliances/{{ pillar.url }}">'), {"links": ("docs/index.md -> index.html", "names the project's own", "written in overrides/home.html")}, env=FORK),
    Fault("a template that repeats an id", edit(MAIN, "{% block content %}", '{% block content %}<span id="__drawer"></span>'), {"validity": ("docs/index.md -> index.html", "Duplicate ID “__drawer”")}),
    # Published links and the inventory
    Fault("a published anchor renamed with no redirect", edit(FIRST, f"{{ #{P_ID} }}", "{ #sandbox-ties }"), {"published_links": ("published-links.txt", f"/{P_URL}#{P_ID} no longer resolves", "moved_anchors")}),
    Fault("a published line dropped", edit("published-links.txt", f"\n/{C_URL}#{C_ID}\n", "\n"), {"published_links": ("published-links.txt", f"/{C_URL}#{C_ID} was published", f"{C_FILE}: /{C_URL}#{C_ID} is built but not published")}),
    Fault("an objects.inv entry pointing at a missing id", lambda _: None, {"inventory": ("objects.inv", "ghost", "no id 'ghost'")}, output=in_output("objects.inv", ghost_entry)),
    # What crawlers, sharers and agents read
    Fault("a page's sharing title made the site's", edit(MAIN, '<meta property="og:title"', '<meta property="og:title" content="{{ config.site_name | e }}" data-x'), {"sharing": (FIRST, "og:title is")}),
    Fault("robots.txt shutting crawlers out", lambda _: None, {"sharing": ("robots.txt keeps crawlers out of",)}, output=in_output("robots.txt", lambda b: b.replace(b"Allow: /", b"Disallow: /"))),
    Fault("llms.txt missing a page", lambda _: None, {"llms_txt": (C_FILE, "not listed in llms.txt")}, output=in_output("llms.txt", lambda b: b"\n".join(x for x in b.split(b"\n") if f"/{C_URL})".encode() not in x))),
    Fault("a misspelled word in a page's description", meta(C_FILE, "description", "Why strategic alliances are indispensible."), {"spelling": (f"{C_FILE}:", "unknown word 'indispensible'")}),
    Fault("a print style that hides a paragraph from the PDF", append("docs/stylesheets/site.css", f"\n@media print {{ #{PILLARS[1].toc.items[0].id} + p {{ display: none; }} }}\n"), {"pdf_edition": ("strategic-alliances.pdf: missing or changed",)}),
    # In Chromium
    Fault("a web font from another host", edit(MAIN, "{% block extrahead %}", '{% block extrahead %}\n  <link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">'), {"visits": ("overrides/main.html", "requests another host", "https://fonts.googleapis.com")}),
    Fault("a pale link colour", edit("docs/stylesheets/site.css", "--md-typeset-a-color: #00695c;", "--md-typeset-a-color: #80cbc4;"), {"visits": ("docs/stylesheets/site.css", "color-contrast")}),
    Fault("focus rings switched off", append("docs/stylesheets/site.css", "\n:focus-visible { outline: none !important; }\n"), {"focus": ("docs/stylesheets/site.css", "no focus ring")}),
    Fault("the moved-anchor follower removed", both(move_anchor(MOVE["page"][0], *MOVE["id"], WHOLE.url), edit("docs/javascripts/site.js", "follow();", "")), {"moved_anchors": ("docs/javascripts/site.js", "lands on")}),
    Fault("a print rule that shows the header", append("docs/stylesheets/site.css", "\n@media print { .md-header { display: block !important; } }\n"), {"print": ("docs/stylesheets/site.css", "what is not in its article")}),
    # The hooks' warnings: real mistakes MkDocs lets through
    Fault("a heading without an explicit id", append(FIRST, "\n## Further reading\n"), {"build": (FIRST, "heading 'Further reading' has no explicit id")}),
    Fault("two headings with one id on a page", append(FIRST, f"\n## Again {{ #{P_ID} }}\n"), {"build": (FIRST, f"heading id '#{P_ID}' is used twice")}),
    Fault("one heading id on two pages", append(LAST, f"\n## Partners {{ #{P_ID} }}\n"), {"build": (LAST, f"objects.inv would name two places '{P_ID}'")}),
    Fault("a moved anchor whose old name is another page's label", moved("moved_anchors", f"{C_URL}#{P_ID}", f"{C_URL}#{C_ID}"), {"build": ("mkdocs.yml: moved_anchors", f"would name two places '{P_ID}'")}),
    Fault("front matter never closed", sandbox_page("---\ndescription: A page.\n\n# Sandbox { #sandbox-page }\n"), {"build": (SANDBOX, "never closed")}),
    Fault("front matter that is not YAML", sandbox_page("---\ndescription: [unclosed\n---\n\n# Sandbox { #sandbox-page }\n"), {"build": (SANDBOX, "is not valid YAML")}),
    Fault("front matter without a description", meta(C_FILE, "description"), {"build": (C_FILE, "has no 'description")}),
    Fault("a symbolic link in docs/ to a file outside the repository", lambda project: (project.root / "docs/sandbox-environment.md").symlink_to("/proc/self/environ"), {"build": ("docs/sandbox-environment.md", "is a symbolic link to /proc/self/environ")}),
    Fault("a moved anchor written with a leading slash", moved("moved_anchors", f"/{P_URL}#old", f"{P_URL}#{P_ID}"), {"build": ("mkdocs.yml: extra.moved_anchors entry", "must be written 'page/#old-id'")}),
    Fault("a moved anchor leading nowhere", moved("moved_anchors", f"{P_URL}#old", f"{P_URL}#nowhere"), {"build": (f"/{P_URL}#nowhere is no heading",)}),
    Fault("a redirect from a page that still exists", moved("redirect_maps", PILLARS[0].file.src_uri, CONCLUSION.file.src_uri), {"build": (f"'{PILLARS[0].file.src_uri}' is still a page",)}),
]  # fmt: skip


def test_every_guard_is_proven_by_a_fault() -> None:
    proven = {guard for fault in FAULTS for guard in fault.caught_by}
    missing = (set(GUARDS) | set(BROWSER_GUARDS)) - proven
    assert not missing, f"guards no fault proves: {sorted(missing)}"


@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_fault_is_caught(
    fault: Fault, tmp_path: Path, browser: Browser, caplog: pytest.LogCaptureFixture
) -> None:
    copy = Project().copy_to(tmp_path / "project")
    if "published_links" in fault.caught_by:
        copy.commit()  # the lock's history: what the project publishes now
    fault.inject(copy)
    for guard, words in fault.caught_by.items():
        if guard == "build":
            with caplog.at_level(logging.WARNING, "mkdocs"), pytest.raises(Abort):
                build(copy, tmp_path / "strict", fault.env)  # strict: fails on a warning
            message = caplog.text
        else:
            pdf = browser if guard == "pdf_edition" else None
            site = build(copy, tmp_path / guard, fault.env, strict=False, browser=pdf)
            fault.output(site.root)
            found = GUARDS[guard](site) if guard in GUARDS else BROWSER_GUARDS[guard](site, browser)
            message = ""
            for problem in found:  # read until it has said the words: a guard is a generator
                message += problem + "\n"
                if all(word in message for word in words):
                    break
            if isinstance(found, Generator):
                found.close()  # its server and browser context, closed here and now
        missing = [w for w in words if w not in message]
        assert not missing, f"{fault.name}: '{guard}' did not report {missing}:\n{message}"


def test_a_paragraph_crossing_a_printed_sheet_passes(tmp_path: Path, browser: Browser) -> None:
    """What a maintainer may do, the guards let through: here, print styles that move a paragraph
    across two sheets, each with its page number (a renamed title: the hostile copy, conftest)."""
    copy = Project().copy_to(tmp_path / "project")
    push = "\n@media print { .md-typeset h1 { margin-top: 240mm } }\n"
    append("docs/stylesheets/site.css", push)(copy)
    problems = list(GUARDS["pdf_edition"](build(copy, tmp_path / "site", browser=browser)))
    assert not problems, "\n".join(problems)
