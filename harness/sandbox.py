"""Changes to a throwaway copy of the project: the fault matrix's edits, and the README's procedures
(add a page, move a page, move an anchor). YAML is edited as data through ruamel.yaml round-trip,
which keeps comments, tags and styles, so no change depends on how the live files are formatted."""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from sitebuild.project import Project
from sitebuild.table import FRONT_MATTER, read_table

Change = Callable[[Project], None]
Data = Any  # a ruamel.yaml mapping or sequence, edited in place


def commit(project: Project) -> None:
    """One commit: what the copy's lock published "before" is what the original publishes now."""
    git = ["git", "-c", "user.name=tests", "-c", "user.email=tests@localhost"]
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "as published"]):
        subprocess.run([*git, *args], cwd=project.root, check=True, capture_output=True)


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


def delete(relative: str) -> Change:
    return lambda project: (project.root / relative).unlink()


def both(*changes: Change) -> Change:
    def change(project: Project) -> None:
        for each in changes:
            each(project)

    return change


YAML_AS_WRITTEN = YAML()
YAML_AS_WRITTEN.preserve_quotes, YAML_AS_WRITTEN.width = True, 4096
YAML_AS_WRITTEN.indent(mapping=2, sequence=4, offset=2)


def dumped(data: Data) -> str:
    out = io.StringIO()
    YAML_AS_WRITTEN.dump(data, out)
    return out.getvalue()


@contextmanager
def yaml_file(path: Path) -> Iterator[Data]:
    """A YAML file (mkdocs.yml, a workflow) as data, written back when the block ends."""
    data = YAML_AS_WRITTEN.load(path.read_text(encoding="utf-8"))
    yield data
    path.write_text(dumped(data), encoding="utf-8")


def config(change: Callable[[Data], object]) -> Change:
    """A change to the copy's mkdocs.yml, made on its data."""

    def apply(project: Project) -> None:
        with yaml_file(project.config_file) as data:
            change(data)

    return apply


def front_matter(relative: str, change: Callable[[Data], object]) -> Change:
    """A change to one page's front matter, made on its data."""

    def apply(project: Project) -> None:
        path = project.root / relative
        text = path.read_text(encoding="utf-8")
        match = FRONT_MATTER.match(text)
        assert match, f"set-up: {path} has no front matter"
        data = YAML_AS_WRITTEN.load(match.group(1))
        change(data)
        path.write_text(f"---\n{dumped(data)}---\n{text[match.end() :]}", encoding="utf-8")

    return apply


def meta(relative: str, key: str, value: Any = None) -> Change:
    """Set (or, with None, remove) one front-matter key of a page."""
    return front_matter(
        relative, lambda d: d.__setitem__(key, value) if value is not None else d.pop(key)
    )


def nav_item(data: Data, source: str) -> tuple[Data, str]:
    """The nav entry (a one-pair mapping) that lists `source`, and its title."""
    for item in data["nav"]:
        ((title, value),) = item.items()
        if value == source:
            return item, title
    raise AssertionError(f"set-up: no nav entry lists {source}")


def retitle(data: Data, source: str, title: str) -> None:
    """The nav entry that lists `source` titled `title` instead."""
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
    """A label that lies: the light and dark options' toggle names swapped in mkdocs.yml."""
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


def retarget(entries: Data, old: str, new: str) -> None:
    """Each key and value of a map of moves that starts `old` starts `new` instead, in order."""

    def renamed(value: str) -> str:
        return new + value.removeprefix(old) if value.startswith(old) else value

    for key, target in list(entries.items()):
        del entries[key]
        entries[renamed(key)] = renamed(target)


def move_page(old: str, new: str) -> Change:
    """docs/<old>.md moved to docs/<new>.md as the README says: nav, redirect, lock; entries
    already leading to the old page, or moving its anchors, now name the new one."""

    def change(project: Project) -> None:
        (project.docs / f"{old}.md").rename(project.docs / f"{new}.md")
        with yaml_file(project.config_file) as data:
            item, title = nav_item(data, f"{old}.md")
            item[title] = f"{new}.md"
            redirects = moves(data, "redirect_maps")
            redirects.update({k: f"{new}.md" for k, v in redirects.items() if v == f"{old}.md"})
            redirects[f"{old}.md"] = f"{new}.md"
            retarget(moves(data, "moved_anchors"), f"{old}/", f"{new}/")
        redirect_lines(project.links_lock, f"/{old}/", f"/{new}/")

    return change


def move_anchor(page: str, old: str, new: str) -> Change:
    """Heading id #<old> on docs/<page>.md renamed #<new> as the README says, with moved_anchors and
    lock lines on every page the heading is on: its own and, for a part, the whole-essay page."""

    def change(project: Project) -> None:
        replace_in(project.docs / f"{page}.md", f"{{ #{old} }}", f"{{ #{new} }}")
        table = read_table(project.config_file)
        own, whole = table.by_source(f"{page}.md"), table.one("whole")
        pages = [f"{page}/"] + ([whole.url] if whole and own in table.parts else [])
        with yaml_file(project.config_file) as data:
            anchors = moves(data, "moved_anchors")
            for where in pages:  # an entry that led to the old id leads to the new one
                led = [key for key, target in anchors.items() if target == f"{where}#{old}"]
                anchors.update(dict.fromkeys(led, f"{where}#{new}"))
                anchors[f"{where}#{old}"] = f"{where}#{new}"
        for where in pages:
            redirect_lines(project.links_lock, f"/{where}#{old}", f"/{where}#{new}")

    return change


def add_page(source: str, title: str, heading: str) -> Change:
    """A page outside the essay, added as the README says (with a quote of its own in its
    description, a subtitle, which the theme shows in the nav, and a class in its heading's
    attribute list): its file, a nav line, its links."""
    stem = source.removesuffix(".md")
    front = f'description: What {title} holds, "a page of its own".\nsubtitle: An optional line below its title'
    text = f"---\n{front}\n---\n\n# {title} {{: #{stem} .sandbox-title }}\n\n{heading}\n"

    def change(project: Project) -> None:
        (project.docs / source).write_text(text, encoding="utf-8")
        with yaml_file(project.config_file) as data:
            data["nav"].append({title: source})
        append("published-links.txt", f"/{stem}/\n/{stem}/#{stem}\n")(project)

    return change
