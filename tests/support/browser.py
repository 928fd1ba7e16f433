"""What only a browser shows, in Chromium through Playwright. Each guard serves a build as GitHub
Pages does and yields its problems, each naming the file to fix; EXERCISED counts what it checked.
Hand-written beyond axe-core (weighed first): it has no rule for keys, focus rings, search or paper."""

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from io import BytesIO
from itertools import chain
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, Request
from playwright.sync_api import ViewportSize as Size
from pypdf import PdfReader

from tests.support.guards import parts, section_of
from tests.support.project import Section, read_seed
from tests.support.server import serve
from tests.support.site import BuiltSite

SIZES = {"desktop": Size(width=1280, height=800), "phone": Size(width=390, height=844)}
SCHEMES = {"light": "default", "dark": "slate"}  # a system's preference -> Material's scheme
EXERCISED: Counter[str] = Counter()  # what each guard checked: pages, axe runs, Tab stops...
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
COLOUR = ["color-contrast", "link-in-text-block"]  # the axe rules whose verdict a scheme changes
ONLY = {"light": {"type": "tag", "values": TAGS}, "dark": {"type": "rule", "values": COLOUR}}
# Both schemes at desktop size, the light one at phone size (its header buttons: alike in both).
RUNS = (("desktop", "light"), ("desktop", "dark"), ("phone", "light"))
VIOLATIONS = {"resultTypes": ["violations"], "reporter": "no-passes"}  # all that axe sends back
# What the guards ask of a page (those `waited` for are false until what they wait for shows):
MATCH = "selectors => selectors.every((s) => document.querySelector(s))"  # all on the page
SHOWN = {s: f"body[data-md-color-scheme={m}]" for s, m in SCHEMES.items()}  # Material shows it
SCHEME = """m => {  // once media is not `m`: the focused toggle's name, media and scheme
    const { mdColorMedia: media, mdColorScheme: scheme } = document.body.dataset;
    return media !== m && [document.activeElement.ariaLabel, media, scheme];
}"""
FOCUS = "s => document.querySelector(s)?.focus()"
LANDED = "([url, id]) => location.href === url && (!id || !!document.getElementById(id))"
FIRST = """w => document.querySelector(`.md-search-result__item a[href*='h=${w}']`)?.pathname
    || /^No matching/.test(document.querySelector(".md-search-result__meta").textContent)
    && 'no page'"""


@contextmanager  # a page in a new context at `size`, and the URL the build is served at meanwhile
def opened(site: BuiltSite, browser: Browser, size: str = "desktop") -> Iterator[tuple[Page, str]]:
    with serve(site.root, site.base_path) as url, browser.new_context(viewport=SIZES[size]) as c:
        yield c.new_page(), url


def load(page: Page, url: str, site: BuiltSite, sizes: Iterable[str]) -> Iterator[tuple[str, str]]:
    # Every page in nav order, then the 404 page three deep, at each size: loaded, (size, file).
    for size, file in ((size, file) for size in sizes for file in [*site.page_files, "404.html"]):
        page.set_viewport_size(SIZES[size])
        page.goto(url + ("no/such/page/" if file == "404.html" else file[: -len("index.html")]))
        yield size, file


def waited(page: Page, condition: str, arg: Any = None) -> Any:  # its value once true, or None
    try:
        return page.wait_for_function(condition, arg=arg, timeout=2000).json_value()
    except Error:
        return None


