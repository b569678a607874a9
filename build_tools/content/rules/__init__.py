"""Checks across files: references, the markup allow-list, privacy, wording."""
