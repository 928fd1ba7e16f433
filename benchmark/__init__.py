"""Figures beside a default Material site; run with `python -m benchmark` (make bench)."""
