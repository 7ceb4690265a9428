"""MkDocs hooks of the help center: the logic lives in polyhelp.site.events."""

from __future__ import annotations

from polyhelp.site.events import (  # noqa: F401  (MkDocs finds hooks by name)
    on_config,
    on_files,
    on_page_content,
    on_page_context,
    on_page_markdown,
    on_post_build,
    on_post_page,
    on_post_template,
    on_template_context,
)
