"""The college's settings file, ``mkdocs.yml``, read once into one typed :class:`Settings` object.

The web pages, the printed editions, the feeds and calendars all take the college's name,
contacts, crisis lines, brand, nation and language from here, so no output derives them on its own. The
file is read safely without MkDocs (``!ENV`` as MkDocs reads it; Python tags are never run).
Settings a college gets wrong (an unknown nation, a brand colour too pale to read) are
:class:`Problem` s on the line of ``mkdocs.yml`` that holds them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from coloraide import Color

from build_tools.content.errors import Problem, error

CONFIG_FILE = "mkdocs.yml"
# WCAG 2.2 AA, success criterion 1.4.3: normal text needs a contrast ratio of at least 4.5:1.
MIN_CONTRAST = 4.5
# The backgrounds brand colours are read on: white pages (light scheme) and Material's dark
# "slate" background (dark scheme).
LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#1e1f29"
LOGO_TYPES = (".png", ".jpg", ".jpeg", ".webp")
# The language the college writes in, which every output declares: the pages' <html lang> (Material
# takes it from theme.language, with its words from partials/languages/<language>.html), the
# feeds' <language> and the printed editions' /Lang. British English unless mkdocs.yml says otherwise.
LANGUAGE = "en-GB"
# A language tag (BCP 47) as theme.language may hold it: a language, then subtags such as a region.
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
# A logo path is a plain relative path under content/: letters, digits, - _ . and /, no "..".
_PATH_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./")


class _ConfigLoader(yaml.SafeLoader):
    """Safe YAML for mkdocs.yml: ``!ENV`` as MkDocs reads it; Python tags are ignored, never run."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    from yaml_env_tag import construct_env_tag  # MkDocs' own reader of !ENV

    return construct_env_tag(loader, node)


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!relative", lambda loader, suffix, node: None)


def read_config(root: Path) -> dict[str, Any]:
    """``root/mkdocs.yml`` as a plain mapping (for commands that run without a build), with the
    file it names in ``INHERIT:`` under it, as MkDocs reads it."""
    return _read(root / CONFIG_FILE, depth=0)


def _read(path: Path, depth: int) -> dict[str, Any]:
    with open(path, encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=_ConfigLoader) or {}  # noqa: S506 - a SafeLoader subclass
    parent = config.pop("INHERIT", None) if isinstance(config, dict) else None
    if isinstance(parent, str) and depth < 10:  # a chain of files, never a loop
        return _merged(_read(path.parent / parent, depth + 1), config)
    return config


