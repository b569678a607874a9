"""Synthetic but realistic content for the benchmark: a whole project of any size.

:func:`make_project` writes a project folder that the validator accepts without errors: the
tool's ``theme/`` and, from the full test fixture project (the same for every college, so figures
stay comparable), its ``mkdocs.yml``, shared course lists (``courses/_terms.yml``,
``_venues.yml``, ``_categories.yml``) and hand-written pages, plus generated stories, courses,
briefing papers and resources in the proportions a real college has (45 % stories, 25 %
resources, 20 % courses, 10 % briefing papers).

Texts are made from plain-English sentences in the voice of each kind of content: story
bodies of 300 to 900 words and course descriptions of 80 to 200 words, each with headings and
lists, so Markdown rendering, search indexing and the reading-age check work on realistic
input. Every person and place is fictional. The same ``seed`` gives the same files.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# Settings, course lists and hand-written pages shared by every synthetic project.
SAMPLE = ROOT / "tests" / "fixtures" / "full"
# The date the content is written for: consent, review and publication dates are relative to it.
TODAY = dt.date(2026, 11, 22)
SHARE = {"stories": 0.45, "resources": 0.25, "courses": 0.20, "briefings": 0.10}
MAX_BRIEFINGS = 999  # paper numbers have at most three digits

FIRST_NAMES = ["Ailsa", "Bex", "Callum", "Dev", "Elin", "Femi", "Gus", "Hana", "Imran", "Jo", "Kerry", "Lewis",
               "Maya", "Niall", "Orla", "Priya", "Rhys", "Sian", "Tomasz", "Una", "Vik", "Wren", "Yusuf", "Zara"]
SURNAMES = ["Abbott", "Brennan", "Carver", "Dunmore", "Ellery", "Fairley", "Garside", "Holt", "Iqbal",
            "Jessop", "Kirkby", "Lomax", "Marsh", "Nuttall", "Okafor", "Pryce", "Quayle", "Rooke"]
PSEUDONYMS = ["Robin", "Sparrow", "Juniper", "Heron", "Willow", "Moss", "Kestrel", "Rowan", "Finch"]

TITLE_START = ["Finding", "Learning", "Walking", "Coming back to", "Making room for", "Holding on to",
               "Starting again with", "Getting to know", "Looking after", "Living with", "Trusting"]
TITLE_END = ["my own voice", "the morning", "small steps", "the garden", "people again", "a plan",
             "the long winter", "the river path", "my mum", "the kitchen table", "the night shift",
             "the bus stop", "my camera", "the allotment", "the quiet room", "the first day"]

STORY_BEFORE = [
    "For a long time I did not talk to anyone about how I was feeling.",
    "I kept going to work and pretending everything was fine.",
    "Most days I stayed in bed until the afternoon and then felt bad about it.",
    "My sleep went first, then my appetite, then my friends.",
    "I stopped answering the phone, even to my sister.",
    "I was scared of what people would think if they knew.",
    "Looking back, the signs were there for months before I noticed them.",
    "Some weeks I could not face going to the shop at the end of the road.",
    "I felt like I was watching my own life through a window.",
    "The worst part was feeling that nobody would understand.",
    "I had been through a lot as a child and never really talked about it.",
    "When the job ended I lost the shape of my days.",
    "I was caring for my dad and forgot to look after myself.",
    "I spent a few weeks on a ward, which I did not want to talk about for years.",
    "Everything felt loud and fast, and I could not keep up.",
]
STORY_TURN = [
    "A friend gave me a leaflet about the college and left it on the table.",
    "My GP asked me what mattered to me, and nobody had asked me that in years.",
    "A nurse on the ward told me about a course that was run by people who had been there too.",
    "I went along to a drop-in because it was warm and there was tea.",
    "One of the trainers said she had felt the same way, and I believed her.",
    "I signed up for a course and nearly did not go, three weeks running.",
    "Nobody asked me for a diagnosis, which surprised me.",
    "On the first day I sat near the door, just in case.",
    "The peer trainer told her own story in the first session, and the room went quiet.",
    "Being called a student instead of a patient changed how I walked into the room.",
    "I met someone in the break who had the same worries as me.",
    "For the first time, I wrote down what a good day looks like for me.",
]
STORY_HELPED = [
    "Meeting people who had been through something similar",
    "Having a plan written in my own words",
    "A trainer who let me take things at my own pace",
    "Getting outside every day, even for ten minutes",
    "Telling one person the truth about how I was",
    "Tea, biscuits and a room where nobody judged me",
    "Learning that setbacks are part of recovery",
    "Writing a little every evening",
    "My dog, who needed a walk whatever the weather",
    "Knowing who to call when things got hard",
    "Doing something with my hands",
    "Being asked what I wanted, not told what I needed",
]
STORY_FORWARD = [
    "I still have hard days, but I know what to do when they come.",
    "These days I help out at the college on Thursdays.",
    "I am thinking about training to be a peer trainer myself.",
    "Recovery for me is not about being fixed. It is about living a life I value.",
    "If you are reading this and feel like I did, please know that things can change.",
    "I have started a new course this term, and I sat at the front.",
    "My family say they have got me back, and I think they are right.",
    "I walk the river path most mornings now, and I notice the birds.",
    "I am kinder to myself than I used to be.",
    "There is hope, even when you cannot see it yet.",
]
STORY_HEADINGS = [("Before", STORY_BEFORE), ("Finding the college", STORY_TURN),
                  ("What helped", STORY_HELPED), ("Moving forward", STORY_FORWARD)]

COURSE_TOPICS = ["anxiety", "low mood", "sleep", "hearing voices", "money worries", "caring for someone",
                 "confidence", "creative writing", "photography", "mindfulness", "peer support",
                 "walking", "getting online", "your rights", "wellbeing plans", "stress at work",
                 "loneliness", "hope", "self-compassion", "cooking on a budget"]
COURSE_KIND = ["Understanding", "Living well with", "An introduction to", "Exploring", "Getting started with",
               "Making sense of", "Building skills for", "Talking about"]
COURSE_SENTENCES = [
    "This course is for anyone who wants to learn more about {topic}.",
    "We will look at what helps and what makes things harder.",
    "You will try out simple ideas together and choose the ones that suit you.",
    "Nobody has to share anything personal unless they want to.",
    "The course is co-delivered by a peer trainer and a trainer with professional experience.",
    "Each session starts with a cup of tea and a chance to settle in.",
    "You will leave with a short plan in your own words.",
    "Many students say it helped to meet others with the same questions.",
    "We talk about {topic} in everyday language.",
    "Carers and supporters are welcome too.",
    "There is no homework, but you may like to try things out between sessions.",
    "You can bring a friend or supporter to the first session.",
]
COURSE_LIST = ["what {topic} is and how it can affect daily life", "ways to look after yourself day to day",
               "where to find support in your area", "how to talk with family and friends",
               "what other students found useful", "how to notice early signs and act on them",
               "small goals you can set for the week ahead"]
OUTCOMES = ["Describe in your own words what {topic} means for you.",
            "Try at least two new ways of looking after yourself.",
            "Make a short personal plan for the weeks ahead.",
            "Know where to find support in your area.",
            "Share ideas with other students in a safe way.",
            "Notice the early signs that things are getting harder."]
LENGTHS = {"course": "Five weekly sessions of two hours.", "workshop": "One half-day workshop.",
           "drop-in": "Weekly drop-in sessions of ninety minutes.",
           "online-course": "Six weekly online sessions of ninety minutes."}
PEER_ROLES = [("Peer trainer", "lived-experience"), ("Carer trainer", "carer")]
PRO_ROLES = ["Occupational therapist", "Clinical psychologist", "Mental health nurse", "Social worker",
             "Community development worker", "Employment adviser"]

RESOURCE_TYPES = ["guide", "toolkit", "leaflet", "film", "podcast", "webinar", "tool", "directory-entry",
                  "link", "report"]
RESOURCE_TOPICS = ["Sleep", "Anxiety", "Low mood", "Money", "Carers", "Crisis support", "Physical health",
                   "Self-management", "Peer support", "Work and study", "Hearing voices", "Loneliness"]
RESOURCE_NOUNS = ["guide", "toolkit", "leaflet", "film", "podcast", "webinar", "planner", "group",
                  "directory", "report"]
PRODUCERS = ["Kelderbridge Recovery College", "Wyndhamshire Carers Network", "Thornby Wellbeing Trust",
             "The Lantern Project", "Ashcombe Peer Support Group"]
TOWNS = ["Kelderbridge", "Ashcombe", "Thornby", "Marlow Ferry", "Hollins Cross", "Wyndham Vale"]

BRIEFING_WORDS = ["Co-production", "Peer support", "Recovery colleges", "Personal experience",
                  "Organisational change", "Shared decision making", "Carers", "Primary care",
                  "Workforce", "Inclusion", "Risk and safety", "Outcomes"]
BRIEFING_SENTENCES = [
    "This paper draws on the experience of people who use services, carers and staff.",
    "It sets out what organisations need to get right before they start.",
    "The authors wrote it together, bringing lived and professional experience side by side.",
    "Recovery is about building a life that has meaning, with or without symptoms.",
    "Teams that work this way report better relationships with the people they support.",
    "Change takes time, and leaders need to make room for it.",
    "The paper includes questions for teams to discuss.",
    "It ends with examples from services that have tried these ideas.",
]
BRIEFING_POINTS = ["Start with what matters to people, not with the service.",
                   "Involve people with lived experience from the beginning.",
                   "Make time for training and supervision.", "Share power in decisions, not only in meetings.",
                   "Measure what people say makes a difference.", "Learn from what does not work."]


@dataclass(frozen=True)
class Counts:
    """How many items of each kind a project holds."""

    stories: int
    resources: int
    courses: int
    briefings: int

    @property
    def total(self) -> int:
        return self.stories + self.resources + self.courses + self.briefings


def counts_for(items: int) -> Counts:
    """Split ``items`` in the proportions of ``SHARE``; rounding leftovers go to stories."""
    resources = round(items * SHARE["resources"])
    courses = round(items * SHARE["courses"])
    briefings = min(round(items * SHARE["briefings"]), MAX_BRIEFINGS)
    return Counts(items - resources - courses - briefings, resources, courses, briefings)


def _slug(text: str) -> str:
    word = "".join(ch if ch.isalnum() else "-" for ch in text.lower())
    return "-".join(part for part in word.split("-") if part)


def _dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def _paragraph(rng: random.Random, pool: list[str], count: int, **fill: str) -> str:
    return " ".join(s.format(**fill) for s in rng.sample(pool, min(count, len(pool))))


def story_body(rng: random.Random, words: int) -> str:
    """A first-person story of about ``words`` words: sections with headings, a list of what helped."""
    parts: list[str] = []
    total = 0
    rounds = 0
    while total < words:
        for heading, pool in STORY_HEADINGS:
            if total >= words and heading != "Moving forward":
                continue
            # Repeat rounds use the same headings with a part number, so no two headings share an anchor.
            parts.append(f"## {heading}" + (f", part {rounds + 1}" if rounds else ""))
            if pool is STORY_HELPED:
                items = rng.sample(pool, rng.randint(3, 5))
                block = "\n".join(f"- {item}." for item in items)
            else:
                block = "\n\n".join(_paragraph(rng, pool, rng.randint(3, 5)) for _ in range(rng.randint(1, 2)))
            parts.append(block)
            total += len(block.split())
        rounds += 1
    return "\n\n".join(parts) + "\n"


def course_description(rng: random.Random, topic: str, words: int) -> str:
    """A course description of about ``words`` words, with a level-3 heading and a list."""
    intro = _paragraph(rng, COURSE_SENTENCES, 3, topic=topic)
    items = "\n".join(f"- {item.format(topic=topic)}" for item in rng.sample(COURSE_LIST, rng.randint(3, 5)))
    text = f"{intro}\n\n### What we cover\n\n{items}\n"
    while len(text.split()) < words:
        text += "\n" + _paragraph(rng, COURSE_SENTENCES, 3, topic=topic) + "\n"
    return text


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"


def _copy_sample(sample: Path, root: Path) -> None:
    """The parts of the sample project every synthetic project shares."""
    shutil.copy2(sample / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", root / "theme")
    (root / "courses").mkdir()
    for name in ("_terms.yml", "_venues.yml", "_categories.yml"):
        shutil.copy2(sample / "courses" / name, root / "courses" / name)
    content = root / "content"
    (content / "briefings").mkdir(parents=True)
    (content / "resources").mkdir()
    for page in (sample / "content").iterdir():
        if page.is_file():  # hand-written pages and _headers; not the sample's papers and resources
            shutil.copy2(page, content / page.name)
    (root / "stories").mkdir()


def _shared_ids(root: Path, name: str, key: str) -> list[dict]:
    return yaml.safe_load((root / "courses" / name).read_text(encoding="utf-8"))[key]


def write_stories(root: Path, rng: random.Random, count: int) -> None:
    for i in range(count):
        title = f"{rng.choice(TITLE_START)} {rng.choice(TITLE_END)}".capitalize()
        attribution = rng.choices(["first-name", "anonymous", "pseudonym", "named"], [5, 3, 2, 1])[0]
        teller: dict = {"attribution": attribution}
        if attribution == "first-name":
            teller["name"] = rng.choice(FIRST_NAMES)
        elif attribution == "pseudonym":
            teller["name"] = rng.choice(PSEUDONYMS)
        elif attribution == "named":
            teller["name"] = _person(rng)
        given = TODAY - dt.timedelta(days=rng.randint(30, 700))
        consent: dict = {"given": given, "scope": rng.choice([["web", "print"], ["web", "print", "training"],
                                                              ["web"]]),
                         "review_by": given + dt.timedelta(days=730 + rng.randint(60, 400))}
        if rng.random() < 0.02:  # a few storytellers withdraw: their stories are held back
            consent["withdrawn"] = given + dt.timedelta(days=20)
        published = given + dt.timedelta(days=rng.randint(1, 25))
        meta = {
            "title": title,
            "summary": f"{teller.get('name', 'The storyteller')} talks about {rng.choice(TITLE_END)}, "
                       "and what made a difference on the way to recovery.",
            "storyteller": teller,
            "perspective": rng.choices(["lived-experience", "carer", "peer-worker", "practitioner"], [6, 2, 1, 1])[0],
            "format": "written",
            "themes": sorted(rng.sample(["connectedness", "hope", "identity", "meaning", "empowerment"],
                                        rng.randint(1, 3))),
            "content_notes": sorted(rng.sample(["self-harm", "bereavement", "hospital-admission", "substance-use",
                                                "trauma", "suicidal-thoughts"], rng.choice([0, 0, 1, 1, 2]))),
            "consent": consent,
            "published": published,
        }
        body = story_body(rng, rng.randint(300, 900))
        path = root / "stories" / f"{_slug(title)}-{i + 1:04d}.md"
        path.write_text(f"---\n{_dump(meta)}---\n\n{body}", encoding="utf-8")


def _sessions(rng: random.Random, term: dict, weeks: int) -> list[dict]:
    start, end = dt.date.fromisoformat(str(term["start"])), dt.date.fromisoformat(str(term["end"]))
    latest_first = end - dt.timedelta(weeks=weeks - 1)
    first = start + dt.timedelta(days=rng.randint(0, max(0, (latest_first - start).days)))
    hour = rng.choice([10, 13, 18])
    return [{"date": first + dt.timedelta(weeks=w), "start": f"{hour}:00", "end": f"{hour + 2}:00"}
            for w in range(weeks)]


def write_courses(root: Path, rng: random.Random, count: int, *, published_only: bool = False) -> None:
    terms = _shared_ids(root, "_terms.yml", "terms")
    venues = [v["id"] for v in _shared_ids(root, "_venues.yml", "venues")]
    categories = [c["id"] for c in _shared_ids(root, "_categories.yml", "categories")]
    names = [(rng.choice(COURSE_KIND), rng.choice(COURSE_TOPICS)) for _ in range(count)]
    ids = [f"{_slug(kind + ' ' + topic)}-{i + 1:04d}" for i, (kind, topic) in enumerate(names)]
    # Most courses are open or full (published); a few are drafts or archived, unless asked otherwise.
    weights = [85, 8, 0, 0] if published_only else [85, 8, 4, 3]
    statuses = [rng.choices(["open", "full", "draft", "archived"], weights)[0] for _ in ids]
    public = [i for i, status in zip(ids, statuses) if status in ("open", "full")]
    for i, (ident, status) in enumerate(zip(ids, statuses)):
        topic = names[i][1]
        kind = rng.choices(list(LENGTHS), [6, 2, 1, 1])[0]
        weeks = {"course": 5, "workshop": 1, "drop-in": 8, "online-course": 6}[kind]
        runs = []
        for term in rng.sample(terms, rng.randint(1, len(terms))):
            online = kind == "online-course" or rng.random() < 0.1
            run: dict = {"term": term["id"]}
            if kind != "online-course":
                run["venue"] = rng.choice(venues)
            if online:
                run["online"] = True
            run["sessions"] = _sessions(rng, term, weeks)
            runs.append(run)
        peer_role, peer_kind = rng.choice(PEER_ROLES)
        others = [c for c in public if c != ident]
        data: dict = {
            "title": f"{names[i][0]} {topic} ({i + 1})",
            "summary": f"Learn about {topic} with people who understand, and try simple ideas you can use "
                       "every day.",
            "description": course_description(rng, topic, rng.randint(80, 200)),
            "category": rng.choice(categories),
            "learning_outcomes": [o.format(topic=topic) for o in rng.sample(OUTCOMES, rng.randint(2, 5))],
            "who_can_attend": {"open_to": rng.choice([["everyone"], ["carers-and-supporters"],
                                                      ["people-using-services", "carers-and-supporters"]])},
            "format": {"type": kind, "length": LENGTHS[kind]},
            "facilitators": [{"name": _person(rng), "role": peer_role, "expertise": peer_kind},
                             {"name": _person(rng), "role": rng.choice(PRO_ROLES), "expertise": "professional"}],
            "runs": runs,
            "class_size": rng.choice([8, 12, 14, 16, 20]),
            "enrol": {"online": f"https://kelderbridge-recovery.example/enrol/{ident}",
                      "email": "enrol@kelderbridge-recovery.example",
                      "phone": "01632 960412 (Monday to Friday, 09:30 to 16:30)"},
            "status": status,
        }
        if status in ("open", "full") and others and rng.random() < 0.5:
            data["next_steps"] = rng.sample(others, min(len(others), rng.randint(1, 2)))
        if rng.random() < 0.03:
            data["aliases"] = [{"slug": f"formerly-{ident}", "title": f"{data['title']}, first edition"}]
        (root / "courses" / f"{ident}.yml").write_text(_dump(data), encoding="utf-8")


def write_resources(root: Path, rng: random.Random, count: int) -> None:
    for i in range(count):
        kind = rng.choice(RESOURCE_TYPES)
        topics = rng.sample(RESOURCE_TOPICS, rng.randint(1, 3))
        title = f"{topics[0]} {rng.choice(RESOURCE_NOUNS)} {i + 1}"
        data: dict = {
            "title": title,
            "type": kind,
            "summary": f"A {kind.replace('-', ' ')} about {', '.join(t.lower() for t in topics)}, with simple ideas "
                       "to try and places to find more support near you.",
            "topics": topics,
            "audience": rng.choice([["everyone"], ["carers-and-supporters"], ["people-using-services", "staff"]]),
        }
        if rng.random() < 0.3:
            data["alternative_formats"] = rng.sample(["easy-read", "bsl", "large-print", "audio"], rng.randint(1, 2))
        data["url"] = f"https://resources.kelderbridge-recovery.example/{_slug(title)}"
        data["produced_by"] = rng.choice(PRODUCERS)
        if kind == "directory-entry":
            data["locality"] = rng.choice(TOWNS)
        if rng.random() < 0.4:
            data["five_ways"] = rng.sample(["connect", "be-active", "take-notice", "keep-learning", "give"], 2)
        data["review_by"] = TODAY + dt.timedelta(days=rng.randint(60, 700))
        if rng.random() < 0.08:
            data["sensitive"] = True
            data["sensitive_note"] = "This talks about suicide and self-harm. See our crisis support page first."
        (root / "content" / "resources" / f"{_slug(title)}.yml").write_text(_dump(data), encoding="utf-8")


def write_briefings(root: Path, rng: random.Random, count: int) -> None:
    for number in range(1, count + 1):
        topic = rng.choice(BRIEFING_WORDS)
        title = f"{topic}: {rng.choice(['a practical guide', 'what we have learned', 'getting started', 'next steps'])}"
        related = [n for n in rng.sample(range(1, count + 1), min(count, 3)) if n != number][:2]
        meta = {
            "number": number,
            "title": title,
            "authors": [_person(rng) for _ in range(rng.randint(1, 4))],
            "year": rng.randint(2012, 2026),
            "publisher": "ImROC",
            "summary": f"How services can put {topic.lower()} into practice, written by people with lived and "
                       "professional experience together.",
            "audience": rng.sample(["Managers and boards", "Peer support workers", "Clinical teams", "Carers"], 2),
            "key_concepts": [topic, rng.choice(BRIEFING_WORDS)],
            "related": related,
            "url": f"https://papers.kelderbridge-recovery.example/{number}",
        }
        points = "\n".join(f"- {p}" for p in rng.sample(BRIEFING_POINTS, 4))
        body = (f"## About this paper\n\n{_paragraph(rng, BRIEFING_SENTENCES, 4)}\n\n## Key points\n\n{points}\n\n"
                f"## Why it matters to us\n\n{_paragraph(rng, BRIEFING_SENTENCES, 3)}\n")
        name = f"{number:02d}-{_slug(title)}.md"
        (root / "content" / "briefings" / name).write_text(f"---\n{_dump(meta)}---\n\n{body}", encoding="utf-8")


def make_project(root: Path, items: int, *, seed: int = 0, sample: Path = SAMPLE) -> Counts:
    """Write a project with ``items`` stories, resources, courses and briefing papers into ``root``."""
    counts = counts_for(items)
    root.mkdir(parents=True, exist_ok=True)
    _copy_sample(sample, root)
    rng = random.Random(seed)
    write_stories(root, rng, counts.stories)
    write_courses(root, rng, counts.courses)
    write_resources(root, rng, counts.resources)
    write_briefings(root, rng, counts.briefings)
    return counts


def make_courses_project(root: Path, courses: int, *, seed: int = 0, sample: Path = SAMPLE) -> Counts:
    """A project holding only ``courses`` published courses (with the shared lists): for the prospectus."""
    root.mkdir(parents=True, exist_ok=True)
    _copy_sample(sample, root)
    write_courses(root, random.Random(seed), courses, published_only=True)
    return Counts(0, 0, courses, 0)
