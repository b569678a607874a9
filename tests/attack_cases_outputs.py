"""Hostile inputs for the non-HTML outputs, and exactly what ``validate`` must print for each.

Each attack writes files into a copy of the minimal project in ``tests/fixtures/minimal``
(``files``: path -> text or bytes, written over what is there; ``rename``: old path -> new
path). ``expected`` lists every problem line ``validate`` prints, in order. The tests also
prove that nothing reached any output: ``build`` then stops before writing anything, and
every line printed is printable (no line break or control character from content).
``budget`` marks the attacks on bounded work: seconds a validation may take on a loaded
machine, far above the linear time (a few seconds), far below what the attack used to cost.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, PngImagePlugin

FIXTURES = Path(__file__).parent / "fixtures"
MP3 = FIXTURES / "full" / "stories" / "media" / "the-allotment-and-the-voices.mp3"
SIZE = 1_900_000  # just under the 2 MB limit for a content file
BUDGET = 60.0

FILM = "stories/river-film.md"
WRITTEN = "stories/finding-my-feet.md"
ANONYMOUS = "remove it, since it could identify the storyteller."
IN_METADATA = "remove it with an audio tag or image editor, since it could identify the storyteller."


@dataclass(frozen=True)
class Attack:
    id: str
    expected: list[str]
    files: dict[str, str | bytes] = field(default_factory=dict)
    rename: dict[str, str] = field(default_factory=dict)
    budget: float | None = None


def story(fields: str, body: str = "A story.\n") -> str:
    """An anonymous story with the given ``media:`` and format lines (front matter lines 1-17)."""
    return ("---\ntitle: A picture of the harbour\nsummary: What the harbour means to me.\nstoryteller:\n"
            f"  attribution: anonymous\nperspective: lived-experience\n{fields}"
            "themes: [hope]\nconsent:\n  given: 2026-03-01\n  scope: [web, print]\n  review_by: 2028-03-01\n"
            f"published: 2026-04-01\n---\n\n{body}")


def image_story(name: str, alt: str = "The harbour at dusk.") -> str:
    return story(f"format: image\nmedia:\n  file: {name}\n  alt: {alt}\n")


def audio_story(name: str) -> str:
    return story(f"format: audio\nmedia:\n  file: {name}\n  transcript: media/voice-transcript.md\n")


def png(size: tuple[int, int] = (8, 8), texts: dict[str, str] | None = None, mode: str = "RGB") -> bytes:
    info = PngImagePlugin.PngInfo()
    for key, value in (texts or {}).items():
        info.add_itxt(key, value, zip=True) if key.startswith("z") else info.add_text(key, value)
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG", pnginfo=info, optimize=True)
    return buffer.getvalue()


def jpeg(comment: bytes) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 90, 40)).save(buffer, "JPEG", comment=comment)
    return buffer.getvalue()


def gif(frames: int, size: tuple[int, int]) -> bytes:
    images = []
    for index in range(frames):
        frame = Image.new("P", size, 0)
        frame.putpixel((index % size[0], 0), 1 + index % 200)  # frames differ, so none is merged
        images.append(frame)
    buffer = io.BytesIO()
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:], duration=40)
    return buffer.getvalue()


def tagged_mp3(**frames: str) -> bytes:
    """The fixture's recording with ID3 frames added, e.g. ``COMM="call me on …"``."""
    import tempfile

    from mutagen.id3 import COMM, ID3, TPE1

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "voice.mp3"
        shutil.copy(MP3, path)
        tags = ID3()
        if "TPE1" in frames:
            tags.add(TPE1(encoding=3, text=[frames["TPE1"]]))
        if "COMM" in frames:
            tags.add(COMM(encoding=3, lang="eng", desc="", text=[frames["COMM"]]))
        tags.save(path)
        return path.read_bytes()


