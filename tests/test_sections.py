"""No section of the essay goes missing: every heading and sentence of the seed, in order."""

from sitekit import ROOT, checks
from sitekit.seed import SEED, read_seed
from sitekit.site import BuiltSite


def test_seed_is_the_shared_source_of_record_byte_for_byte() -> None:
    record = ROOT.parent / "shared" / "seed" / SEED.name
    if record.exists():  # beside a clone, as in CI; a lone clone checks its own copy below
        assert SEED.read_bytes() == record.read_bytes(), f"{SEED} differs from {record}"
    assert len(read_seed()) == 6, f"{SEED}: expected a title, four sections and a conclusion"


def test_every_seed_sentence_is_on_its_page_in_order(site: BuiltSite) -> None:
    seed = read_seed()
    assert all(s.sentences for s in seed), f"a section of {SEED} was read with no sentence"
    problems = checks.sections(site, seed)
    assert not problems, "\n".join(problems)
