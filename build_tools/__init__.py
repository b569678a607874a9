"""Validate and build the Recovery College website and printed prospectus from content files."""

__version__ = "0.1.0"
