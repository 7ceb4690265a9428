"""The writers' live preview: MkDocs' server, watching the data and the package too."""

from __future__ import annotations

import errno
import logging
import socket
from pathlib import Path

import polyhelp
from polyhelp.errors import ConfigError
from polyhelp.site import mkdocs_internals
from polyhelp.site.build import check_no_link_loop
from polyhelp.site.material_internals import end_of_life_notice
from polyhelp.site.mkdocs_config import load_site

log = logging.getLogger(__name__)


def serve_site(config_file: Path, dev_addr: str) -> None:
    """Serve a live preview of the site on `dev_addr` until interrupted."""
    site, _ = load_site(config_file)  # a bad config gets polyhelp's one-line error first
    check_address(dev_addr)  # before MkDocs builds, then fails to listen with a traceback
    check_no_link_loop(site)
    package = Path(polyhelp.__file__).parent
    log.info(end_of_life_notice())  # for the maintainers who preview
    mkdocs_internals.serve(str(config_file), dev_addr, [str(site.data_dir), str(package)])


def check_address(dev_addr: str) -> None:
    """Refuse an address the preview cannot listen on: malformed, a port out of range or
    in use, a host that is not this machine's. Tried by binding to it, as the server will."""
    fix = "pass --dev-addr HOST:PORT, e.g. 127.0.0.1:8000"
    host, colon, port_text = dev_addr.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not colon or not host or not port_text.isdigit():
        raise ConfigError(f"--dev-addr {dev_addr!r} is not HOST:PORT; {fix}")
    port = int(port_text)
    if not 1 <= port <= 65535:
        raise ConfigError(f"--dev-addr {dev_addr}: port {port} is out of range (1-65535); {fix}")
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError):
        raise ConfigError(f"--dev-addr {dev_addr}: unknown host {host!r}; {fix}") from None
    with socket.socket(family, kind, proto) as probe:
        # As MkDocs' server does (allow_reuse_address): a port only lingering after an
        # earlier preview is free; one another server listens on is not.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                problem = f"port {port} is in use on {host} (another server?); stop it or"
            elif error.errno == errno.EADDRNOTAVAIL:
                problem = f"{host} is not an address of this machine; use 127.0.0.1, or"
            elif error.errno == errno.EACCES:
                problem = f"port {port} needs special rights; use a port above 1023, or"
            else:
                problem = f"cannot listen there ({error.strerror});"
            raise ConfigError(f"--dev-addr {dev_addr}: {problem} {fix}") from None
