"""Changes to a throwaway copy of the project: the faults' edits and the README's procedures (add
a page, move a page, move an anchor). YAML is edited as data through ruamel.yaml's round trip, which
keeps comments, tags and styles, so no change depends on how the live files are formatted."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mkdocs.utils.meta import YAML_RE
from ruamel.yaml import YAML

from tests.support.project import Project

Change = Callable[[Project], None]
Data = Any  # a ruamel.yaml mapping or sequence, edited in place

AS_WRITTEN = YAML()
AS_WRITTEN.preserve_quotes, AS_WRITTEN.width = True, 4096
AS_WRITTEN.indent(mapping=2, sequence=4, offset=2)


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace `old`, which must be there, once: a set-up that silently did nothing proves nothing."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"set-up: {old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit(relative: str, old: str, new: str) -> Change:
    return lambda project: replace_in(project.root / relative, old, new)


def append(relative: str, text: str) -> Change:
    """Append to (or create) one file of the copy."""

    def change(project: Project) -> None:
        with (project.root / relative).open("a", encoding="utf-8") as file:
            file.write(text)

    return change


def both(*changes: Change) -> Change:
    def change(project: Project) -> None:
        for each in changes:
            each(project)

    return change


def dumped(data: Data) -> str:
    out = io.StringIO()
    AS_WRITTEN.dump(data, out)
    return out.getvalue()


@contextmanager
def yaml_file(path: Path) -> Iterator[Data]:
    """A YAML file as data, written back when the block ends."""
    data = AS_WRITTEN.load(path.read_text(encoding="utf-8"))
    yield data
    path.write_text(dumped(data), encoding="utf-8")


def config(change: Callable[[Data], object]) -> Change:
    """A change to the copy's mkdocs.yml, made on its data."""

    def apply(project: Project) -> None:
        with yaml_file(project.config_file) as data:
            change(data)

    return apply


def meta(relative: str, key: str, value: Any = None) -> Change:
    """Set (or, with None, remove) one front-matter key of a page."""

    def apply(project: Project) -> None:
        path = project.root / relative
        text = path.read_text(encoding="utf-8")
        match = YAML_RE.match(text)
        assert match, f"set-up: {path} has no front matter"
        data = AS_WRITTEN.load(match.group(1))
        data.pop(key) if value is None else data.__setitem__(key, value)
        path.write_text(f"---\n{dumped(data)}---\n{text[match.end() :]}", encoding="utf-8")

    return apply


def nav_item(data: Data, source: str) -> tuple[Data, str]:
    """The nav entry (a one-pair mapping) that lists `source`, and its title."""
    for item in data["nav"]:
        ((title, value),) = item.items()
        if value == source:
            return item, title
    raise AssertionError(f"set-up: no nav entry lists {source}")


def retitle(data: Data, source: str, title: str) -> None:
    item, old = nav_item(data, source)
    item[title] = item.pop(old)


def moves(data: Data, where: str) -> Data:
    """One of mkdocs.yml's maps of moves ('redirect_maps' or 'moved_anchors'), made if missing."""
    if where == "moved_anchors":
        holder = data.setdefault("extra", {})
    else:
        plugin = next(p for p in data["plugins"] if isinstance(p, dict) and "redirects" in p)
        holder = plugin["redirects"] = plugin["redirects"] or {}
    holder[where] = holder.get(where) or {}
    return holder[where]


def swap_toggle_names(data: Data) -> None:
    """A label that lies: the light and dark options' toggle names swapped."""
    light, dark = data["theme"]["palette"][1]["toggle"], data["theme"]["palette"][2]["toggle"]
    light["name"], dark["name"] = dark["name"], light["name"]


def redirect_lines(lock: Path, old: str, new: str) -> None:
    """Each published line starting `old` becomes `line -> new...`; the new lines are published."""
    text = lock.read_text(encoding="utf-8")
    line = re.compile(rf"^{re.escape(old)}(#[\w-]+)?$", flags=re.M)
    added = [m.group(0).replace(old, new, 1) for m in line.finditer(text)]
    assert added, f"set-up: no line {old} in {lock}"
    moved = line.sub(lambda m: f"{m.group(0)} -> {m.group(0).replace(old, new, 1)}", text)
    lock.write_text(moved + "".join(f"{each}\n" for each in added), encoding="utf-8")


def move_page(old: str, new: str) -> Change:
    """docs/<old>.md moved to docs/<new>.md as the README says: nav, redirect, lock."""

    def change(project: Project) -> None:
        (project.root / "docs" / f"{old}.md").rename(project.root / "docs" / f"{new}.md")
        with yaml_file(project.config_file) as data:
            item, title = nav_item(data, f"{old}.md")
            item[title] = f"{new}.md"
            moves(data, "redirect_maps")[f"{old}.md"] = f"{new}.md"
        redirect_lines(project.links_lock, f"/{old}/", f"/{new}/")

    return change


def move_anchor(page: str, old: str, new: str, whole: str | None) -> Change:
    """Heading id #<old> on docs/<page>.md renamed #<new> as the README says, with moved_anchors and
    lock lines on every page the heading is on: its own and, for a part, the whole essay's."""

    def change(project: Project) -> None:
        replace_in(project.root / "docs" / f"{page}.md", f"{{ #{old} }}", f"{{ #{new} }}")
        pages = [f"{page}/", *([whole] if whole else [])]
        with yaml_file(project.config_file) as data:
            moves(data, "moved_anchors").update({f"{w}#{old}": f"{w}#{new}" for w in pages})
        for where in pages:
            redirect_lines(project.links_lock, f"/{where}#{old}", f"/{where}#{new}")

    return change


def add_page(source: str, title: str, text: str) -> Change:
    """A page outside the essay, added as the README says (a quote of its own in its description,
    a subtitle, a class beside the id in its heading): its file, a nav line, its links."""
    stem = source.removesuffix(".md")
    front = f'description: What {title} holds, "a page of its own".\nsubtitle: An optional line below its title'
    page = f"---\n{front}\n---\n\n# {title} {{: #{stem} .sandbox-title }}\n\n{text}\n"

    def change(project: Project) -> None:
        (project.root / "docs" / source).write_text(page, encoding="utf-8")
        with yaml_file(project.config_file) as data:
            data["nav"].append({title: source})
        append("published-links.txt", f"/{stem}/\n/{stem}/#{stem}\n")(project)

    return change
