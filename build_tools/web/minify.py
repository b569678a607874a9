"""The theme's own style sheets and scripts, minified as the build writes them to the site.

The files in ``theme/assets/`` stay readable, with their comments; readers' browsers get them
without comments or spaces (rcssmin, rjsmin). A comment that starts ``/*!`` (a licence) is kept.
Material's own files are minified already.
"""

from __future__ import annotations

import rcssmin
import rjsmin

SUFFIXES = (".css", ".js")


def is_minifiable(name: str) -> bool:
    return name.endswith(SUFFIXES)


def minified(name: str, text: str) -> str:
    """``text`` of the style sheet or script ``name``, minified."""
    if name.endswith(".css"):
        return rcssmin.cssmin(text, keep_bang_comments=True)
    if name.endswith(".js"):
        return rjsmin.jsmin(text, keep_bang_comments=True)
    raise ValueError(f"{name}: only .css and .js files are minified")
