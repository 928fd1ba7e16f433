"""A partial in overrides/partials/ replaces Material's file whole, so an upgrade's fix to it would
never reach the site: each records its source's sha256, and a changed source fails here, by name."""

import hashlib
import re
from importlib.resources import files

import pytest

from tests.support.project import ROOT

PARTIALS = ROOT / "overrides" / "partials"


@pytest.mark.parametrize("name", sorted(path.name for path in PARTIALS.glob("*.html")))
def test_the_theme_file_is_the_one_recorded(name: str) -> None:
    recorded = re.findall(r"^  material (\w+)$", (PARTIALS / name).read_text("utf-8"), re.M)
    theirs = files("material") / "templates" / "partials" / name  # gone: it fails
    found = hashlib.sha256(theirs.read_bytes()).hexdigest()
    assert recorded == [found], (
        f"overrides/partials/{name}: Material's is now sha256 {found}, not the recorded {recorded}; diff the two, carry the change over, record the new sha256"
    )
