"""Course pages: one per published course, plus the prospectus listing and the timetable."""

from __future__ import annotations

from build_tools.site.published import Site
from build_tools.web.pages import GeneratedPage


def pages(site: Site) -> list[GeneratedPage]:
    found = [
        GeneratedPage(
            src_uri=f"courses/{course.id}.md",
            title=course.title,
            template="course.html",
            content=course.description,
            context={"course": course, "category": site.category_by_id[course.category],
                     "prerequisites": [site.course_by_id[c] for c in course.prerequisites if c in site.course_by_id],
                     "next_steps": [site.course_by_id[c] for c in course.next_steps if c in site.course_by_id]},
            description=course.summary,
        )
        for course in site.courses
    ]
    # A cancelled or archived course keeps its address (printed QR codes and saved links lead
    # there), with a plain page pointing to what to do next; nothing else lists it.
    for course in site.retired_courses:
        category = site.category_by_id.get(course.category)
        found.append(GeneratedPage(
            src_uri=f"courses/{course.id}.md",
            title=course.title,
            template="course-retired.html",
            context={"course": course, "category": category,
                     "next_steps": [site.course_by_id[c] for c in course.next_steps if c in site.course_by_id],
                     "same_category": [c for c in site.courses if c.category == course.category][:6]},
            description=f"{course.title} is no longer running. Other courses you could join instead.",
            search=False, noindex=True,
        ))
    found.append(GeneratedPage("courses/index.md", "Courses", "courses.html",
                               description="Every open course, grouped by category."))
    found.append(GeneratedPage("courses/timetable.md", "Timetable", "timetable.html",
                               description="Every session of every course, by date.", search=False))
    return found
