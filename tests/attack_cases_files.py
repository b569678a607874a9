"""Hostile files, front matter and addresses, and the exact lines ``build`` must print for each.

Each case changes a copy of the full fixture project (``tests/fixtures/full``): ``files`` writes
files (text or bytes), ``replace`` swaps one exact piece of text in a file (it must occur once),
``symlinks`` makes symbolic links (``{outside}`` is a folder outside the project holding a file
``secret.md`` and a picture ``secret.png``). Every hostile text carries :data:`MARK`, so the
test can prove that nothing of it reached any file the build wrote. ``expected`` lists every
problem line printed; with ``exit_code`` 0 the site is built and ``absent`` lists addresses in
``site/`` that must not exist. The fixture's own warnings (:data:`FIXTURE_WARNINGS`) are left out.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from PIL import Image

MARK = "hostile-b7e1"
FIXTURE_WARNINGS = frozenset({
    "warning: content/resources/annual-report-2025-26.yml:13: review_by: the review date 2026-09-30 has passed; "
    "check the resource is still accurate and set a new review date.",
})


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


@dataclass(frozen=True)
class Attack:
    id: str
    expected: list[str]
    files: dict[str, str | bytes] = field(default_factory=dict)
    replace: dict[str, tuple[str, str]] = field(default_factory=dict)
    symlinks: dict[str, str] = field(default_factory=dict)
    exit_code: int = 1
    absent: tuple[str, ...] = ()


SCRIPT = f"<script>document.title='{MARK}'</script>"
SVG = f'<svg xmlns="http://www.w3.org/2000/svg"><script>alert("{MARK}")</script></svg>'
PAGE = f"---\ntitle: Notes {MARK}\n---\n\n{MARK}\n"
ABOUT = "content/about.md"
COURSE = "courses/understanding-anxiety.yml"
FIRST_LINE_OF_ABOUT = ("title: How the college works\n", "title: How the college works\n{}\n")


def _front(line: str) -> dict[str, tuple[str, str]]:
    """Add one line to the front matter of the About page (after its title, on line 3)."""
    old, new = FIRST_LINE_OF_ABOUT
    return {ABOUT: (old, new.format(line))}


ATTACKS: list[Attack] = [
    # --- files that would run in readers' browsers or replace the theme -------------------------
    Attack("html-page-in-content", [
        "content/hello.html:1: file: a .html file cannot be published: a web page could run scripts on the site; write the page in Markdown (.md) instead.",
    ], files={"content/hello.html": f"<!doctype html><title>x</title>{SCRIPT}"}),
    Attack("svg-with-script", [
        "content/images/logo.svg:1: file: a .svg file cannot be published: an SVG picture can hold scripts; save the picture as PNG or WebP instead.",
    ], files={"content/images/logo.svg": SVG}),
    Attack("script-shadowing-the-theme", [
        "content/assets/javascripts/print.js:1: file: a .js file cannot be published: scripts come from the theme only; remove the file.",
    ], files={"content/assets/javascripts/print.js": f"document.title = '{MARK}';"}),
    Attack("style-sheet-in-content", [
        "content/extra.css:1: file: a .css file cannot be published: styles come from the theme only (theme/assets/stylesheets/); remove the file.",
    ], files={"content/extra.css": f"body::after {{ content: '{MARK}' }}"}),
    Attack("picture-shadowing-a-theme-asset", [
        "content/assets/images/favicon.png:1: file: the address assets/images/favicon.png belongs to the theme's own files, so this file would replace part of the theme on every page; move it to another folder, such as images/.",
    ], files={"content/assets/images/favicon.png": _png()}),
    Attack("story-poster-that-is-a-page", [
        "stories/the-river-at-first-light.md:13: media.poster: a poster must be a picture; use one of: .gif, .jpeg, .jpg, .png, .webp.",
    ], files={"stories/media/poster.html": f"<p>{MARK}</p>{SCRIPT}"},
        replace={"stories/the-river-at-first-light.md": ("  file: media/the-river-at-first-light.jpg\n",
                                                         "  file: media/the-river-at-first-light.jpg\n"
                                                         "  poster: media/poster.html\n")}),
    # --- symbolic links that would publish files from outside the project -----------------------
    Attack("symlinked-page", [
        "content/passwords.md:1: file: this is a symbolic link, which could publish a file from outside the project; replace it with a copy of the file itself.",
    ], symlinks={"content/passwords.md": "{outside}/secret.md"}),
    Attack("symlinked-picture", [
        "content/images/photo.png:1: file: this is a symbolic link, which could publish a file from outside the project; replace it with a copy of the file itself.",
    ], files={"content/images/.keep": ""}, symlinks={"content/images/photo.png": "{outside}/secret.png"}),
    Attack("symlinked-folder-in-content", [
        "content/shared:1: file: this is a symbolic link, which could publish a file from outside the project; replace it with a copy of the file itself.",
    ], symlinks={"content/shared": "{outside}"}),
    Attack("symlinked-story-media", [
        "stories/media/the-river-at-first-light.jpg:1: file: this is a symbolic link, which could publish a file from outside the project; replace it with a copy of the file itself.",
    ], symlinks={"stories/media/the-river-at-first-light.jpg": "{outside}/secret.png"}),
    Attack("symlinked-story", [
        "stories/secret.md:1: file: this is a symbolic link, which could publish a file from outside the project; replace it with a copy of the file itself.",
    ], symlinks={"stories/secret.md": "{outside}/secret.md"}),
    Attack("symlinked-course-folder-file", [
        "courses/secret.yml:1: file: this is a symbolic link, which could publish a file from outside the project; replace it with a copy of the file itself.",
    ], symlinks={"courses/secret.yml": "{outside}/secret.md"}),
    # --- files nobody meant to publish: left out, with a warning --------------------------------
    Attack("notes-and-spreadsheets-stay-private", [
        "warning: content/_headers:1: file: this file is not published on the website: the build writes the site's HTTP headers itself (see docs/hosting.md); delete it.",
        "warning: content/contacts.xlsx:1: file: this file is not published on the website: only pages, files a resource or paper refers to, and pictures, PDFs, audio, video and captions are published; move it out of content/ if it is not meant for readers.",
        "warning: content/notes/phone-numbers.txt:1: file: this file is not published on the website: only pages, files a resource or paper refers to, and pictures, PDFs, audio, video and captions are published; move it out of content/ if it is not meant for readers.",
        "warning: content/session-plan.docx:1: file: this file is not published on the website: only pages, files a resource or paper refers to, and pictures, PDFs, audio, video and captions are published; move it out of content/ if it is not meant for readers.",
    ], files={
        "content/notes/phone-numbers.txt": f"Jo {MARK} 07700 900123\n",
        "content/session-plan.docx": MARK.encode() + b"\x00PK",
        "content/contacts.xlsx": MARK.encode() + b"\x00PK",
        "content/_headers": f"/*\n  Content-Security-Policy: script-src * 'unsafe-inline'\n  X-{MARK}: 1\n",
    }, exit_code=0, absent=("notes/phone-numbers.txt", "session-plan.docx", "contacts.xlsx")),
    # --- front matter that Material prints or follows -------------------------------------------
    Attack("script-in-page-status", [
        f'content/about.md:3: status: "<script>document.title=\'{MARK}\'</script>" is not allowed here; use one of: new, deprecated.',
    ], replace=_front(f"status: {SCRIPT}")),
    Attack("page-icon-is-a-path", [
        'content/about.md:3: icon: "../../../../etc/passwd" is not an icon name; write a Material icon name such as material/heart-outline (see the icon search in Material for MkDocs\' documentation), or leave icon: out.',
    ], replace=_front("icon: ../../../../etc/passwd")),
    Attack("page-template-is-a-path", [
        'content/about.md:3: template: "../../../../etc/passwd" is not allowed here; use one of: main.html, home.html, crisis-support.html.',
    ], replace=_front("template: ../../../../etc/passwd")),
    Attack("page-template-needs-a-course", [
        'content/about.md:3: template: "course.html" is not allowed here (did you mean "home.html"?); use one of: main.html, home.html, crisis-support.html.',
    ], replace=_front("template: course.html")),
    Attack("html-in-page-title", [
        'content/about.md:2: title: this is plain text, so HTML such as "<img>" would be shown as typed; remove it (formatting is only for descriptions and story text).',
    ], replace={ABOUT: ("title: How the college works\n", f'title: "<img src=x onerror=alert(1)>{MARK}"\n')}),
    Attack("bidi-override-in-page-description", [
        "content/about.md:3: description: this holds an invisible control character (U+202E), which can change how the text is read or shown; delete it (retype the words around it if you cannot see it).",
    ], replace={ABOUT: ("description: >-\n  Registering", "description: >-\n  \u202eRegistering")}),
    Attack("carriage-return-in-course-title", [
        "courses/understanding-anxiety.yml:2: title: this holds an invisible control character (U+000D), which can change how the text is read or shown; delete it (retype the words around it if you cannot see it).",
    ], replace={COURSE: ("title: Understanding Anxiety\n", f'title: "Understanding Anxiety\\rATTACH:{MARK}"\n')}),
    Attack("line-break-in-course-title", [
        "courses/understanding-anxiety.yml:2: title: this must fit on one line, but it runs over several; join the lines into one.",
    ], replace={COURSE: ("title: Understanding Anxiety\n", f'title: "Understanding Anxiety\\nBEGIN:VEVENT {MARK}"\n')}),
    Attack("escape-character-in-venue-locality", [
        "courses/_venues.yml:11: venues[0].locality: this holds an invisible control character (U+001B), which can change how the text is read or shown; delete it (retype the words around it if you cannot see it).",
    ], replace={"courses/_venues.yml": ("    postcode: WY1 3LB\n    locality: Kelderbridge\n",
                                        f'    postcode: WY1 3LB\n    locality: "Kelder\\e[2J{MARK}"\n')}),
    Attack("escape-character-in-a-list-of-text", [
        "courses/understanding-anxiety.yml:28: facilitators[0].role: this holds an invisible control character (U+0085), which can change how the text is read or shown; delete it (retype the words around it if you cannot see it).",
    ], replace={COURSE: ("    role: Peer trainer\n", f'    role: "Peer\\N trainer {MARK}"\n')}),
    # --- addresses that would replace another page ----------------------------------------------
    Attack("alias-replaces-the-timetable", [
        "courses/understanding-anxiety.yml:83: aliases[0].slug: the address /courses/timetable/ is already the timetable, which the build makes; each address leads to one page only, so rename this one.",
    ], replace={COURSE: ("\nnext_steps:\n", "\naliases:\n  - slug: timetable\nnext_steps:\n")}),
    Attack("course-file-named-index", [
        "courses/index.yml:1: file name: the address /courses/ is already the course listing, which the build makes; each address leads to one page only, so rename this one.",
    ], files={"courses/index.yml": "{course}"}),
    Attack("page-replaces-a-course", [
        "content/courses/understanding-anxiety.md:1: file: the address /courses/understanding-anxiety/ is already the course in courses/understanding-anxiety.yml; each address leads to one page only, so rename this one.",
    ], files={"content/courses/understanding-anxiety.md": PAGE}),
    Attack("page-replaces-the-stories-listing", [
        "content/stories/index.md:1: file: the address /stories/ is already the stories listing, which the build makes; each address leads to one page only, so rename this one.",
    ], files={"content/stories/index.md": PAGE}),
    Attack("story-named-like-a-listing", [
        "stories/index.md:1: file name: the address /stories/ is already the stories listing, which the build makes; each address leads to one page only, so rename this one.",
    ], files={"stories/index.md": "{story}"}),
    Attack("fake-printed-prospectus", [
        "content/prospectus.pdf:1: file: the address /prospectus.pdf is already the printed prospectus, which the build makes; rename this file.",
    ], files={"content/prospectus.pdf": b"%PDF-1.4\n" + MARK.encode()}),
    Attack("theme-style-sheet-in-another-case", [
        "content/Assets/stylesheets/site.css:1: file: a .css file cannot be published: styles come from the theme only (theme/assets/stylesheets/); remove the file.",
        "content/Assets/stylesheets/site.png:1: file: the address Assets/stylesheets/site.png belongs to the theme's own files, so this file would replace part of the theme on every page; move it to another folder, such as images/.",
    ], files={"content/Assets/stylesheets/site.css": MARK, "content/Assets/stylesheets/site.png": _png()}),
    Attack("page-that-escapes-the-checks-by-its-extension", [
        "warning: content/Offer.MD:1: file: this file is not published on the website: only pages, files a resource or paper refers to, and pictures, PDFs, audio, video and captions are published; move it out of content/ if it is not meant for readers.",
        "warning: content/offer.markdown:1: file: this file is not published on the website: only pages, files a resource or paper refers to, and pictures, PDFs, audio, video and captions are published; move it out of content/ if it is not meant for readers.",
    ], files={"content/Offer.MD": f"---\nstatus: {SCRIPT}\n---\n\n{MARK}\n",
              "content/offer.markdown": f"---\ntemplate: ../../../../etc/passwd\nicon: x\n---\n\n{MARK}\n"},
        exit_code=0, absent=("Offer/index.html", "offer/index.html")),
    Attack("picture-replacing-a-story-picture", [
        "content/stories/media/the-river-at-first-light.jpg:1: file: the folder stories/media/ on the website holds the published stories' own media, so this file could replace one; put story media in stories/media/ beside the stories, or move this file to another folder.",
    ], files={"content/stories/media/the-river-at-first-light.jpg": _png()}),
    Attack("readme-replaces-the-home-page", [
        "content/index.md:1: file: the address / is already the page content/README.md; each address leads to one page only, so rename this one.",
    ], files={"content/README.md": PAGE}),
]
