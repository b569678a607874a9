"""The published whole: the Site, and the one publication filter (consent, drafts, print)."""
