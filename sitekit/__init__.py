"""What the tests and the benchmark share: build the site, read the seed, read the built site,
serve it the way GitHub Pages does, and the checks that run over a build."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
