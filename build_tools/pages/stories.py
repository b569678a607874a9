"""Story pages: one per published story (consent already checked in ``Site``), plus the listing."""

from __future__ import annotations

from ..site import Site
from . import GeneratedPage


def pages(site: Site) -> list[GeneratedPage]:
    found = [
        GeneratedPage(
            src_uri=f"stories/{story.id}.md",
            title=story.title,
            template="story.html",
            content=story.body,
            context={"story": story, "related": site.related_stories(story)},
            description=story.summary,
        )
        for story in site.stories
    ]
    found.append(GeneratedPage("stories/index.md", "Recovery stories", "stories.html",
                               description="Recovery stories, in storytellers' own words."))
    return found
