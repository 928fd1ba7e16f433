"""Every guard (tests/support/guards.py), run on the site under test (SITE_DIR, or a fresh build)
and on copies: a page added, a page and an anchor moved, hostile values, a fork's build. The
validator reads the site and the hostile copy in one run. tests/test_faults.py breaks each guard."""

import pytest

from tests.support.guards import GUARDS, validity
from tests.support.project import Project, read_seed
from tests.support.site import BuiltSite

STATIC = [name for name in GUARDS if name != "validity"]
REACHED = ["links", "sharing", "llms_txt", "inventory", "labels", "features", "structure"]
VARIANTS = {"site": STATIC, "added": STATIC, "moved": STATIC, "hostile": REACHED, "fork": REACHED}


@pytest.mark.parametrize(("variant", "name"), [(v, n) for v in VARIANTS for n in VARIANTS[v]])
def test_guard_finds_nothing(request: pytest.FixtureRequest, variant: str, name: str) -> None:
    built: BuiltSite = request.getfixturevalue(variant)
    assert len(built.page_files) > 5, "the nav lists almost no page: the guards would read nothing"
    problems = list(GUARDS[name](built))
    assert not problems, "\n".join(problems)


def test_the_site_and_the_hostile_copy_are_valid_html(site: BuiltSite, hostile: BuiltSite) -> None:
    problems = validity(site, hostile)
    assert not problems, "\n".join(problems)


def test_the_seed_is_the_source_of_record_byte_for_byte() -> None:
    project = Project()
    record = project.root.parent / "shared" / "seed" / project.seed.name
    if record.exists():  # beside a clone, as in CI; elsewhere the words guard checks its sha256
        assert project.seed.read_bytes() == record.read_bytes(), f"{record} differs"
    sections = read_seed(project.seed)
    assert [s.role for s in sections] == ["introduction", *["pillar"] * 4, "conclusion"]
    assert all(s.paragraphs for s in sections), "a seed section was read with no paragraph"
