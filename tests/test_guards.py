"""Every guard in harness/guards.py, run on the site under test (SITE_DIR, or a fresh build through
the same entry point) and on the conftest's copies: the Zensical build, a page added, a page and an
anchor moved, hostile values and a fork. tests/test_faults.py proves each guard by breaking it."""

from __future__ import annotations

import pytest

from harness.guards import GUARDS, run
from harness.seed import SEED_SHA256, read_seed, sha256
from harness.site import BuiltSite
from sitebuild.project import Project

EXCEPT_VALIDITY = [name for name in GUARDS if name != "validity"]  # validated once per engine
# What a fork's URLs reach; hostile values reach the markup and the nav's structure too.
REACHED = ["links", "sharing", "llms_txt", "inventory", "labels", "features"]
VARIANTS = {
    "site": list(GUARDS),
    "zensical": list(GUARDS),
    "added": EXCEPT_VALIDITY,
    "moved": EXCEPT_VALIDITY,
    "hostile": ["validity", "structure", *REACHED],
    "fork": REACHED,
}


@pytest.mark.parametrize(
    ("variant", "name"), [(v, n) for v, names in VARIANTS.items() for n in names]
)
def test_guard_finds_nothing(request: pytest.FixtureRequest, variant: str, name: str) -> None:
    built: BuiltSite = request.getfixturevalue(variant)
    assert built.table.parts, "the table of pages is empty: the guards would have nothing to read"
    problems = run(built, name)
    assert not problems, "\n".join(problems)


def test_the_seed_is_the_source_of_record_byte_for_byte(project: Project) -> None:
    assert sha256(project.seed) == SEED_SHA256, f"{project.seed} is not the pinned seed"
    record = project.root.parent / "shared" / "seed" / project.seed.name
    if record.exists():  # beside a clone, as in CI; a fork's runner has only the pin above
        assert project.seed.read_bytes() == record.read_bytes(), (
            f"{project.seed} differs from {record}"
        )
    sections = read_seed(project.seed)
    assert [s.role for s in sections] == ["introduction", *["pillar"] * 4, "conclusion"]
    assert all(s.paragraphs for s in sections), "a seed section was read with no paragraph"


def test_the_readme_says_what_each_guard_holds(project: Project) -> None:
    readme = (project.root / "README.md").read_text(encoding="utf-8")
    missing = [name for name in GUARDS if f"`{name}`" not in readme]
    assert not missing, f"README.md's table of guarantees does not name the guards {missing}"
