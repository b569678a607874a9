"""The college's brand colours (``extra.brand`` in mkdocs.yml) as a style sheet for every page.

The colours were parsed and checked for contrast when the settings were read
(:mod:`build_tools.content.settings`), so each one here is a plain ``#rrggbb`` code; the
shades around it (hover, tints, Material's variables) are derived from it, so a college sets
two colours and gets a consistent palette in both colour schemes.
"""

from __future__ import annotations

from coloraide import Color

from build_tools.content.settings import DARK_BACKGROUND, Brand

STYLESHEET = "assets/stylesheets/brand.css"


def _mix(colour: str, other: str, amount: float) -> str:
    return Color(colour).mix(other, amount, space="srgb").to_string(hex=True)


def stylesheet(brand: Brand) -> str:
    """CSS custom properties for both colour schemes, after theme/assets/stylesheets/site.css."""
    light, dark = brand.colour, brand.dark_scheme_colour
    return f"""/* Written by the build from extra.brand in mkdocs.yml. */
:root,
[data-md-color-scheme="default"] {{
  --rc-brand: {light};
  --rc-brand-dark: {_mix(light, "black", 0.25)};
  --rc-brand-tint: {_mix(light, "white", 0.9)};
  --md-primary-fg-color: {light};
  --md-primary-fg-color--light: {_mix(light, "white", 0.18)};
  --md-primary-fg-color--dark: {_mix(light, "black", 0.25)};
  --md-accent-fg-color: {_mix(light, "black", 0.25)};
  --md-accent-fg-color--transparent: {light}1a;
  --md-typeset-a-color: {light};
}}

[data-md-color-scheme="slate"] {{
  --rc-brand: {dark};
  --rc-brand-dark: {_mix(dark, "white", 0.3)};
  --rc-brand-tint: {_mix(dark, DARK_BACKGROUND, 0.8)};
  --md-primary-fg-color: {light};
  --md-primary-fg-color--light: {_mix(light, "white", 0.18)};
  --md-primary-fg-color--dark: {_mix(light, "black", 0.25)};
  --md-accent-fg-color: {_mix(dark, "white", 0.3)};
  --md-accent-fg-color--transparent: {dark}1a;
  --md-typeset-a-color: {dark};
}}
"""
