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
    found.append(GeneratedPage("courses/index.md", "Courses", "courses.html",
                               description="Every open course, grouped by category."))
    found.append(GeneratedPage("courses/timetable.md", "Timetable", "timetable.html",
                               description="Every session of every course, by date.", search=False))
    return found