def visits(site: BuiltSite, browser: Browser) -> Iterator[str]:
    """Every page as a reader visits it: axe-core in both schemes at desktop size and in the light
    one at phone size (dark: the colour rules alone); no request to another host (aborted), no
    console error (Chromium logs each failed load; the 404 page's own 404 is expected)."""
    with opened(site, browser) as (page, url):
        origin, seen = "{}://{}/".format(*urlsplit(url)), list[Any]()
        page.route(re.compile(rf"^(?!{re.escape(origin)})"), lambda route: route.abort())
        page.on("console", lambda m: seen.append(m) if m.type == "error" else None)
        page.on("pageerror", lambda e: seen.append(e))  # (Playwright needs a function of ours)
        page.on("request", lambda r: seen.append(r))
        for _, file in load(page, url, site, ["desktop"]):
            for run, (size, system) in enumerate(RUNS):
                page.set_viewport_size(SIZES[size])
                page.emulate_media(color_scheme=system)  # type: ignore[arg-type]
                waited(page, MATCH, [SHOWN[system]])  # (if it never does, the scheme test says)
                page.evaluate("document.getAnimations().forEach((a) => a.finish())")  # colours set
                options = {"runOnly": ONLY[system], **VIOLATIONS}
                runner = Axe(axe_script="0") if run else Axe()  # axe-core goes on the page once
                for v in runner.run(page, options=options).response["violations"]:
                    yield f"{'docs/stylesheets/site.css' if v['id'] in COLOUR else site.source_of(file)}: {file} at {size}, {system} scheme: axe {v['id']} ({v['impact']}): {v['help']}, at {[n['target'] for n in v['nodes'][:3]]}"
                EXERCISED["visits"] += 1
            own = page.url if file == "404.html" else None
            for e in seen:
                if isinstance(e, Request) and not e.url.startswith((origin, "data:")):
                    yield f"{site.source_of(file)}: requests another host: {e.url}{site.written_in(urlsplit(e.url).netloc)}"
                elif isinstance(e, ConsoleMessage) and e.location["url"] != own:
                    yield f"{site.source_of(file)}: console error: {e.text} ({e.location['url']})"
                elif isinstance(e, Error):
                    yield f"{site.source_of(file)}: uncaught error: {e.message}"
            seen.clear()


def focus(site: BuiltSite, browser: Browser) -> Iterator[str]:
    """A keyboard user sees where they are: Tab round the home page (desktop) and every page (phone),
    each stop visible, its ring at 3:1, in both schemes; the closed drawer and search are no stops."""
    with opened(site, browser) as (page, url):
        page.context.add_init_script(Axe().axe_script)  # its colour maths, for focus.js
        page.context.add_init_script(path=Path(__file__).with_name("focus.js"))
        home = next(load(page, url, site, ["desktop"]))
        for size, file in chain([home], load(page, url, site, ["phone"])):
            for _ in range(200):  # a bound: focus comes round long before
                page.keyboard.press("Tab")
                if (problems := page.evaluate("s => __focusStop(s)", [*SCHEMES.values()])) is None:
                    break  # focus came round: out of the page, or back to a stop it met
                yield from (f"docs/stylesheets/site.css: {file} at {size}, {p}" for p in problems)
                EXERCISED["focus"] += 1


def keyboard(site: BuiltSite, browser: Browser) -> Iterator[str]:
    """Keys do what taps do: Space, Enter, Escape work the phone's panels and the toggle as named."""
    with opened(site, browser, "phone") as (page, url):
        page.goto(url)
        for toggle, key in ((t, k) for t in ("__drawer", "__search") for k in (" ", "Enter")):
            page.evaluate(FOCUS, button := f"label[for={toggle}] > button")  # if none, none opens
            page.keyboard.press(key)
            if not waited(page, MATCH, [f"#{toggle}:checked", f"{button}[aria-expanded=true]"]):
                yield f"docs/javascripts/site.js: {key!r} on the #{toggle} button does not open it (aria-expanded true)"
            page.keyboard.press("Escape")
            if not waited(page, MATCH, [f"#{toggle}:not(:checked)", f"{button}:focus"]):
                yield f"docs/javascripts/site.js: 'Escape' in the open #{toggle} does not close it, focus back on its button"
            EXERCISED["keyboard"] += 1
        page.evaluate(FOCUS, "label[for=__drawer] > button")
        page.keyboard.press("Enter")
        page.evaluate(FOCUS, "article a[href]")  # as Tab past the drawer's last link would
        if not waited(page, MATCH, ["#__drawer:not(:checked)"]):
            yield "docs/javascripts/site.js: focus leaving the open drawer leaves it open, the focus hidden behind its overlay"
        for key, system in ((" ", "dark"), ("Enter", "light")):  # "system": dark, then light
            page.emulate_media(color_scheme=system)  # type: ignore[arg-type]
            page.evaluate(FOCUS, "input.md-option")  # the first: the one shown, each time round
            for _ in range(page.locator("input.md-option").count()):
                name, media, _ = page.evaluate(SCHEME)
                page.keyboard.press(key)
                state = waited(page, SCHEME, media) or [name, media, None]  # None: no change
                says = next((w for w in ("light", "dark", "system") if w in str(name).lower()), "")
                want = {**SCHEMES, "system": SCHEMES[system]}.get(says)
                if (says == "system") != (state[1] == "(prefers-color-scheme)") or state[2] != want:
                    yield f"{'mkdocs.yml' if state[2] else 'docs/javascripts/site.js'}: the scheme toggle named {name!r}, pressed with {key!r}, switches to {state[1]} ({state[2]}); in theme.palette, each toggle's name says what it switches to"
                EXERCISED["keyboard"] += 1


