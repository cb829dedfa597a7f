"""The version of xjgraph and the date written into its published metadata (kept fixed per release)."""

__version__ = "0.1.0"
__release_date__ = "2026-11-27"
