"""Hostile markup, as a careless or compromised editor's pull request would bring it.

Each attack edits one file of a copy of ``tests/fixtures/full``:

* ``append`` adds Markdown to the end of the file (a story's body); ``{n}`` in ``expected`` is the
  line the added text starts on, ``{n+1}`` the one after;
* ``replace`` swaps one exact piece of text (it must occur once).

``expected`` is every problem line ``python -m build_tools validate`` prints for the file (the
file name is added in front; ``warning: `` lines keep it first). An
attack that validation refuses (``expected`` holds errors) must also stop the build, so nothing
is written; one that validation accepts (the text is harmless once encoded) is built, and
``reached`` is asked about every element of every output file, read with a parser: it names
what would show that the attack got through. Add a case by adding a row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

STORY = "stories/the-kettle-and-the-bus-stop.md"
FILM = "stories/from-student-to-peer-trainer.md"
COURSE = "courses/understanding-anxiety.yml"
VENUES = "courses/_venues.yml"
PAGE = "content/about.md"
CONFIG = "mkdocs.yml"
# The mark every script payload sets, so a probe can tell an attack's script from the theme's.
TOKEN = "rcattack"

NOT_ALLOWED_LINK = ("which is not allowed; links may only start with https://, http://, mailto: or tel:, or point "
                    "to another page of this site.")
TAG = "is not allowed in content; use Markdown instead, or ask a developer to add a safe template for it."
EMBED = ("is not allowed; only films from www.youtube-nocookie.com or player.vimeo.com can be embedded. Link to "
         "other content instead.")
TRACKER = ("would be loaded from tracker.example, which tells that site who reads this page; put the picture file "
           "beside the page and use its file name (or ask a developer to list the host under image_hosts: in "
           "mkdocs.yml).")


def _attribute_holds(name: str, text: str) -> Callable[[Any], bool]:
    return lambda tag: text in " ".join(tag.get_attribute_list(name) or []) if tag.has_attr(name) else False


def script_with_token(tag: Any) -> bool:
    return tag.name == "script" and TOKEN in tag.get_text()


def refresh_elsewhere(tag: Any) -> bool:
    """A refresh to another site (the site's own redirect stubs refresh to its own pages)."""
    return tag.name == "meta" and tag.has_attr("http-equiv") and "evil.example" in tag.get("content", "")


def remote_picture(tag: Any) -> bool:
    return tag.name in {"img", "source", "picture"} and any(
        "images.example" in str(tag.get(attr, "")) for attr in ("src", "srcset"))


@dataclass(frozen=True)
class Attack:
    id: str
    path: str
    expected: list[str]
    append: str | None = None
    replace: tuple[str, str] | None = None
    # Only for attacks that validation accepts: true for an element that shows the attack got through.
    reached: Callable[[Any], bool] | None = None
    also: tuple[tuple[str, tuple[str, str]], ...] = ()  # further (path, (old, new)) edits the attack needs

    @property
    def refused(self) -> bool:
        """Validation reports an error (not only warnings), so the build must not run."""
        return any(not line.startswith("warning: ") for line in self.expected)


ATTACKS: list[Attack] = [
    # --- fences that are not code: what they hold is HTML, and checked as such ---------------
    Attack("unclosed-fence-meta-refresh", STORY, [
        f"{{n+1}}: body <meta>: the HTML tag <meta> {TAG}",
    ], append='```\n<meta http-equiv="refresh" content="0;url=https://evil.example/">'),
    Attack("unclosed-fence-form", STORY, [
        f"{{n+1}}: body <form>: the HTML tag <form> {TAG}",
        f"{{n+1}}: body <input>: the HTML tag <input> {TAG}",
    ], append='```\n<form action="https://evil.example/"><input name="q"></form>'),
    Attack("unclosed-fence-style", STORY, [
        f"{{n+1}}: body <style>: the HTML tag <style> {TAG}",
    ], append="```\n<style>body{display:none}</style>"),
    Attack("unclosed-fence-javascript-link", STORY, [
        f'{{n+1}}: body link: the link "javascript:alert(1)" uses "javascript:", {NOT_ALLOWED_LINK}',
    ], append="```\n[Read on](javascript:alert(1))"),
    Attack("escaped-closing-fence", STORY, [
        f"{{n+1}}: body <style>: the HTML tag <style> {TAG}",
    ], append="```\n<style>body{display:none}</style>\n\\```"),
    Attack("longer-closing-fence", STORY, [
        f"{{n+1}}: body <form>: the HTML tag <form> {TAG}",
    ], append="```\n<form></form>\n````"),
    Attack("fence-with-attributes-is-not-a-fence", STORY, [
        '{n}: body {onclick}: the attribute "onclick" cannot be set with { } after a link or paragraph; remove it.',
        f"{{n+1}}: body <style>: the HTML tag <style> {TAG}",
    ], append="``` {onclick=x}\n<style>body{display:none}</style>\n```"),
    Attack("escaped-backtick-is-no-code-span", STORY, [
        f"{{n}}: body <style>: the HTML tag <style> {TAG}",
    ], append="\\`<style>body{display:none}</style>`"),
    # --- links Python-Markdown makes by itself ----------------------------------------------
    Attack("autolink-javascript-scheme", STORY, [
        f'{{n}}: body link: the link "javascript://%0aalert(1)" uses "javascript:", {NOT_ALLOWED_LINK}',
    ], append="<javascript://%0aalert(1)>"),
    Attack("autolinks-are-links-not-tags", STORY, [],
           append="See <https://example.org/leaflet> or <http://example.org/>.",
           reached=lambda tag: tag.name == "a" and tag.get("href", "").lower().startswith("javascript")),
    Attack("picture-alt-with-brackets", STORY, [
        f'{{n}}: body image: the picture "https://tracker.example/p.gif" {TRACKER}',
    ], append="![A kettle [the old one]](https://tracker.example/p.gif)"),
    Attack("picture-address-with-character-reference", STORY, [
        f'{{n}}: body image: the picture "https&#58;//tracker.example/p.gif" {TRACKER}',
    ], append="![A kettle](https&#58;//tracker.example/p.gif)"),
    # --- attr_list: attributes by name ------------------------------------------------------
    Attack("attr-list-overlay-and-film-address", STORY, [
        '{n+1}: body {data-embed-src}: the attribute "data-embed-src" cannot be set with { } after a link or '
        "paragraph; remove it.",
        '{n+1}: body {style}: the attribute "style" cannot be set with { } after a link or paragraph; remove it.',
    ], append='Read on.\n{: style="position:fixed;inset:0;background:#fff" data-embed-src="https://evil.example/" }'),
    Attack("attr-list-link-address", STORY, [
        '{n}: body {href}: the attribute "href" cannot be set with { } after a link or paragraph; remove it.',
    ], append='[Our courses](../courses/index.md){: href="javascript:alert(1)" }'),
    Attack("attr-list-valueless-attribute", STORY, [
        '{n}: body {contenteditable}: the attribute "contenteditable" cannot be set with { } after a link or '
        "paragraph; remove it.",
    ], append="A quiet word. {: .note contenteditable }"),
    Attack("attr-list-after-inline-element", STORY, [
        '{n}: body {inert}: the attribute "inert" cannot be set with { } after a link or paragraph; remove it.',
    ], append="A *quiet*{inert} word."),
    Attack("braces-in-a-storytellers-words-are-words", STORY, [],
           append="I felt {numb} that winter.", reached=lambda tag: tag.has_attr("numb")),
    # --- comments read as browsers read them ------------------------------------------------
    Attack("abruptly-closed-comment", STORY, [
        '{n}: body <img onerror>: the attribute onerror="..." runs a script and is not allowed; remove it.',
    ], append='<!--><img src="kettle.png" onerror="alert(1)" alt="">-->'),
    Attack("comment-closed-with-bang", STORY, [
        '{n}: body <img onerror>: the attribute onerror="..." runs a script and is not allowed; remove it.',
    ], append='<!-- a note --!><img src="kettle.png" onerror="alert(1)" alt=""> -->'),
    Attack("cdata-section-in-html", STORY, [
        '{n}: body <img onerror>: the attribute onerror="..." runs a script and is not allowed; remove it.',
    ], append='<![CDATA[><img src="kettle.png" onerror="alert(1)" alt="">]]>'),
    # Tags are read inside comments too: Markdown may end a comment where a browser would not.
    Attack("tag-inside-an-editors-comment", STORY, [
        "{n}: body <script>: the HTML tag <script> is not allowed in content; use Markdown instead, or ask a "
        "developer to add a safe template for it.",
    ],
           append="<!-- a note for editors: <script>alert(1)</script> -->",
           reached=lambda tag: tag.name == "script" and "alert(1)" in tag.get_text()),
    # --- raw HTML: attributes by name -------------------------------------------------------
    Attack("rel-attachment", STORY, [
        '{n}: body <a rel>: the attribute "rel" is not allowed on <a>; remove it.',
    ], append='<a rel="attachment" href="/etc/passwd">My notes</a>'),
    Attack("film-box-in-raw-html", STORY, [
        f"{{n}}: body <button>: the HTML tag <button> {TAG}",
        '{n}: body <div data-embed-src>: the attribute "data-embed-src" is not allowed on <div>; remove it.',
    ], append='<div class="rc-embed" data-embed-src="https://evil.example/"><button data-embed-button>Play</button></div>'),
    Attack("srcset", STORY, [
        '{n}: body <img srcset>: the attribute "srcset" is not allowed on <img>; remove it.',
    ], append='<img src="kettle.png" srcset="https://tracker.example/p.gif 2x" alt="">'),
    # --- pictures from other sites ----------------------------------------------------------
    Attack("remote-picture-html", STORY, [
        f'{{n}}: body <img src>: the picture "https://tracker.example/p.gif" {TRACKER}',
    ], append='<img src="https://tracker.example/p.gif" alt="">'),
    Attack("remote-picture-markdown", STORY, [
        f'{{n}}: body image: the picture "https://tracker.example/p.gif" {TRACKER}',
    ], append="![A kettle](https://tracker.example/p.gif)"),
    Attack("remote-picture-protocol-relative", STORY, [
        f'{{n}}: body image: the picture "//tracker.example/p.gif" {TRACKER}',
    ], append="![A kettle](//tracker.example/p.gif)"),
    Attack("remote-picture-backslashes", STORY, [
        f'{{n}}: body <img src>: the picture "https:\\\\tracker.example/p.gif" {TRACKER}',
    ], append='<img src="https:\\\\tracker.example/p.gif" alt="">'),
    Attack("remote-picture-reference", STORY, [
        f'{{n+2}}: body image: the picture "https://tracker.example/p.gif" {TRACKER}',
    ], append="![A kettle][kettle]\n\n[kettle]: https://tracker.example/p.gif"),
    # --- film addresses, parsed as a browser parses them -------------------------------------
    Attack("iframe-host-behind-backslash", STORY, [
        f'{{n}}: body <iframe src>: embedded content from "127.0.0.1" {EMBED}',
    ], append='<iframe src="https://127.0.0.1:8000\\@www.youtube-nocookie.com/embed/abc" title="A film"></iframe>'),
    Attack("iframe-allowed-host-as-user-name", STORY, [
        'warning: {n}: body: this story contains what looks like an e-mail address '
        '("www.youtube-nocookie.com@evil.example"); check that the storyteller agreed to share it, or remove it.',
        f'{{n}}: body <iframe src>: embedded content from "evil.example" {EMBED}',
    ], append='<iframe src="https://www.youtube-nocookie.com@evil.example/embed/abc" title="A film"></iframe>'),
    Attack("film-url-host-behind-backslash", FILM, [
        '12: media.url: films from "127.0.0.1" cannot be embedded; use the privacy-enhanced address on '
        "www.youtube-nocookie.com or player.vimeo.com.",
    ], replace=("  url: https://www.youtube-nocookie.com/embed/pQ7tW2mZk9E",
                "  url: https://127.0.0.1:8000\\@www.youtube-nocookie.com/embed/pQ7tW2mZk9E")),
    Attack("film-url-with-port", FILM, [
        '12: media.url: the film address "https://www.youtube-nocookie.com:8443/embed/pQ7tW2mZk9E" holds a user '
        "name, password or port; use the address the video site gives you to embed the film.",
    ], replace=("  url: https://www.youtube-nocookie.com/embed/pQ7tW2mZk9E",
                "  url: https://www.youtube-nocookie.com:8443/embed/pQ7tW2mZk9E")),
    # --- accepted (or refused), and harmless once encoded: built, then every output is read ---
    Attack("summary-breaks-out-of-meta-description", STORY, [],
           replace=("summary: >-\n", 'summary: >-\n  Tea" http-equiv="refresh" content="0;url=https://evil.example/\n'),
           reached=refresh_elsewhere),
    Attack("course-summary-breaks-out-of-meta-description", COURSE, [
        "warning: 3: summary: reading age is about 12, above the target of 11; use shorter sentences and everyday "
        "words.",
    ],
           replace=("summary: >-\n", 'summary: >-\n  Calm" http-equiv="refresh" content="0;url=https://evil.example/\n'),
           reached=refresh_elsewhere),
    Attack("page-description-breaks-out-of-meta-description", PAGE, [],
           replace=("description: >-\n", 'description: >-\n  Hi" http-equiv="refresh" content="0;url=https://evil.example/\n'),
           reached=refresh_elsewhere),
    Attack("venue-locality-breaks-out-of-meta-description", VENUES, [],
           replace=("    locality: Ashcombe\n",
                    "    locality: 'Ashcombe\" http-equiv=\"refresh\" content=\"0;url=https://evil.example/'\n"),
           reached=refresh_elsewhere),
    Attack("script-in-page-status", PAGE, [
        f'3: status: "new\"><script>window.{TOKEN}=1</script><span class=\"" is not allowed here; use one of: new, '
        "deprecated.",
    ],
           replace=("title: How the college works\n",
                    f"title: How the college works\nstatus: 'new\"><script>window.{TOKEN}=1</script><span class=\"'\n"),
           reached=script_with_token),
    Attack("script-in-story-title", STORY, [
        '2: title: this is plain text, so HTML such as "</title>" would be shown as typed; remove it (formatting is '
        "only for descriptions and story text).",
    ],
           replace=("title: The Kettle and the Bus Stop\n",
                    f'title: "The Kettle</title><script>window.{TOKEN}=2</script>"\n'),
           reached=script_with_token),
    Attack("picture-on-an-allowed-host-loads-on-request", STORY, [],
           append="![A heron by the river](https://images.example/heron.jpg)",
           also=((CONFIG, ("extra:\n", "extra:\n  image_hosts:\n    - images.example\n")),),
           reached=remote_picture),
]
