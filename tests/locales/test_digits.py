"""Numbers in the locale's own digits, as CLDR writes them."""

from __future__ import annotations

import pytest

from polyhelp.locales.digits import native_digits, number


@pytest.mark.parametrize(
    ("locale", "written"),
    [
        ("fa", "۱٬۲۳۴٫۵"),  # Persian digits and separators (CLDR: arabext)
        ("bn", "১,২৩৪.৫"),  # Bengali digits
        ("fr", "1\u202f234,5"),
        ("de", "1.234,5"),
        ("el", "1.234,5"),
    ],
)
def test_a_number_is_written_in_the_locales_digits(locale, written):
    assert number(1234.5, locale) == written


def test_only_digits_change_and_unknown_locales_keep_latin_digits():
    assert native_digits("Order 12 by 14:00", "fa") == "Order ۱۲ by ۱۴:۰۰"
    assert native_digits("12", "xx") == "12"
