"""Whatever is in a content file, validation answers with problems, never with a crash.

Random bytes, random text, random YAML documents (with the real field names as keys), random
front matter with Markdown, and small mutations of the full fixture project's files are written into a
copy of the minimal project and fed to ``site.validate``. The answer must always be a list of
:class:`Problem` objects naming a file of the project, on a line that exists.

The deadline is a guard against hangs (a runaway regular expression), far above the few
milliseconds an example takes; ``max_examples`` keeps the whole file well under a minute. For a
deeper search with fresh random examples, set ``FUZZ_EXAMPLES`` (e.g. ``FUZZ_EXAMPLES=2000``).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from projects import FULL, copy_project

from build_tools.content import models
from build_tools.content.errors import Problem
from build_tools.content.rules.markup import check_markdown
from build_tools.content.rules.privacy import find_personal_data
from build_tools.content.yaml_lines import YamlProblem, YamlProblems, parse_yaml
from build_tools.site.published import validate

TODAY = dt.date(2026, 11, 22)

DEEP = int(os.environ.get("FUZZ_EXAMPLES", "0"))
FUZZ = settings(max_examples=DEEP or 60, deadline=dt.timedelta(seconds=10), derandomize=not DEEP,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# Where fuzzed text is written: one file of each kind the loader reads.
TARGETS = [
    "courses/managing-anxiety.yml",
    "courses/_terms.yml",
    "courses/_venues.yml",
    "stories/finding-my-feet.md",
    "content/briefings/17-preparing-organisations.md",
    "content/resources/wellbeing-guide.yml",
    "content/index.md",
]
# Real field names, so random documents often reach the models' own validation.
FIELD_NAMES = sorted({
    name
    for model in (models.Course, models.Story, models.Briefing, models.Resource, models.Term, models.Venue,
                  models.Run, models.Session, models.Consent, models.Storyteller, models.Media, models.Enrolment,
                  models.Facilitator, models.Page)
    for name in model.model_fields
})
AWKWARD = ["\t", ":", ": ", '"', "'", "---", "- ", "#", "&a", "*a", "!!python/object", "{", "[", "|", ">",
           "\u00e9", "\u202e", "\ufeff", "\u2028", "\x00", "\r", "\U0001f600", "<script>", "](javascript:x)"]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project("minimal", tmp_path_factory.mktemp("fuzz") / "project")


@contextmanager
def written(root: Path, rel: str, data: bytes) -> Iterator[Path]:
    """``data`` in place of ``rel`` for the duration, then the original back."""
    path = root / rel
    original = path.read_bytes() if path.exists() else None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    try:
        yield path
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


def assert_only_problems(root: Path) -> None:
    """Validate ``root``; every answer is a Problem naming a file of the project and a line in it."""
    collections, problems = validate(root, TODAY)
    assert isinstance(problems, list)
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.severity in ("error", "warning")
        assert problem.message and problem.field
        assert problem.line >= 1
        path = root / problem.path
        assert path.is_file(), f"{problem} names no file of the project"
        lines = path.read_bytes().count(b"\n") + 1
        assert problem.line <= lines + 1, f"{problem}: the file has only {lines} lines"
        str(problem), problem.github()


# --- random content ---------------------------------------------------------------------------

@FUZZ
@given(target=st.sampled_from(TARGETS), data=st.binary(max_size=400))
def test_random_bytes(project: Path, target: str, data: bytes) -> None:
    with written(project, target, data):
        assert_only_problems(project)


@FUZZ
@given(target=st.sampled_from(TARGETS), text=st.text(max_size=400))
def test_random_text(project: Path, target: str, text: str) -> None:
    with written(project, target, text.encode("utf-8", "surrogatepass")):
        assert_only_problems(project)


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.sampled_from(["2027-01-14", "2027-02-30", "14:30", "25:00", "web", "anonymous",
                                           "open", "https://example.org", "javascript:alert(1)", ""]),
    st.dates(), st.datetimes(),
)
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=12), st.integers(0, 9), st.booleans())
documents = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=6)), max_leaves=25)


def dump(document: object) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


@FUZZ
@given(target=st.sampled_from([t for t in TARGETS if t.endswith(".yml")]), document=documents)
def test_random_yaml_documents(project: Path, target: str, document: object) -> None:
    with written(project, target, dump(document).encode("utf-8", "surrogatepass")):
        assert_only_problems(project)


markdown_text = st.lists(st.one_of(st.text(max_size=40), st.sampled_from([
    "# Title", "## What helped", "#### Deep", "```", "~~~", "`code`", "<details>", "</article>", "<img src=x>",
    "[a](b)", "[a]: javascript:x", "<a href='#'>", "{ onclick=x }", "| a | b |", "> quote", "- item",
    "Ring 07700 900123", "12 Acacia Road", "<!--", "-->", "&#106;", "<iframe src='https://evil.example'>",
])), max_size=12).map("\n".join)


@FUZZ
@given(target=st.sampled_from([t for t in TARGETS if t.endswith(".md")]),
       front=st.dictionaries(keys, documents, max_size=8), body=markdown_text)
def test_random_front_matter_and_markdown(project: Path, target: str, front: dict, body: str) -> None:
    text = f"---\n{dump(front) if front else ''}---\n{body}\n"
    with written(project, target, text.encode("utf-8", "surrogatepass")):
        assert_only_problems(project)


# --- mutations of the full fixture project's files------------------------------------------------------

def sample_files() -> list[tuple[str, str]]:
    """(real sample file, where it goes in the minimal project)."""
    pairs = [(f"courses/{p.name}", f"courses/{p.name}") for p in sorted((FULL / "courses").glob("*.yml"))]
    pairs += [(f"stories/{p.name}", f"stories/{p.name}") for p in sorted((FULL / "stories").glob("*.md"))]
    pairs += [(f"content/briefings/{p.name}", f"content/briefings/{p.name}")
              for p in sorted((FULL / "content" / "briefings").glob("[0-9]*.md"))]
    pairs += [(f"content/resources/{p.name}", f"content/resources/{p.name}")
              for p in sorted((FULL / "content" / "resources").glob("*.yml"))]
    return pairs


SAMPLES = sample_files()


@st.composite
def mutated_sample(draw: st.DrawFn) -> tuple[str, bytes]:
    source, target = draw(st.sampled_from(SAMPLES))
    lines = (FULL / source).read_text(encoding="utf-8").split("\n")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, max(len(lines) - 1, 0)))
        how = draw(st.sampled_from(["delete", "duplicate", "swap", "insert"]))
        line = lines[at] if lines else ""
        if how == "delete" and lines:
            del lines[at]
        elif how == "duplicate":
            lines.insert(at, line)
        elif how == "swap" and len(line) >= 2:
            i = draw(st.integers(0, len(line) - 2))
            lines[at] = line[:i] + line[i + 1] + line[i] + line[i + 2:]
        else:
            i = draw(st.integers(0, len(line)))
            piece = draw(st.one_of(st.sampled_from(AWKWARD), st.text(min_size=1, max_size=3)))
            lines[at] = line[:i] + piece + line[i:]
    return target, "\n".join(lines).encode("utf-8", "surrogatepass")


def test_sample_files_are_found() -> None:
    assert len(SAMPLES) >= 20


@settings(FUZZ, max_examples=DEEP or 150)
@given(mutation=mutated_sample())
def test_mutated_sample_files(project: Path, mutation: tuple[str, bytes]) -> None:
    target, data = mutation
    with written(project, target, data):
        assert_only_problems(project)


# --- the pieces on their own ----------------------------------------------------------------

@FUZZ
@given(text=st.text(max_size=300), offset=st.integers(0, 50))
def test_parse_yaml_raises_only_its_own_problems(text: str, offset: int) -> None:
    try:
        parse_yaml(text, offset)
    except YamlProblems as many:
        assert many.problems and all(p.line >= 1 + offset for p in many.problems)
    except YamlProblem as problem:
        assert problem.line >= 1 and problem.message


@FUZZ
@given(text=markdown_text, first=st.integers(1, 100), top=st.integers(0, 3))
def test_check_markdown_never_crashes(text: str, first: int, top: int) -> None:
    for problem in check_markdown(text, "stories/x.md", first, top_level=top):
        assert first <= problem.line <= first + text.count("\n")


@FUZZ
@given(text=st.text(max_size=2000))
def test_personal_data_search_never_crashes(text: str) -> None:
    for _kind, value in find_personal_data(text):
        assert value and value in text
