"""The living prospectus: runs that fill or are cancelled, sessions cancelled or moved, repeating
patterns, retired courses, "Changes to the timetable", and calendars that follow every change.

Built from the full fixture project (``built_site``, or a copy built here), read back with
BeautifulSoup, two iCalendar parsers (icalendar and vobject), ElementTree and pypdf.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import vobject
from bs4 import BeautifulSoup
from icalendar import Calendar
from projects import FIXTURES, copy_project

from build_tools.content.models import Run
from build_tools.site.published import Site, load_site
from build_tools.web import calendar, search

TODAY = dt.date(2026, 11, 22)
SITE_URL = "https://college.example/"
FULL = FIXTURES / "full"


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(FULL, TODAY)


def read(built: Path, address: str) -> BeautifulSoup:
    return BeautifulSoup((built / address / "index.html").read_text(encoding="utf-8"), "html.parser")


def words(node) -> str:  # noqa: ANN001 - a BeautifulSoup node
    return " ".join(node.get_text(" ").split())


def vevents(path: Path) -> list:
    """The events of a calendar file, read with vobject (a parser independent of the writer)."""
    with path.open(encoding="utf-8", newline="") as handle:
        cal = vobject.readOne(handle.read())
    return list(cal.contents.get("vevent", []))


# ---------------------------------------------------------------------------
# Repeating patterns, expanded at load time into ordinary sessions
# ---------------------------------------------------------------------------


def test_a_weekly_pattern_becomes_sessions_skipping_named_dates() -> None:
    run = Run.model_validate({"term": "summer-2027", "venue": "hub", "repeat": {
        "every": "week", "from": "2027-04-28", "sessions": 4, "start": "10:30", "end": "12:30",
        "skip": ["2027-05-12"]}})
    assert [s.date for s in run.sessions] == [dt.date(2027, 4, 28), dt.date(2027, 5, 5), dt.date(2027, 5, 19),
                                              dt.date(2027, 5, 26)]
    assert {(s.start, s.end) for s in run.sessions} == {(dt.time(10, 30), dt.time(12, 30))}


def test_a_fortnightly_pattern_takes_a_listed_session_in_place_of_its_own() -> None:
    run = Run.model_validate({"term": "t", "online": True, "repeat": {
        "every": "fortnight", "from": "2027-01-14", "sessions": 3, "start": "18:00", "end": "19:00"},
        "sessions": [{"date": "2027-01-28", "start": "18:00", "end": "19:00", "cancelled": "Trainer unwell"}]})
    assert [(s.date, s.cancelled) for s in run.sessions] == [
        (dt.date(2027, 1, 14), None), (dt.date(2027, 1, 28), "Trainer unwell"), (dt.date(2027, 2, 11), None)]


def test_the_fixture_pattern_gives_the_same_sessions_as_writing_them_out(site: Site) -> None:
    course = site.course_by_id["creative-writing-for-wellbeing"]
    dates = [s.date for s in course.runs[0].sessions]
    assert dates == [dt.date(2027, 4, 28), dt.date(2027, 5, 5), dt.date(2027, 5, 12), dt.date(2027, 5, 19),
                     dt.date(2027, 5, 26), dt.date(2027, 6, 9)]
    assert len([e for e in site.timetable if e.course.id == course.id]) == 6


def test_a_moved_session_keeps_where_it_was_first_published(site: Site) -> None:
    session = site.course_by_id["caring-and-coping"].runs[0].sessions[0]
    assert session.is_moved
    assert (session.date, session.original.date) == (dt.date(2027, 1, 28), dt.date(2027, 1, 26))
    assert (session.start, session.end) == (session.original.start, session.original.end)


# ---------------------------------------------------------------------------
# What readers see on the website
# ---------------------------------------------------------------------------


@pytest.mark.slow
def test_course_page_says_each_runs_status_and_each_change_in_words(built_site: Path) -> None:
    dates = read(built_site, "courses/understanding-anxiety").find(id="dates").parent
    statuses = [words(p) for p in dates.select("p.rc-run-status")]
    assert statuses == ["Full: join the waiting list by phoning 01632 960412 or e-mailing "
                        "enrol@kelderbridge-recovery.example", "Open"]
    rows = [[words(cell) for cell in row.find_all(["th", "td"])] for row in dates.select("table tbody tr")]
    assert rows[1] == ["Wednesday 27 January 2027", "1pm to 3pm",
                       "Session on Wednesday 27 January cancelled: Trainer unwell"]
    assert rows[0][2] == ""


@pytest.mark.slow
def test_moved_session_and_run_overrides_on_the_course_page(built_site: Path) -> None:
    dates = read(built_site, "courses/caring-and-coping").find(id="dates").parent
    first = [words(cell) for cell in dates.select_one("table tbody tr").find_all(["th", "td"])]
    assert first == ["Thursday 28 January 2027", "6:30pm to 8:30pm",
                     "Moved to Thursday 28 January, at The Recovery College Hub "
                     "(moved from Tuesday 26 January, 6:30pm to 8:30pm, at Ashcombe Community Centre)"]
    text = words(dates)
    assert "Hybrid: join in the room or online." in text
    assert "Up to 20 students in this run." in text
    assert "This run is co-delivered by Sue Pennington (Carer trainer, carer experience) and Malcolm Reid " \
           "(Community psychiatric nurse, professional experience)." in text


@pytest.mark.slow
def test_each_run_has_its_own_calendar_link(built_site: Path, site: Site) -> None:
    page = read(built_site, "courses/understanding-anxiety")
    links = [a["href"] for a in page.find(id="dates").parent.find_all("a", download=True)]
    assert links == ["spring-2027.ics", "summer-2027.ics", "../understanding-anxiety.ics"]
    for href in links:  # relative to the page, courses/understanding-anxiety/
        assert (built_site / "courses" / "understanding-anxiety" / href).resolve().is_file()


@pytest.mark.slow
def test_listing_cards_say_who_can_attend_and_runs_not_open(built_site: Path) -> None:
    cards = {words(li.select_one(".rc-card__title")): li for li in read(built_site, "courses").select("li.rc-card")}
    carers = cards["Caring and Coping"]
    assert words(carers.select_one(".rc-card__who")).startswith("Only for carers and supporters.")
    assert words(carers.select_one(".rc-card__who").find_previous_sibling("dt")) == "Who can attend"
    assert carers["data-who"] == "carers-and-supporters"
    assert cards["Understanding Anxiety"]["data-who"] == "people-using-services carers-and-supporters staff"
    assert [words(li) for li in cards["Money and Mental Health"].select(".rc-card__runs li")] == [
        "Spring term 2027: Cancelled"]
    assert [words(li) for li in cards["Understanding Anxiety"].select(".rc-card__runs li")] == [
        "Spring term 2027: Full: join the waiting list by phoning 01632 960412 or e-mailing "
        "enrol@kelderbridge-recovery.example"]


@pytest.mark.slow
def test_the_listing_can_be_filtered_by_who_can_attend(built_site: Path) -> None:
    select = read(built_site, "courses").find("select", id="filter-who")
    assert [(o["value"], words(o)) for o in select.find_all("option")] == [
        ("", "Any"), ("people-using-services", "People who use services"),
        ("carers-and-supporters", "Carers and supporters"), ("staff", "Staff")]


EXPECTED_CHANGES = [
    "Engaging with Life: The Spring term 2027 run is full.",
    "Understanding Anxiety: The Spring term 2027 run is full: join the waiting list by phoning 01632 960412 or "
    "e-mailing enrol@kelderbridge-recovery.example.",
    "Understanding Anxiety: Session on Wednesday 27 January cancelled: Trainer unwell.",
    "Caring and Coping: Moved to Thursday 28 January, at The Recovery College Hub (moved from Tuesday "
    "26 January, 6:30pm to 8:30pm, at Ashcombe Community Centre).",
]


@pytest.mark.slow
@pytest.mark.parametrize("address", ["", "courses/timetable"])
def test_changes_to_the_timetable_on_home_and_timetable(built_site: Path, address: str) -> None:
    section = read(built_site, address).select_one("section.rc-changes")
    assert words(section.find("h2")) == "Changes to the timetable"
    assert [words(li).replace(" :", ":") for li in section.find_all("li")] == EXPECTED_CHANGES


@pytest.mark.slow
def test_venue_page_lists_changes_there(built_site: Path) -> None:
    hub = read(built_site, "venues/recovery-college-hub").select_one("section.rc-changes")
    assert [words(li).replace(" :", ":") for li in hub.find_all("li")] == [EXPECTED_CHANGES[3]]
    # The session moved away from Ashcombe, so Ashcombe's page says so too.
    ashcombe = read(built_site, "venues/ashcombe-community-centre").select_one("section.rc-changes")
    assert EXPECTED_CHANGES[3] in [words(li).replace(" :", ":") for li in ashcombe.find_all("li")]


@pytest.mark.slow
def test_timetable_rows_say_the_status_in_words(built_site: Path) -> None:
    page = read(built_site, "courses/timetable")
    notes = [(words(row.th), words(row.find_all("td")[1].a), words(row.select_one(".rc-session-status")))
             for row in page.select("table.rc-timetable tbody tr") if row.select_one(".rc-session-status")]
    assert ("Tue 23 Feb", "Money and Mental Health", "Cancelled") in notes
    assert ("Mon 18 Jan", "Engaging with Life", "Full") in notes
    assert ("Thu 28 Jan", "Caring and Coping", "Moved from Tuesday 26 January, 6:30pm to 8:30pm") in notes
    assert ("Wed 27 Jan", "Understanding Anxiety", "Cancelled: Trainer unwell") in notes
    assert ("Wed 20 Jan", "Understanding Anxiety", "Full") in notes


@pytest.mark.slow
def test_json_ld_follows_run_status_and_overrides(built_site: Path) -> None:
    def instances(course: str) -> list[dict]:
        page = read(built_site, f"courses/{course}")
        return json.loads(page.find("script", type="application/ld+json").string)["hasCourseInstance"]

    money = instances("money-and-mental-health")
    assert [i["eventStatus"] for i in money] == ["https://schema.org/EventCancelled",
                                                 "https://schema.org/EventScheduled"]
    summer = instances("caring-and-coping")[1]
    assert [p["name"] for p in summer["instructor"]] == ["Sue Pennington", "Malcolm Reid"]
    assert summer["maximumAttendeeCapacity"] == 20


@pytest.mark.slow
def test_a_cancelled_run_gives_no_filter_tokens(built_site: Path) -> None:
    card = next(li for li in read(built_site, "courses").select("li.rc-card")
                if words(li.select_one(".rc-card__title")) == "Money and Mental Health")
    assert card["data-term"] == "summer-2027"
    assert card["data-runs"] == "term:summer-2027|place:ashcombe-community-centre|day:tuesday"


# ---------------------------------------------------------------------------
# Cancelled and archived courses keep their address
# ---------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(("course", "said"), [
    ("noticing-with-a-camera", "This course has been cancelled."),
    ("introduction-to-mindfulness", "This course is no longer running."),
])
def test_a_retired_course_keeps_a_plain_page_with_next_steps(built_site: Path, course: str, said: str) -> None:
    page = read(built_site, f"courses/{course}")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert words(page.select_one("p.rc-status")).startswith(said)
    assert page.find(id="next") is not None
    assert not page.select("table.rc-sessions")


@pytest.mark.slow
def test_retired_courses_are_kept_out_of_listings_search_sitemap_and_feeds(built_site: Path, site: Site) -> None:
    retired = {c.id for c in site.retired_courses}
    assert retired == {"noticing-with-a-camera", "introduction-to-mindfulness"}
    listing = read(built_site, "courses")
    assert not [a for a in listing.select("li.rc-card a") if any(r in a["href"] for r in retired)]
    indexed = [page["url"] for page in search.indexed_pages(built_site)]
    assert "/courses/" in indexed
    assert not [url for url in indexed if any(url.startswith(f"/courses/{r}/") for r in retired)]
    sitemap = ET.parse(built_site / "sitemap.xml").getroot()
    locations = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locations and not [u for u in locations if any(f"/courses/{r}/" in u for r in retired)]
    feed = ET.parse(built_site / "courses" / "feed.xml").getroot()
    assert not [link.text for link in feed.iter("link") if any(f"/courses/{r}/" in link.text for r in retired)]


# ---------------------------------------------------------------------------
# The courses feed: changes as items, every item dated
# ---------------------------------------------------------------------------


@pytest.mark.slow
def test_course_feed_has_the_changes_first_and_every_item_has_a_pubdate(built_site: Path) -> None:
    items = ET.parse(built_site / "courses" / "feed.xml").getroot().iter("item")
    found = [(i.findtext("title"), i.findtext("description"), i.findtext("pubDate"), i.find("guid")) for i in items]
    assert all(pub for _, _, pub, _ in found)
    changes = [(title, text) for title, text, _, _ in found if title.startswith("Timetable change:")]
    assert changes == [(f"Timetable change: {line.split(': ', 1)[0]}", line.split(": ", 1)[1])
                       for line in EXPECTED_CHANGES]
    guids = [guid.text for *_, guid in found]
    assert len(set(guids)) == len(guids)


# ---------------------------------------------------------------------------
# Calendars
# ---------------------------------------------------------------------------


@pytest.mark.slow
def test_cancelled_sessions_stay_in_the_calendar_as_cancelled(built_site: Path) -> None:
    events = {e.uid.value: e for e in vevents(built_site / "courses" / "understanding-anxiety.ics")}
    cancelled = events["understanding-anxiety-20270127-1300@kelderbridge-recovery.example"]
    assert cancelled.status.value == "CANCELLED"
    assert "Session on Wednesday 27 January cancelled: Trainer unwell." in cancelled.description.value
    assert {e.status.value for uid, e in events.items() if uid != cancelled.uid.value} == {"CONFIRMED"}


@pytest.mark.slow
def test_a_moved_session_keeps_its_uid_with_the_new_times_and_place(built_site: Path) -> None:
    events = {e.uid.value: e for e in vevents(built_site / "courses" / "caring-and-coping.ics")}
    moved = events["caring-and-coping-20270126-1830@kelderbridge-recovery.example"]
    assert moved.dtstart.value.date() == dt.date(2027, 1, 28)
    assert moved.location.value.startswith("The Recovery College Hub, ")
    assert moved.status.value == "CONFIRMED"


@pytest.mark.slow
def test_a_full_run_is_confirmed_and_says_it_is_full(built_site: Path) -> None:
    events = vevents(built_site / "courses" / "understanding-anxiety" / "spring-2027.ics")
    assert len(events) == 5
    first = events[0]
    assert first.status.value == "CONFIRMED"
    assert "Full: join the waiting list by phoning 01632 960412" in first.description.value
    everything = (built_site / "courses" / "prospectus.ics").read_text(encoding="utf-8")
    assert "TENTATIVE" not in everything


@pytest.mark.slow
def test_one_calendar_per_run_holds_only_that_runs_sessions(built_site: Path, site: Site) -> None:
    for course in site.courses:
        for run, name in calendar.run_files(course):
            events = vevents(built_site / name)
            assert sorted(e.dtstart.value.date() for e in events) == sorted(s.date for s in run.sessions)


@pytest.mark.slow
def test_a_retired_course_calendar_cancels_every_session(built_site: Path) -> None:
    events = vevents(built_site / "courses" / "noticing-with-a-camera.ics")
    assert len(events) == 5 and {e.status.value for e in events} == {"CANCELLED"}


def test_sequence_only_grows_across_builds(tmp_path: Path) -> None:
    """Two builds: unchanged events keep their SEQUENCE, changed ones grow, and a build without the
    previous history never goes below what an earlier build published."""
    project = copy_project("full", tmp_path / "p")
    first, second, fresh = tmp_path / "first", tmp_path / "second", tmp_path / "fresh"
    calendar.write_calendars(load_site(project, TODAY), first, SITE_URL, "College")
    path = project / "courses" / "understanding-anxiety.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("        cancelled: Trainer unwell\n", "")
                    .replace("      - date: 2027-05-13\n        start: 10:00\n",
                             "      - date: 2027-05-13\n        start: 10:00\n        cancelled: Room closed\n"),
                    encoding="utf-8")
    later = TODAY + dt.timedelta(days=3)
    changed = load_site(project, later)
    calendar.write_calendars(changed, second, SITE_URL, "College", calendar.History.load(first))
    calendar.write_calendars(changed, fresh, SITE_URL, "College")

    def sequences(folder: Path) -> dict[str, int]:
        return {e.uid.value: int(e.sequence.value) for e in vevents(folder / "courses" / "prospectus.ics")}

    before, after, without = sequences(first), sequences(second), sequences(fresh)
    touched = {"understanding-anxiety-20270127-1300@college.example", "understanding-anxiety-20270513-1000@college.example"}
    assert set(before) == set(after)
    for uid_, number in before.items():
        if uid_ in touched:
            assert after[uid_] > number
        else:
            assert after[uid_] == number
    assert all(without[uid_] >= after[uid_] for uid_ in before)
    events = {e.uid.value: e for e in vevents(second / "courses" / "prospectus.ics")}
    assert events["understanding-anxiety-20270127-1300@college.example"].status.value == "CONFIRMED"
    assert events["understanding-anxiety-20270513-1000@college.example"].status.value == "CANCELLED"


@pytest.mark.slow
def test_the_build_reads_the_previous_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``build`` passes the live site to the plugin, so SEQUENCE carries on from it."""
    from build_tools.cli.build import build_site

    monkeypatch.setenv("RECOVERY_TODAY", TODAY.isoformat())
    project = copy_project("full", tmp_path / "p")
    build_site(project, tmp_path / "one", pdf=False)
    path = project / "courses" / "understanding-anxiety.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Understanding Anxiety",
                                                             "title: Understanding Anxiety Together"),
                    encoding="utf-8")
    build_site(project, tmp_path / "two", pdf=False, last_build=tmp_path / "one")
    one = {e.uid.value: e for e in vevents(tmp_path / "one" / "courses" / "prospectus.ics")}
    two = {e.uid.value: e for e in vevents(tmp_path / "two" / "courses" / "prospectus.ics")}
    for uid_, event in two.items():
        grew = int(event.sequence.value) > int(one[uid_].sequence.value)
        assert grew == uid_.startswith("understanding-anxiety-"), uid_