def _merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` on top of ``base``: mappings merged key by key, everything else replaced (as MkDocs does)."""
    merged = dict(base)
    for key, value in over.items():
        merged[key] = _merged(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
    return merged


@dataclass(frozen=True)
class Nation:
    """What differs between the four nations: the mental health law named in content notes, and
    the public crisis lines a new college starts with (``init``), each editable in mkdocs.yml."""

    name: str
    detention_note: str
    crisis_support: tuple[dict[str, str], ...]


_EMERGENCY = {"name": "Emergency services", "contact": "999", "detail": "if your life or someone else's is at risk now"}
_SAMARITANS = {"name": "Samaritans", "contact": "116 123", "detail": "free, any time, day or night"}
_SHOUT = {"name": "Shout", "contact": "text SHOUT to 85258", "detail": "free text support, any time"}

NATIONS: dict[str, Nation] = {
    "england": Nation("England", "Detention under the Mental Health Act", (
        _EMERGENCY,
        {"name": "NHS 111", "contact": "111, option 2", "detail": "urgent mental health help, day and night"},
        _SAMARITANS, _SHOUT)),
    "wales": Nation("Wales", "Detention under the Mental Health Act", (
        _EMERGENCY,
        {"name": "NHS 111 Wales", "contact": "111, option 2", "detail": "urgent mental health help, day and night"},
        _SAMARITANS, _SHOUT)),
    "scotland": Nation("Scotland", "Detention under the Mental Health (Care and Treatment) (Scotland) Act", (
        _EMERGENCY,
        {"name": "NHS 24", "contact": "111", "detail": "urgent help when your GP is closed, day and night"},
        {"name": "Breathing Space", "contact": "0800 83 85 87", "detail": "free listening line for low mood and worry"},
        _SAMARITANS, _SHOUT)),
    "northern-ireland": Nation("Northern Ireland", "Detention under mental health law", (
        _EMERGENCY,
        {"name": "Lifeline", "contact": "0808 808 8000", "detail": "free crisis support, day and night"},
        _SAMARITANS, _SHOUT)),
}
# The content note's wording when mkdocs.yml names no nation.
DETENTION_NOTE = "Detention under mental health law"


@dataclass(frozen=True)
class Brand:
    """The college's logo and colours (``extra.brand``). The defaults pass WCAG AA in both schemes."""

    colour: str = "#005a66"
    """Header background and links in the light scheme; white text is written on it."""
    dark_scheme_colour: str = "#7fd6e0"
    """Links and highlights in the dark scheme, on the dark background."""
    logo: str | None = None
    """A picture under content/ (PNG, JPEG or WebP), shown in the header instead of the default icon."""


@dataclass(frozen=True)
class Settings:
    """Everything the outputs need from mkdocs.yml, derived once."""

    site_name: str = ""
    site_url: str = ""
    college: dict[str, Any] = field(default_factory=dict)
    """Contacts: name, phone, phone_hours, email, address (lines), enrol_url."""
    crisis_support: list[dict[str, str]] = field(default_factory=list)
    nation: str | None = None
    detention_note: str = DETENTION_NOTE
    brand: Brand = field(default_factory=Brand)
    language: str = LANGUAGE
    """``theme.language``: the language tag of the pages, feeds and printed editions."""
    markdown_extensions: list[str] = field(default_factory=list)
    markdown_configs: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def college_name(self) -> str:
        """The one fallback chain: ``extra.college.name``, else ``site_name``."""
        return str(self.college.get("name") or self.site_name)

    def url(self, path: str) -> str:
        """Full web address of a page of the site, e.g. ``courses/understanding-anxiety/``."""
        return self.site_url.rstrip("/") + "/" + path.lstrip("/") if self.site_url else "/" + path.lstrip("/")

    @staticmethod
    def readable(url: str) -> str:
        """A web address as people type it: without ``https://``."""
        return url.split("://", 1)[-1]

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Settings:
        """From the mapping read from mkdocs.yml, or MkDocs' own loaded config. Values that are
        wrong fall back to the defaults here; :func:`settings_problems` reports them."""
        extra = dict(config.get("extra") or {})
        college = dict(extra.get("college") or {}) if isinstance(extra.get("college"), Mapping) else {}
        site_name = str(config.get("site_name") or "")
        college["name"] = str(college.get("name") or site_name)
        nation = extra.get("nation")
        known = NATIONS.get(nation) if isinstance(nation, str) else None
        names, configs = _markdown_settings(config)
        language = _theme(config).get("language")
        return cls(site_name=site_name, site_url=str(config.get("site_url") or ""), college=college,
                   crisis_support=[dict(line) for line in extra.get("crisis_support") or [] if isinstance(line, Mapping)],
                   nation=nation if known else None,
                   detention_note=str(extra.get("detention_note") or (known.detention_note if known else DETENTION_NOTE)),
                   brand=_brand(extra.get("brand")), language=language if _is_language_tag(language) else LANGUAGE,
                   markdown_extensions=names, markdown_configs=configs)


def _theme(config: Mapping[str, Any]) -> Mapping[str, Any]:
    theme = config.get("theme")
    return theme if isinstance(theme, Mapping) else {}


def _is_language_tag(value: Any) -> bool:
    return isinstance(value, str) and _LANGUAGE_TAG.fullmatch(value) is not None


def _markdown_settings(config: Mapping[str, Any]) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """``markdown_extensions`` as names and their options: from mkdocs.yml's list of names and
    one-key mappings, or from MkDocs' loaded config (names, with the options in ``mdx_configs``)."""
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = dict(config.get("mdx_configs") or {})
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, str):
            names.append(entry)
        elif isinstance(entry, Mapping):
            for name, options in entry.items():
                names.append(str(name))
                if isinstance(options, Mapping):
                    configs[str(name)] = dict(options)
    return names, configs


def _colour(value: Any) -> str | None:
    """A CSS colour as ``#rrggbb``, or None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        return Color(value).convert("srgb").fit("srgb").to_string(hex=True, alpha=False)
    except ValueError:
        return None


def _brand(value: Any) -> Brand:
    brand = value if isinstance(value, Mapping) else {}
    default = Brand()
    logo = brand.get("logo")
    return Brand(colour=_colour(brand.get("colour")) or default.colour,
                 dark_scheme_colour=_colour(brand.get("dark_scheme_colour")) or default.dark_scheme_colour,
                 logo=logo if _plain_logo_path(logo) else None)


def _plain_logo_path(value: Any) -> bool:
    return (isinstance(value, str) and value.lower().endswith(LOGO_TYPES) and set(value) <= _PATH_CHARACTERS
            and not value.startswith("/") and ".." not in value.split("/"))


def contrast(foreground: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two colours (1 to 21)."""
    return Color(foreground).contrast(background, method="wcag21")


def load_settings(root: Path) -> Settings:
    """The settings of the project at ``root`` (problems are reported by validation: :func:`read_settings`)."""
    return read_settings(root)[0]


def _line_of(root: Path, keys: tuple[str, ...]) -> int:
    """The line of mkdocs.yml holding ``extra.brand.colour`` (given as its keys), or of its
    nearest parent that is there; 1 when the file cannot be read."""
    try:
        node = yaml.compose((root / CONFIG_FILE).read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return 1
    line = 1
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            break
        found = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
        if found is None:
            break
        line = found[0].start_mark.line + 1
        node = found[1]
    return line


def read_settings(root: Path) -> tuple[Settings, list[Problem]]:
    """The settings of the project at ``root``, and what is wrong with them, in editors' words."""
    try:
        config = read_config(root)
    except FileNotFoundError:  # content checked on its own; a build without mkdocs.yml stops in MkDocs
        return Settings(), []
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        return Settings(), [error(CONFIG_FILE, (mark.line + 1) if mark else 1, "file",
                                  "mkdocs.yml cannot be read as YAML; check the indentation and quotes on this line.")]
    if not isinstance(config, Mapping):
        return Settings(), [error(CONFIG_FILE, 1, "file", "mkdocs.yml must hold settings as name: value lines.")]
    return Settings.from_config(config), _problems(root, config)


def _problems(root: Path, config: Mapping[str, Any]) -> list[Problem]:
    extra = config.get("extra") if isinstance(config.get("extra"), Mapping) else {}
    problems: list[Problem] = []

    def report(keys: tuple[str, ...], message: str) -> None:
        problems.append(error(CONFIG_FILE, _line_of(root, keys), ".".join(keys), message))

    language = _theme(config).get("language")
    if language is not None and not _is_language_tag(language):
        report(("theme", "language"), f'"{language}" is not a language tag; write en-GB (British English), '
               "or remove the line.")
    nation = extra.get("nation")
    if nation is not None and nation not in NATIONS:
        report(("extra", "nation"), f'"{nation}" is not a nation this tool knows; write one of '
               f"{', '.join(NATIONS)}, or remove the line.")
    brand = extra.get("brand")
    if brand is not None and not isinstance(brand, Mapping):
        report(("extra", "brand"), "brand: holds colour:, dark_scheme_colour: and logo: on lines of their own, "
               "indented under it.")
        brand = {}
    brand = brand or {}
    for name, background, where in (("colour", LIGHT_BACKGROUND, "white text and the white page"),
                                     ("dark_scheme_colour", DARK_BACKGROUND, "the dark background")):
        if name not in brand:
            continue
        keys = ("extra", "brand", name)
        colour = _colour(brand[name])
        if colour is None:
            report(keys, f'"{brand[name]}" is not a colour; write it as a hex code in quotes, for example "#005a66".')
            continue
        ratio = contrast(colour, background)
        if ratio < MIN_CONTRAST:
            darker = "darker" if background == LIGHT_BACKGROUND else "lighter"
            report(keys, f"{brand[name]} has a contrast of {ratio:.1f}:1 with {where}, and text needs at least "
                   f"{MIN_CONTRAST}:1 to be readable (WCAG AA); choose a {darker} colour.")
    logo = brand.get("logo")
    if logo is not None:
        docs = root / str(config.get("docs_dir") or "content")
        if not _plain_logo_path(logo):
            report(("extra", "brand", "logo"), "the logo must be a PNG, JPEG or WebP picture under content/, named "
                   "with letters, digits and dashes, for example images/logo.png.")
        elif not (docs / logo).is_file():
            report(("extra", "brand", "logo"), f"there is no file content/{logo}; put the logo there, or correct "
                   "the path (it is relative to content/).")
    return problems
