"""The college's settings (mkdocs.yml), read once: name, nation, brand and Markdown extensions,
and what a college sets there reaching the pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image
from projects import copy_project

from build_tools.content.environment import environment
from build_tools.content.settings import NATIONS, Brand, Settings, contrast, load_settings

DETENTION_STORY = "stories/what-i-carry-onto-the-ward"


def test_the_college_name_comes_from_extra_college_name_then_site_name() -> None:
    assert Settings.from_config({"site_name": "Site", "extra": {"college": {"name": "College"}}}).college_name == "College"
    assert Settings.from_config({"site_name": "Site", "extra": {"college": {"phone": "1"}}}).college_name == "Site"
    assert Settings.from_config({"site_name": "Site"}).college["name"] == "Site"


def test_markdown_extensions_are_read_from_either_form_of_the_config() -> None:
    """mkdocs.yml lists names and one-key mappings; MkDocs' loaded config keeps the options apart."""
    written = Settings.from_config({"markdown_extensions": ["abbr", {"toc": {"permalink": False}}, {"tables": None}]})
    assert written.markdown_extensions == ["abbr", "toc", "tables"]
    assert written.markdown_configs == {"toc": {"permalink": False}}
    loaded = Settings.from_config({"markdown_extensions": ["abbr", "toc"], "mdx_configs": {"toc": {"permalink": False}}})
    assert (loaded.markdown_extensions, loaded.markdown_configs) == (["abbr", "toc"], {"toc": {"permalink": False}})


def test_print_uses_the_projects_markdown_extensions(tmp_path: Path) -> None:
    from build_tools.printed.print_editions import markdown_html

    project = copy_project("minimal", tmp_path / "p")
    (project / "mkdocs.yml").write_text("site_name: Test College\nmarkdown_extensions:\n  - abbr\n", encoding="utf-8")
    text = "The NHS helps.\n\n*[NHS]: National Health Service\n"
    html = BeautifulSoup(markdown_html(text, load_settings(project)), "html.parser")
    assert html.find("abbr")["title"] == "National Health Service"
    (project / "mkdocs.yml").write_text("site_name: Test College\n", encoding="utf-8")
    assert BeautifulSoup(markdown_html(text, load_settings(project)), "html.parser").find("abbr") is None


def test_the_default_brand_passes_wcag_aa_in_both_schemes() -> None:
    brand = Brand()
    assert contrast(brand.colour, "#ffffff") >= 4.5
    assert contrast(brand.dark_scheme_colour, "#1e1f29") >= 4.5


@pytest.mark.parametrize("nation", list(NATIONS))
def test_each_nation_names_its_own_law_and_starts_with_crisis_lines(nation: str) -> None:
    settings = Settings.from_config({"extra": {"nation": nation}})
    assert settings.detention_note == NATIONS[nation].detention_note
    assert NATIONS[nation].crisis_support[0]["contact"] == "999"
    assert Settings.from_config({"extra": {"nation": nation, "detention_note": "Own words"}}).detention_note == "Own words"


def test_no_nation_means_no_one_nations_law() -> None:
    assert Settings.from_config({}).detention_note == "Detention under mental health law"


@pytest.mark.slow
def test_brand_logo_and_nation_reach_the_pages(tmp_path: Path) -> None:
    from build_tools.cli.build import build_site

    project = copy_project("full", tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for old, new in (('colour: "#005a66"', 'colour: "#6a1b9a"'), ('dark_scheme_colour: "#7fd6e0"', 'dark_scheme_colour: "#e1bee7"'),
                     ("# logo: images/logo.png", "logo: images/logo.png"), ("nation: england", "nation: scotland")):
        assert old in text
        text = text.replace(old, new)
    config.write_text(text, encoding="utf-8")
    (project / "content" / "images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (48, 48), (106, 27, 154)).save(project / "content" / "images" / "logo.png")
    with environment(RECOVERY_TODAY="2026-11-22"):
        build_site(project, tmp_path / "site", pdf=False)

    page = BeautifulSoup((tmp_path / "site" / DETENTION_STORY / "index.html").read_text(encoding="utf-8"), "html.parser")
    # The brand's colours come after every style sheet for the screen (print's own comes later).
    sheets = [link["href"] for link in page.find_all("link", rel="stylesheet") if link.get("media") != "print"]
    assert sheets[-1].endswith("assets/stylesheets/brand.css"), sheets
    css = (tmp_path / "site" / "assets" / "stylesheets" / "brand.css").read_text(encoding="utf-8")
    declarations = set(re.split(r"[;{}]", re.sub(r"\s+", "", css)))  # minified or not
    assert {"--md-primary-fg-color:#6a1b9a", "--md-typeset-a-color:#e1bee7"} <= declarations
    logo = page.select_one("header a.md-logo img")
    assert logo is not None and logo["src"].endswith("images/logo.png")
    assert (tmp_path / "site" / "images" / "logo.png").is_file()
    notes = page.select_one("details.rc-content-notes").get_text(" ", strip=True)
    assert "Detention under the Mental Health (Care and Treatment) (Scotland) Act" in notes
    assert "Detention under the Mental Health Act" not in page.get_text(" ")


@pytest.mark.parametrize("name", ["Kelderbridge", "Wyndhamshire"])
def test_the_tool_names_no_college(name: str) -> None:
    """The sample college and its county live in the college's own files only, never in the
    tool's code, templates or theme."""
    tool = Path(__file__).resolve().parents[1]
    mentions = [str(path.relative_to(tool)) for folder in ("build_tools", "theme") for path in (tool / folder).rglob("*")
                if path.is_file() and path.suffix != ".pyc" and name.lower() in path.read_bytes().decode("utf-8", "replace").lower()]
    assert mentions == []


def test_a_new_briefing_paper_names_the_projects_own_college(tmp_path: Path) -> None:
    from build_tools.cli.scaffold import plan

    project = copy_project("minimal", tmp_path / "p")
    (project / "mkdocs.yml").write_text("site_name: Northtown Recovery College\ndocs_dir: content\n", encoding="utf-8")
    _, text = plan("briefing", "Peer support", project)
    assert "# publisher: Northtown Recovery College\n" in text


def test_settings_follow_inherit_as_mkdocs_does(tmp_path: Path) -> None:
    project = copy_project("minimal", tmp_path / "p")
    (project / "base.yml").write_text("site_name: Base College\nextra:\n  nation: wales\n  college:\n    phone: '1'\n",
                                      encoding="utf-8")
    (project / "mkdocs.yml").write_text("INHERIT: base.yml\nextra:\n  college:\n    email: a@b.example\n",
                                        encoding="utf-8")
    settings = load_settings(project)
    assert (settings.college_name, settings.nation) == ("Base College", "wales")
    assert settings.college == {"name": "Base College", "phone": "1", "email": "a@b.example"}
