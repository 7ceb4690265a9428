"""The writers' live preview: MkDocs' server, watching the data and the package too."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.serve import serve as mkdocs_serve

import polyhelp
from polyhelp.site.mkdocs_config import load_site


def serve_site(config_file: Path, dev_addr: str) -> None:
    """Serve a live preview of the site on `dev_addr` until interrupted."""
    site, _ = load_site(config_file)  # a bad config gets polyhelp's one-line error first
    package = Path(polyhelp.__file__).parent
    mkdocs_serve(
        config_file=str(config_file),
        livereload=True,
        watch=[str(site.data_dir), str(package)],
        dev_addr=dev_addr,
    )