def body(text: str) -> str:
    """The written story of the minimal project with ``text`` as its body (line 17 on)."""
    head = (FIXTURES / "minimal" / WRITTEN).read_text(encoding="utf-8").split("\n---\n", 1)[0]
    return f"{head}\n---\n{text}"


def filler(unit: str, size: int = SIZE) -> str:
    return (unit * (size // len(unit) + 1))[:size]


PARAGRAPH = 5000
TAGS_OPEN = ("more than 20 HTML tags are opened with < in this paragraph and not closed with >; write &lt; for a < "
             "that is only text, or close each tag.")
SQUARE_OPEN = ("more than 20 square brackets [ ] are open at once in this paragraph (opened with [ and not yet "
               "closed); close each one, or write a backslash before a bracket that is only text (\\[).")
ROUND_OPEN = ("more than 20 brackets ( ) are open at once in this paragraph (opened with ( and not yet closed); "
              "close each one, or write a backslash before a bracket that is only text (\\().")


def paragraphs(unit: str, size: int = SIZE) -> str:
    """``size`` characters of ``unit``, in paragraphs of ``PARAGRAPH`` characters, from line 18."""
    return "\n" + "".join(filler(unit, PARAGRAPH) + "\n\n" for _ in range(size // PARAGRAPH))


NOT_ON_A = WRITTEN + ':18: body <a {0}>: the attribute "{0}" is not allowed on <a>; remove it.'


def with_after_first(lines: list[str], extra: list[str]) -> list[str]:
    return [lines[0], *extra, *lines[1:]]


def each_paragraph(message: str, size: int = SIZE, path: str = WRITTEN, first: int = 18) -> list[str]:
    return [f"{path}:{first + 2 * index}: body: {message}" for index in range(size // PARAGRAPH)]


ATTACKS: list[Attack] = [
    # File names that cannot be slugs: refused before anything prints them raw.
    Attack("file-name-with-newline", [
        'stories/finding\\n::error file=x::my-feet.md:1: file name: the name "finding\\n::error file=x::my-feet.md" '
        "contains a line break or another character that cannot be shown (written here with a backslash); rename "
        "it using lower-case letters, digits and hyphens, e.g. finding-error-file-x-my-feet.md.",
    ], rename={WRITTEN: "stories/finding\n::error file=x::my-feet.md"}),
    Attack("file-name-with-escape-sequence", [
        'stories/\\x1b[31mred.md:1: file name: the name "\\x1b[31mred.md" contains a line break or another '
        "character that cannot be shown (written here with a backslash); rename it using lower-case letters, "
        "digits and hyphens, e.g. 31mred.md.",
    ], rename={WRITTEN: "stories/\x1b[31mred.md"}),
    Attack("file-name-with-right-to-left-override", [
        'stories/my-story\\u202edm.txt.md:1: file name: the name "my-story\\u202edm.txt.md" contains a line break '
        "or another character that cannot be shown (written here with a backslash); rename it using lower-case "
        "letters, digits and hyphens, e.g. my-story-dm-txt.md.",
    ], rename={WRITTEN: "stories/my-story\u202edm.txt.md"}),
    Attack("media-folder-name-with-newline", [
        'stories/media/film\\r\\n.vtt:1: file name: the name "film\\r\\n.vtt" contains a line break or another '
        "character that cannot be shown (written here with a backslash); rename it using lower-case letters, "
        "digits and hyphens, e.g. film.vtt.",
    ], files={"stories/media/film\r\n.vtt": "WEBVTT\n"}),

    # Personal data in everything an anonymous story publishes.
    Attack("email-in-captions", [
        'stories/media/river-film.vtt:6: captions: this anonymous story contains what looks like an e-mail address '
        f'("sam.r@example.org"); {ANONYMOUS}',
    ], files={"stories/media/river-film.vtt": "WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n\nWrite to sam.r@example.org\n"}),
    Attack("captions-with-byte-order-mark-and-crlf", [
        'stories/media/river-film.vtt:4: captions: this anonymous story contains what looks like a phone number '
        f'("07700 900123"); {ANONYMOUS}',
    ], files={"stories/media/river-film.vtt": b"\xef\xbb\xbfWEBVTT\r\n\r\n00:00.000 --> 00:02.000\r\nRing 07700 900123\r\n"}),
    Attack("phone-in-transcript", [
        'stories/media/river-film-transcript.md:3: transcript: this anonymous story contains what looks like a phone '
        f'number ("07700 900123"); {ANONYMOUS}',
    ], files={"stories/media/river-film-transcript.md": "Hello.\r\rRing me on 07700 900123.\r"}),
    Attack("phone-in-alt-text", [
        'stories/harbour.md:10: media.alt: this anonymous story contains what looks like a phone number '
        f'("07700 900123"); {ANONYMOUS}',
    ], files={"stories/harbour.md": image_story("media/harbour.png", "My door, with 07700 900123 on it."),
              "stories/media/harbour.png": png()}),
    Attack("phone-in-media-file-name", [
        'stories/harbour.md:9: media.file: this anonymous story contains what looks like a phone number '
        f'("07700-900123"); {ANONYMOUS}',
    ], files={"stories/harbour.md": image_story("media/07700-900123.png"), "stories/media/07700-900123.png": png()}),
    Attack("email-in-png-text-chunk", [
        'stories/harbour.md:9: media.file: the file "media/harbour.png" holds what looks like a phone number '
        f'("07700 900123") in its metadata (PNG text zComment); {IN_METADATA}',
        'stories/harbour.md:9: media.file: the file "media/harbour.png" holds what looks like an e-mail address '
        f'("sam.r@example.org") in its metadata (PNG text Author); {IN_METADATA}',
    ], files={"stories/harbour.md": image_story("media/harbour.png"),
              "stories/media/harbour.png": png(texts={"Author": "sam.r@example.org",
                                                      "zComment": "ring 07700 900123"})}),
    Attack("phone-in-jpeg-comment", [
        'stories/harbour.md:9: media.file: the file "media/harbour.jpg" holds what looks like a phone number '
        f'("07700 900123") in its metadata (JPEG comment); {IN_METADATA}',
    ], files={"stories/harbour.md": image_story("media/harbour.jpg"),
              "stories/media/harbour.jpg": jpeg(b"taken by 07700 900123")}),
    Attack("email-and-phone-in-audio-tags", [
        'stories/voice.md:9: media.file: the file "media/voice.mp3" holds what looks like a phone number '
        f'("07700 900123") in its metadata (tag COMM); {IN_METADATA}',
        'stories/voice.md:9: media.file: the file "media/voice.mp3" holds what looks like an e-mail address '
        f'("sam.r@example.org") in its metadata (tag TPE1); {IN_METADATA}',
    ], files={"stories/voice.md": audio_story("media/voice.mp3"),
              "stories/media/voice.mp3": tagged_mp3(TPE1="sam.r@example.org", COMM="ring 07700 900123"),
              "stories/media/voice-transcript.md": "I recorded this at home.\n"}),

    # Bounded work: each used to keep validate or build busy for minutes. The hostile texts come
    # in paragraphs of 5,000 characters, under the paragraph limit, so each rule is reached.
    Attack("e-mail-pattern-on-long-runs", [
        f'warning: {WRITTEN}:{18 + 2 * (SIZE // PARAGRAPH)}: body: this story contains what looks like an e-mail '
        'address ("jo@example.org"); check that the storyteller agreed to share it, or remove it.',
    ], files={WRITTEN: body(paragraphs("a1") + "jo@example.org\n")}, budget=BUDGET),
    # A tag still open at the end is checked with the attributes read so far ("<a" is one).
    Attack("html-parser-on-unclosed-tags", with_after_first(each_paragraph(TAGS_OPEN), [NOT_ON_A.format("<a")]),
           files={WRITTEN: body(paragraphs("<a "))}, budget=BUDGET),
    Attack("html-parser-on-unclosed-attribute-values",
           with_after_first(each_paragraph(TAGS_OPEN), [NOT_ON_A.format("<a"), NOT_ON_A.format("b")]),
           files={WRITTEN: body(paragraphs('<a b="'))}, budget=BUDGET),
    Attack("link-text-check-on-brackets", each_paragraph(SQUARE_OPEN, path="content/index.md", first=6),
           files={"content/index.md": "---\ntitle: Home\n---\n\n" + paragraphs("[x")}, budget=BUDGET),
    Attack("one-long-paragraph", [
        f"{WRITTEN}:18: body: this paragraph is 1,900,001 characters long; a paragraph can be at most 10,000 "
        "characters (about 1,500 words), so that it can be read on a phone and built quickly. Add blank lines "
        "between paragraphs.",
    ], files={WRITTEN: body("\n" + filler("[x](y) ") + "\n")}, budget=BUDGET),
    Attack("brackets-that-keep-the-build-busy", each_paragraph(SQUARE_OPEN, size=60_000),
           files={WRITTEN: body(paragraphs("[", size=60_000))}, budget=BUDGET),
    Attack("images-that-keep-the-build-busy", each_paragraph(SQUARE_OPEN, size=60_000),
           files={WRITTEN: body(paragraphs("![", size=60_000))}, budget=BUDGET),
    Attack("link-targets-that-keep-the-build-busy", each_paragraph(ROUND_OPEN, size=60_000),
           files={WRITTEN: body(paragraphs("[](", size=60_000))}, budget=BUDGET),
    Attack("deep-list-nesting", [
        f"{WRITTEN}:28: body: lists and quotes are nested 11 levels deep here; at most 10 levels can be shown "
        "(each > and each four spaces of indent is a level), so remove some levels.",
    ], files={WRITTEN: body("\n" + "".join("    " * level + "- step\n" for level in range(30)))}),
    Attack("deep-quote-nesting", [
        f"{WRITTEN}:18: body: lists and quotes are nested 500 levels deep here; at most 10 levels can be shown "
        "(each > and each four spaces of indent is a level), so remove some levels.",
    ], files={WRITTEN: body("\n" + "> " * 500 + "deep\n")}),
    Attack("list-nesting-on-one-line", [
        f"{WRITTEN}:18: body: lists and quotes are nested 400 levels deep here; at most 10 levels can be shown "
        "(each > and each four spaces of indent is a level), so remove some levels.",
    ], files={WRITTEN: body("\n" + "- " * 200 + "> 1. " * 100 + "x\n")}),
    Attack("image-of-15000-by-15000-pixels", [
        'stories/harbour.md:9: media.file: the image "media/harbour.png" has more than 178 million pixels, but '
        "images may be at most 6000 pixels on a side; save a smaller copy (2000 pixels on the longest side is "
        "plenty for the web) and use that.",
    ], files={"stories/harbour.md": image_story("media/harbour.png"),
              "stories/media/harbour.png": png((15000, 15000), mode="1")}),
    Attack("animation-with-many-frames", [
        'stories/harbour.md:9: media.file: the animation "media/harbour.gif" has 150 frames, but animations may have '
        "at most 100; shorten it, or tell the story as a film with captions instead.",
    ], files={"stories/harbour.md": image_story("media/harbour.gif"), "stories/media/harbour.gif": gif(150, (16, 16))}),
    Attack("animation-with-too-many-pixels", [
        'stories/harbour.md:9: media.file: the animation "media/harbour.gif" has 20 frames of 2000 × 2000 pixels '
        "(80 million pixels in all), but an animation may have at most 50 million; make it smaller or shorter.",
    ], files={"stories/harbour.md": image_story("media/harbour.gif"),
              "stories/media/harbour.gif": gif(20, (2000, 2000))}),
]