def search(site: BuiltSite, browser: Browser) -> Iterator[str]:
    """Readers find a page by what only it says: its section's own word, typed, finds it first."""
    seed = read_seed(site.project.seed)
    with opened(site, browser) as (page, url):
        page.goto(url)
        (box := page.locator("input.md-search__input")).click()
        for essay_page in parts(site):
            if section := section_of(site, essay_page, seed):  # else the static guard `words` says
                box.fill((word := unique_word(section, seed))[:-1])
                box.press(word[-1])  # its last letter typed: Material searches on a key press
                if (found := waited(page, FIRST, word)) != urlsplit(url + essay_page.url).path:
                    yield f"docs/{essay_page.file.src_uri}: searching its word {word!r} first finds {found or 'nothing'}, not {essay_page.url}; if it is not in the site search, remove 'search: exclude' from its front matter"
                EXERCISED["search"] += 1


def unique_word(section: Section, seed: list[Section]) -> str:
    """The longest word of a section whose stem no other section uses, stemmed as the site search
    stems (lunr's Porter stemmer); ties go alphabetically."""
    import snowballstemmer

    stem = snowballstemmer.stemmer("porter").stemWord

    def words(s: Section) -> set[str]:
        return set(re.findall(r"[a-z]+", " ".join([s.heading, *s.paragraphs]).lower()))

    others = {stem(w) for s in seed if s is not section for w in words(s)}
    own = sorted((w for w in words(section) if stem(w) not in others), key=lambda w: (-len(w), w))
    return own[0] if own else ""


def moved_anchors(site: BuiltSite, browser: Browser) -> Iterator[str]:
    """Published links outlive moves: each old page and anchor lands where mkdocs.yml says."""
    links = dict(site.config.extra.get("moved_anchors") or {})
    for old, new in site.config.plugins["redirects"].config["redirect_maps"].items():
        old, new = (re.sub(r"((^|/)index)?\.md$", "/", page).lstrip("/") for page in (old, new))
        links[old] = new
        links |= {old + k[len(new) :]: v for k, v in links.items() if k.startswith(new + "#")}
    with opened(site, browser) as (page, url):
        for old, new in links.items():
            page.goto(url + old)
            if not waited(page, LANDED, [url + new, new.partition("#")[2]]):
                landed = page.url.removeprefix(url)  # on the right page: site.js did not follow
                yield f"{'docs/javascripts/site.js' if landed.partition('#')[0] == new.partition('#')[0] else 'mkdocs.yml'}: the old link {old} lands on {landed}, not {new} (mkdocs.yml: extra.moved_anchors, plugins: redirects; site.js follows moved anchors)"
            EXERCISED["moved_anchors"] += 1


def print_(site: BuiltSite, browser: Browser) -> Iterator[str]:
    """Readers print: the whole essay on 3 A4 sheets, other pages on 1, none blank, only the article."""
    with opened(site, browser) as (page, url):
        for essay_page, file in zip(site.pages, site.page_files, strict=True):
            page.goto(url + essay_page.url)
            printed = PdfReader(BytesIO(page.pdf(format="A4", prefer_css_page_size=True))).pages
            sheets = [re.sub(r"\d+ / \d+|\d+\.|\s", "", s.extract_text() or "") for s in printed]
            article = re.sub(r"\d+\.|\s", "", site.main_text(file))  # list numbers are CSS's
            if len(sheets) > (most := 3 if essay_page.meta.get("role") == "whole" else 1):
                yield f"docs/stylesheets/site.css: {file} prints on {len(sheets)} A4 sheets, more than {most} (@media print)"
            for number in (n for n, text in enumerate(sheets, 1) if len(text) < 20):
                yield f"docs/stylesheets/site.css: {file} prints sheet {number} of {len(sheets)} blank (@media print)"
            for number, text in ((n, t) for n, t in enumerate(sheets, 1) if t not in article):
                at = next(i for i in range(len(text)) if text[: i + 1] not in article)
                yield f"docs/stylesheets/site.css: {file} prints on sheet {number} what is not in its article (site chrome?): «{text[at : at + 40]}…» (@media print)"
            EXERCISED["print"] += len(sheets)


GUARDS = (visits, focus, keyboard, search, moved_anchors, print_)
BROWSER_GUARDS = {guard.__name__.strip("_"): guard for guard in GUARDS}  # name -> guard
