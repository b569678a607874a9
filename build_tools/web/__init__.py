"""Web outputs: generated pages, templating, JSON-LD, calendars, feeds, headers, offline pack."""
