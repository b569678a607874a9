"""Story pages: one per published story (consent already checked in ``Site``), plus the listing.

The page's Markdown is the storyteller's words, followed by the transcript of a film or
recording, so both are on the page and in the search index. Nothing is reworded.
"""

from __future__ import annotations

import re

from build_tools.content.markdown_lines import code_lines
from build_tools.content.models import Story
from build_tools.site.published import Site
from build_tools.web.pages import GeneratedPage

_HEADING = re.compile(r"^(\s{0,3})(#{1,5})(\s)")


def deeper_headings(markdown: str) -> str:
    """Every ATX heading one level deeper (outside code), so a transcript sits under its own heading."""
    lines = markdown.split("\n")
    return "\n".join(line if is_code else _HEADING.sub(lambda m: f"{m.group(1)}#{m.group(2)}{m.group(3)}", line)
                     for line, is_code in zip(lines, code_lines(lines)))


def story_markdown(site: Site, story: Story) -> str:
    content = story.body
    transcript = site.transcript(story)
    if transcript:
        heading = "Transcript of the film" if story.format == "video" else "Transcript"
        content += f"\n\n## {heading} {{#transcript}}\n\n" + deeper_headings(transcript.strip())
    return content


def pages(site: Site) -> list[GeneratedPage]:
    found = [
        GeneratedPage(
            src_uri=f"stories/{story.id}.md",
            title=story.title,
            template="story.html",
            content=story_markdown(site, story),
            context={"story": story, "related": site.related_stories(story)},
            description=story.summary,
        )
        for story in site.stories
    ]
    found.append(GeneratedPage("stories/index.md", "Recovery stories", "stories.html",
                               description="Recovery stories, in storytellers' own words."))
    return found
