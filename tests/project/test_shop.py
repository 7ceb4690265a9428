"""data/shop.yml: the shop's facts, each a non-empty text value, errors naming the line."""

from __future__ import annotations

import os

import pytest

from polyhelp.errors import DataError, PolyhelpError
from polyhelp.project.shop import load_shop

SHOP_YML = """\
name: Nordvik Home
legal_name: Nordvik Home GmbH
website: https://www.nordvik-home.example
email: help@nordvik-home.example
phone: "+49 30 5550 1234"
address: Torstraße 120, 10119 Berlin, Germany
"""


def write_shop(data_dir, text: str):
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "shop.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shop_facts_load_as_text(tmp_path):
    write_shop(tmp_path, SHOP_YML + "social_handle: '@nordvikhome'\n")
    shop = load_shop(tmp_path)
    assert shop["name"] == "Nordvik Home"
    assert shop["phone"] == "+49 30 5550 1234"
    assert shop["address"] == "Torstraße 120, 10119 Berlin, Germany"
    assert shop["social_handle"] == "@nordvikhome"


def test_missing_file_is_a_data_error_naming_it(tmp_path):
    with pytest.raises(DataError, match="not found") as caught:
        load_shop(tmp_path)
    assert caught.value.path == tmp_path / "shop.yml"
    assert isinstance(caught.value, PolyhelpError)


def test_yaml_error_names_the_files_line(tmp_path):
    path = write_shop(tmp_path, "name: Nordvik Home\nlegal_name: Nordvik\nemail: a: b\n")
    with pytest.raises(DataError, match="invalid YAML") as caught:
        load_shop(tmp_path)
    assert caught.value.line == 3
    assert str(caught.value).startswith(f"{path}:3: ")


def test_file_that_is_not_a_mapping_is_rejected(tmp_path):
    write_shop(tmp_path, "- Nordvik Home\n")
    with pytest.raises(DataError, match="must be a mapping"):
        load_shop(tmp_path)


def test_empty_file_is_rejected(tmp_path):
    write_shop(tmp_path, "# nothing yet\n")
    with pytest.raises(DataError, match="must be a mapping"):
        load_shop(tmp_path)


def test_missing_required_keys_are_named(tmp_path):
    write_shop(tmp_path, "name: Nordvik Home\nemail: help@nordvik-home.example\n")
    with pytest.raises(DataError) as caught:
        load_shop(tmp_path)
    assert "missing key(s): legal_name, website, phone, address" in str(caught.value)


def test_number_value_is_rejected_on_its_line(tmp_path):
    # An unquoted phone number is read as an integer; it must be written as text.
    write_shop(tmp_path, SHOP_YML.replace('phone: "+49 30 5550 1234"', "phone: 4930555"))
    with pytest.raises(DataError, match="'phone' must be a non-empty text value") as caught:
        load_shop(tmp_path)
    assert caught.value.line == 5


def test_empty_value_is_rejected_on_its_line(tmp_path):
    write_shop(tmp_path, SHOP_YML + 'privacy_email: ""\n')
    with pytest.raises(DataError, match="'privacy_email'") as caught:
        load_shop(tmp_path)
    assert caught.value.line == 7


def test_changing_the_returned_dict_does_not_change_the_next_load(tmp_path):
    write_shop(tmp_path, SHOP_YML)
    load_shop(tmp_path)["name"] = "Someone Else"
    assert load_shop(tmp_path)["name"] == "Nordvik Home"


def test_an_edited_file_is_read_again(tmp_path):
    path = write_shop(tmp_path, SHOP_YML)
    assert load_shop(tmp_path)["name"] == "Nordvik Home"
    before = path.stat().st_mtime_ns
    path.write_text(SHOP_YML.replace("name: Nordvik Home", "name: Nordvik Haus"), "utf-8")
    os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))
    assert load_shop(tmp_path)["name"] == "Nordvik Haus"


@pytest.mark.parametrize(
    "key, value",
    [
        ("email", '"><img src=x onerror=alert(1)>'),
        ("email", "help at shop"),
        ("privacy_email", "privacy@shop.example test"),
        ("website", "javascript:alert(1)"),
        ("website", "https://shop.example/a)b"),
        ("website", 'https://shop.example/"onmouseover="x'),
        ("returns_url", "shop.example/returns"),
        ("account_url", "https://shop.example/my account"),
    ],
)
def test_shop_url_or_email_that_is_not_one_is_refused_naming_file_line_and_field(
    tmp_path, key, value
):
    kept = [line for line in SHOP_YML.splitlines() if not line.startswith(f"{key}:")]
    text = "\n".join(kept) + f"\n{key}: '{value}'\n"
    path = write_shop(tmp_path, text)
    line = text.splitlines().index(f"{key}: '{value}'") + 1
    with pytest.raises(DataError) as caught:
        load_shop(tmp_path)
    assert caught.value.path == path
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{path}:{line}: '{key}': ")
    assert "\n" not in str(caught.value)


def test_shop_urls_and_emails_that_are_ones_load(tmp_path):
    write_shop(
        tmp_path,
        SHOP_YML
        + "returns_url: https://www.nordvik-home.example/returns?lang=de#form\n"
        + "privacy_email: privacy+eu@nordvik-home.example\n",
    )
    assert load_shop(tmp_path)["privacy_email"] == "privacy+eu@nordvik-home.example"


@pytest.mark.parametrize("phone", ["+49 30 5550 1234", "+1-416-555-0172", "+33.1.99.00.12.34"])
def test_phone_numbers_in_international_form_load(tmp_path, phone):
    write_shop(tmp_path, SHOP_YML.replace('"+49 30 5550 1234"', f'"{phone}"'))
    assert load_shop(tmp_path)["phone"] == phone


@pytest.mark.parametrize(
    "phone", ["030 5550 1234", "+49 (30) 5550", "+49 30 5550 1234 ext 2", "+49  30", "+4930\u200b5"]
)
def test_a_phone_number_that_no_tel_link_can_dial_names_its_line(tmp_path, phone):
    path = write_shop(tmp_path, SHOP_YML.replace('"+49 30 5550 1234"', f'"{phone}"'))
    with pytest.raises(DataError, match="international format") as caught:
        load_shop(tmp_path)
    assert str(caught.value).startswith(f"{path}:5: 'phone': ")