# ---------------------------------------------------------------------------
# One iCalendar TEXT encoder: an attack through a course title
# ---------------------------------------------------------------------------


def test_line_breaks_and_control_characters_cannot_inject_properties() -> None:
    site = load_site(FULL, TODAY)
    course = site.course_by_id["understanding-anxiety"]
    # Set on the model directly: the calendar must hold even if validation let such a title through.
    course.title = "Anxiety\rATTACH:https://evil.example/x.exe\r\nBEGIN:VEVENT\nUID:evil\x07\x1b\u2028END"
    course.summary = "Calm\rATTACH:file:///etc/passwd"
    entries = calendar.course_entries(site, course)
    data = calendar.calendar(entries, course.title, SITE_URL, TODAY).to_ical()
    text = data.decode("utf-8")
    assert "\r" not in text.replace("\r\n", "")
    # A parser that breaks lines on CR or LF alone, after unfolding, still sees one event per session.
    lines = re.sub(r"\r\n[ \t]", "", text).replace("\r\n", "\n").split("\n")
    assert not [line for line in lines if line.startswith(("ATTACH", "UID:evil", "END\x07"))]
    assert sum(line == "BEGIN:VEVENT" for line in lines) == len(entries)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028]", text)
    parsed = vevents_from_bytes(data)
    assert len(parsed) == len(entries)
    assert parsed[0].summary.value == "Anxiety\nATTACH:https://evil.example/x.exe\nBEGIN:VEVENT\nUID:evil   END"
    assert str(Calendar.from_ical(data).walk("VEVENT")[0]["SUMMARY"]) == parsed[0].summary.value


