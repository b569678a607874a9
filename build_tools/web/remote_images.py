"""Pictures from other sites load only when the reader asks, like films.

A picture in content is one of the site's own files, or (when mkdocs.yml lists its host under
``extra: image_hosts:``) a picture on that host. Showing it with the page would tell the host
who reads the page, so each such ``<img>`` becomes a link to the picture, named by its alt
text and host: nothing is fetched until the reader follows it.
"""

from __future__ import annotations

import html

from build_tools.content.html_reading import BrowserLikeParser
from build_tools.content.rules import allowlist


class _RemoteImages(BrowserLikeParser):
    def __init__(self, hosts: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.hosts = hosts
        # (line, column, raw start tag, src, alt) of each remote picture
        self.found: list[tuple[int, int, str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "img" and allowlist.is_remote_image(values.get("src", ""), self.hosts):
            line, column = self.getpos()
            self.found.append((line, column, self.get_starttag_text() or "", values["src"], values.get("alt", "")))

    handle_startendtag = handle_starttag


def on_request(content: str, hosts: frozenset[str]) -> str:
    """``content`` with each picture from an allowed other host replaced by a link to it."""
    if not hosts or "<img" not in content:
        return content
    scanner = _RemoteImages(hosts)
    scanner.feed(content)
    scanner.close()
    if not scanner.found:
        return content
    starts = [0]
    for line in content.split("\n")[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    out, position = [], 0
    for line, column, raw, src, alt in scanner.found:
        offset = starts[line - 1] + column
        host = allowlist.parse(src)
        name = alt.strip() or "a picture"
        link = (f'<a class="rc-remote-image" href="{html.escape(src)}">Show the picture: {html.escape(name)} '
                f"(from {html.escape(host.host if host else '')})</a>")
        out.append(content[position:offset] + link)
        position = offset + len(raw)
    return "".join(out) + content[position:]
