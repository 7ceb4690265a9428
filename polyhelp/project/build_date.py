"""The day the site is built for: announcements, upcoming holidays and CET/CEST depend on it.

Injectable (POLYHELP_BUILD_DATE=2026-12-01, or `polyhelp build --build-date`) so that tests
and previews never depend on today's date.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from polyhelp.errors import PolyhelpError

ENVIRONMENT_VARIABLE = "POLYHELP_BUILD_DATE"


def build_date() -> date:
    value = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if not value:
        return datetime.now(UTC).date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PolyhelpError(
            f"{ENVIRONMENT_VARIABLE}={value!r} is not a date; write it as YYYY-MM-DD"
        ) from None