def vevents_from_bytes(data: bytes) -> list:
    return list(vobject.readOne(data.decode("utf-8")).contents.get("vevent", []))


@pytest.mark.parametrize(("raw", "encoded"), [
    ("a\rb", "a\\nb"), ("a\r\nb", "a\\nb"), ("a\nb", "a\\nb"), ("a;b,c\\d", "a\\;b\\,c\\\\d"),
    ("tab\tkept", "tab\tkept"), ("bell\x07", "bell "), ("del\x7f", "del "), ("c1\x85", "c1 "),
    ("line\u2028sep", "line sep"),
])
def test_the_text_encoder(raw: str, encoded: str) -> None:
    assert calendar.text(raw).to_ical().decode("utf-8") == encoded


# ---------------------------------------------------------------------------
# The printed prospectus follows the same data
# ---------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("large_print", [False, True])
def test_the_printed_prospectus_shows_statuses_and_changes(tmp_path: Path, large_print: bool) -> None:
    from pypdf import PdfReader

    from build_tools.printed.print_editions import load_settings
    from build_tools.printed.prospectus import write_prospectus

    project = copy_project("full", tmp_path / "project")
    target = write_prospectus(load_site(project, TODAY), load_settings(project), tmp_path / "p.pdf",
                              large_print=large_print)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(target).pages).split())
    assert "Full: join the waiting list by phoning 01632 960412" in text
    assert "Session on Wednesday 27 January cancelled: Trainer unwell." in text
    assert "Moved to Thursday 28 January, at The Recovery College Hub" in text
    assert "Hybrid: join in the room or online." in text
    assert "Noticing with a Camera" not in text and "Mindfulness Taster" not in text


