"""Changes to a throwaway copy of the project: the faults' edits and the README's procedures (add
a page, move a page, move an anchor). YAML is edited as data through ruamel.yaml's round trip, which
keeps comments, tags and styles, so no change depends on how the live files are formatted."""

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Concatenate, ParamSpec

from mkdocs.utils.meta import YAML_RE
from ruamel.yaml import YAML

from tests.support.project import Project

Change = Callable[[Project], None]
Data = Any  # a ruamel.yaml mapping or sequence, edited in place
P = ParamSpec("P")

AS_WRITTEN = YAML()
AS_WRITTEN.preserve_quotes, AS_WRITTEN.width = True, 4096
AS_WRITTEN.indent(mapping=2, sequence=4, offset=2)


def change(make: Callable[Concatenate[Project, P], None]) -> Callable[P, Change]:
    """`make(copy, ...)` called as `make(...)`: a change named now, made on a copy later."""

    def named(*args: P.args, **kwargs: P.kwargs) -> Change:
        return lambda copy: make(copy, *args, **kwargs)

    return named


def replace_in(path: Path, old: str, new: str) -> None:
    """Replace `old`, which must be there, once: a set-up that silently did nothing proves nothing."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"set-up: {old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit(relative: str, old: str, new: str) -> Change:
    return lambda project: replace_in(project.root / relative, old, new)


@change
def append(project: Project, relative: str, text: str) -> None:
    """Append to (or create) one file of the copy."""
    with (project.root / relative).open("a", encoding="utf-8") as file:
        file.write(text)


@change
def both(project: Project, *changes: Change) -> None:
    for each in changes:
        each(project)


@change
def config(project: Project, edit_data: Callable[[Data], object]) -> None:
    """A change to the copy's mkdocs.yml, made on its data."""
    data = AS_WRITTEN.load(project.config_file.read_text(encoding="utf-8"))
    edit_data(data)
    AS_WRITTEN.dump(data, project.config_file)


@change
def meta(project: Project, relative: str, key: str, value: Any = None) -> None:
    """Set (or, with None, remove) one front-matter key of a page."""
    path = project.root / relative
    match = YAML_RE.match(text := path.read_text(encoding="utf-8"))
    assert match, f"set-up: {path} has no front matter"
    data = AS_WRITTEN.load(match.group(1))
    data.pop(key) if value is None else data.__setitem__(key, value)
    front = io.StringIO()
    AS_WRITTEN.dump(data, front)
    path.write_text(f"---\n{front.getvalue()}---\n{text[match.end() :]}", encoding="utf-8")


def nav_entry(data: Data, source: str) -> Data:
    """The nav entry that lists `source`: a mapping of its title to it."""
    return next(item for item in data["nav"] if source in item.values())


def option(items: Data, name: str) -> Data:
    """The options of plugin or extension `name` in one of mkdocs.yml's lists ({} if none given)."""
    entry = next(item for item in items if isinstance(item, dict) and name in item)
    entry[name] = entry[name] or {}
    return entry[name]


def moves(data: Data, where: str) -> Data:
    """One of mkdocs.yml's maps of moves ('redirect_maps' or 'moved_anchors'), made if missing."""
    if where == "moved_anchors":
        holder = data.setdefault("extra", {})
    else:
        holder = option(data["plugins"], "redirects")
    holder[where] = holder.get(where) or {}
    return holder[where]


@change
def redirect_lines(project: Project, old: str, new: str) -> None:
    """Each published line starting `old` becomes `line -> new...`; the new lines are published."""
    text = project.links_lock.read_text(encoding="utf-8")
    line = re.compile(rf"^{re.escape(old)}(#[\w-]+)?$", flags=re.M)
    added = [m.group(0).replace(old, new, 1) for m in line.finditer(text)]
    assert added, f"set-up: no line {old} in {project.links_lock}"
    moved = line.sub(lambda m: f"{m.group(0)} -> {m.group(0).replace(old, new, 1)}", text)
    project.links_lock.write_text(moved + "".join(f"{a}\n" for a in added), encoding="utf-8")


@change
def move_page(project: Project, old: str, new: str) -> None:
    """docs/<old>.md moved to docs/<new>.md as the README says: nav, redirect, lock."""

    def in_config(data: Data) -> None:
        entry = nav_entry(data, f"{old}.md")
        entry[next(iter(entry))] = f"{new}.md"
        moves(data, "redirect_maps")[f"{old}.md"] = f"{new}.md"

    (project.root / "docs" / f"{old}.md").rename(project.root / "docs" / f"{new}.md")
    both(config(in_config), redirect_lines(f"/{old}/", f"/{new}/"))(project)


def move_anchor(page: str, old: str, new: str, whole: str | None) -> Change:
    """Heading id #<old> on docs/<page>.md renamed #<new> as the README says, with moved_anchors and
    lock lines on every page the heading is on: its own and, for a part, the whole essay's."""
    pages = [f"{page}/", *([whole] if whole else [])]
    maps = {f"{where}#{old}": f"{where}#{new}" for where in pages}
    return both(
        edit(f"docs/{page}.md", f"{{ #{old} }}", f"{{ #{new} }}"),
        config(lambda data: moves(data, "moved_anchors").update(maps)),
        *(redirect_lines(f"/{old_link}", f"/{new_link}") for old_link, new_link in maps.items()),
    )


def add_page(source: str, title: str, text: str) -> Change:
    """A page outside the essay, added as the README says (a quote of its own in its description,
    a subtitle, a class beside the id in its heading): its file, a nav line, its links."""
    stem = source.removesuffix(".md")
    front = f'description: What {title} holds, "a page of its own".\nsubtitle: An optional line below its title'
    page = f"---\n{front}\n---\n\n# {title} {{: #{stem} .sandbox-title }}\n\n{text}\n"
    return both(
        append(f"docs/{source}", page),
        config(lambda data: data["nav"].append({title: source})),
        append("published-links.txt", f"/{stem}/\n/{stem}/#{stem}\n"),
    )
