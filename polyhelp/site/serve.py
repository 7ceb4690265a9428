"""The writers' live preview: MkDocs' server, watching the data and the package too."""

from __future__ import annotations

import logging
from pathlib import Path

import polyhelp
from polyhelp.site import mkdocs_internals
from polyhelp.site.material_internals import end_of_life_notice
from polyhelp.site.mkdocs_config import load_site

log = logging.getLogger(__name__)


def serve_site(config_file: Path, dev_addr: str) -> None:
    """Serve a live preview of the site on `dev_addr` until interrupted."""
    site, _ = load_site(config_file)  # a bad config gets polyhelp's one-line error first
    package = Path(polyhelp.__file__).parent
    log.info(end_of_life_notice())  # for the maintainers who preview
    mkdocs_internals.serve(str(config_file), dev_addr, [str(site.data_dir), str(package)])