@pytest.mark.parametrize("content", ["not json", "[1, 2]", '{"events": {"x": {"sequence": "9", "hash": 3}}}'])
def test_an_unreadable_history_counts_as_none(tmp_path: Path, content: str) -> None:
    path = tmp_path / calendar.HISTORY_NAME
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    history = calendar.History.load(tmp_path)
    assert history.events == {}
    moment = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
    assert history.sequence("x", "digest", moment) == calendar.stamp(moment)


@pytest.mark.slow
def test_choosing_who_can_attend_in_the_browser(browser, site_url: str, site: Site) -> None:  # noqa: ANN001
    """Carers see the courses open to everyone and those for carers; not those for staff or others only."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(site_url + "courses/?who=carers-and-supporters")
        page.wait_for_function("document.querySelector('[data-filter-status]').textContent.startsWith('Showing ')")
        shown = page.locator("[data-filter-item]:not([hidden]) .rc-card__title a").all_inner_texts()
    finally:
        context.close()
    expected = [c.title for _, courses in site.courses_by_category for c in courses
                if {"everyone", "carers-and-supporters"} & set(c.who_can_attend.open_to)]
    assert shown == expected
    assert len(expected) < len(site.courses)


def test_reviewers_are_told_a_run_filled_and_a_session_was_cancelled_or_moved() -> None:
    from build_tools.cli.changes import field_details

    def dump(status: str | None, cancelled: str | None, moved: dict | None) -> dict:
        run = {"term": "t", "online": True, "status": status, "sessions": [
            {"date": "2027-01-14", "start": "10:00", "end": "12:00", "cancelled": cancelled},
            {"date": "2027-01-21", "start": "10:00", "end": "12:00", "moved_to": moved}]}
        return {"runs": [Run.model_validate(run).model_dump(mode="json")]}

    assert field_details(dump(None, None, None), dump("full", "Trainer unwell", {"date": "2027-01-22"})) == [
        "run status changed from open to full", "session cancelled", "session moved", "dates changed"]


def test_a_cancelled_run_is_one_change_and_past_changes_drop_off() -> None:
    from build_tools.web import labels

    later = load_site(FULL, dt.date(2027, 2, 1))
    told = [(c.entry.course.title, labels.change_text(c)) for c in later.changes]
    assert told.count(("Money and Mental Health", "The Spring term 2027 run is cancelled")) == 1
    assert not [c for c in later.changes if c.entry.session.date < dt.date(2027, 2, 1)]
    assert ("Understanding Anxiety", "Session on Wednesday 27 January cancelled: Trainer unwell") not in told


@pytest.mark.slow
def test_the_home_page_does_not_count_cancelled_runs(built_site: Path, site: Site) -> None:
    text = words(read(built_site, "").find(id="this-term").find_next("p"))
    running = [c for c in site.courses
               if any(r.term == "spring-2027" and c.run_status(r) != "cancelled" for r in c.runs)]
    assert f"{len(running)} courses so far" in text
    assert any(r.term == "spring-2027" for r in site.course_by_id["money-and-mental-health"].runs)
    assert site.course_by_id["money-and-mental-health"] not in running


@pytest.mark.parametrize(("course_status", "run_status", "seen"), [
    ("open", None, "open"), ("open", "open", "open"), ("open", "full", "full"), ("open", "cancelled", "cancelled"),
    ("full", None, "full"), ("full", "full", "full"), ("full", "cancelled", "cancelled"),
    ("cancelled", None, "cancelled"), ("archived", None, "cancelled"), ("draft", "full", "full"),
])
def test_the_course_and_run_status_rule(site: Site, course_status: str, run_status: str | None, seen: str) -> None:
    """The table in docs/content-formats.md, Status (the contradictions are bad-input cases)."""
    course = site.course_by_id["sleep-and-wellbeing"].model_copy(update={"status": course_status})
    run = course.runs[0].model_copy(update={"status": run_status})
    assert course.run_status(run) == seen
