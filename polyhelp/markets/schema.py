"""The shape of the market data (data/markets/<code>.yml, data/privacy-regimes.yml).

One typed schema instead of checks scattered through the code: pydantic reports every
problem with its place in the data, which polyhelp.markets.load maps back to file and line.
A fact that is a legal rule carries its `source` (regulation and article) beside it.
A check across fields starts its message with the field it blames ("ends: ..."), which
the loader turns into that field's place.
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from functools import cache
from typing import Annotated, Literal
from zoneinfo import available_timezones

from babel import Locale
from babel.numbers import list_currencies
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from polyhelp.content.escape import url_problem
from polyhelp.project.urls import phone_problem

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SHIPPING_SERVICES = ("standard", "express", "economy")
PAYMENT_METHODS = (
    "card", "paypal", "klarna", "sepa_debit", "bank_transfer", "cartes_bancaires", "eps",
    "twint", "postfinance", "bizum", "oxxo", "spei", "interac", "affirm", "clearpay",
    "apple_pay", "google_pay", "gift_card",
)  # fmt: skip
PICKUP_KINDS = ("pickup_point", "parcel_locker")
SUPPORT_CHANNELS = ("chat", "email", "phone")
TRACKING_CHANNELS = ("email", "sms")
PRIVACY_RIGHTS = (
    "access", "rectification", "erasure", "restriction", "portability", "objection",
    "withdraw_consent", "complaint", "know", "delete", "correct", "opt_out_sale_sharing",
    "limit_sensitive", "non_discrimination", "cancellation", "opposition",
)  # fmt: skip


class Strict(BaseModel):
    """Unknown keys are errors: a typo must not silently drop a fact."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _currency(code: str) -> str:
    if code not in _currencies():
        raise ValueError(f"'{code}' is not an ISO 4217 currency code; write e.g. EUR, CHF, USD")
    return code


def _time_zone(name: str) -> str:
    if name not in _time_zones():
        raise ValueError(
            f"'{name}' is not an IANA time zone; write e.g. Europe/Berlin, America/New_York"
        )
    return name


def _country(code: str) -> str:
    if code not in Locale("en").territories or not code.isalpha():
        raise ValueError(f"'{code}' is not an ISO 3166 country code; write e.g. DE, GB, US")
    return code


def _clock_time(value: object) -> object:
    # YAML 1.1 reads an unquoted 14:00 as the sexagesimal number 840.
    if isinstance(value, int) and not isinstance(value, bool):
        raise ValueError("write times in quotes, e.g. '14:00' (YAML reads 14:00 as a number)")
    return value


def _phone(number: str) -> str:
    problem = phone_problem(number)
    if problem:
        raise ValueError(problem)
    return number


def _https_url(url: str) -> str:
    # Checked as a URL, not by a pattern: a ')' or a quote would end a Markdown link or an
    # attribute early and put the rest of the "URL" into the page.
    problem = url_problem(url, ("https",))
    if problem:
        raise ValueError(problem)
    return url


def _page_name(name: str) -> str:
    if not name.endswith(".md") or url_problem("https://x/" + name) or name.startswith("/"):
        raise ValueError(
            f"'{name}' is not a page of the help center; write its path under docs/<locale>/, "
            "e.g. legal/privacy.md (no spaces, quotes or parentheses)"
        )
    return name


@cache
def _currencies() -> frozenset[str]:
    return frozenset(list_currencies())


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


Currency = Annotated[str, AfterValidator(_currency)]
TimeZone = Annotated[str, AfterValidator(_time_zone)]
Country = Annotated[str, AfterValidator(_country)]
Phone = Annotated[str, AfterValidator(_phone)]
ClockTime = Annotated[time, BeforeValidator(_clock_time)]
Money = Annotated[Decimal, Field(ge=0, decimal_places=2)]
Text = Annotated[str, Field(min_length=1)]
Source = Annotated[str, Field(min_length=3)]  # "GDPR Art. 12(3)"
HttpsUrl = Annotated[str, AfterValidator(_https_url)]
PageName = Annotated[str, AfterValidator(_page_name)]
Weekday = Literal[WEEKDAYS]  # type: ignore[valid-type]
LocalizedText = dict[str, Text]  # locale -> text
# One text for every language, or one per locale (the market's default locale's is used where
# a locale has none).
Localizable = Text | LocalizedText


def _unique(items: list) -> list:
    if len(set(items)) != len(items):
        raise ValueError("each entry may appear only once")
    return items


class DayRange(Strict):
    min: int = Field(ge=0)
    max: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> DayRange:
        if self.min > self.max:
            raise ValueError(f"min: {self.min} is more than max ({self.max})")
        return self


class ShippingOption(Strict):
    service: Literal[SHIPPING_SERVICES]  # type: ignore[valid-type]
    carrier: Text
    delivery_days: DayRange  # business days after dispatch
    price: Money
    free_from: Money | None = None  # order value from which this option is free

    @model_validator(mode="after")
    def _threshold_above_price(self) -> ShippingOption:
        if self.free_from is not None and self.free_from <= self.price:
            raise ValueError(
                f"free_from: {self.free_from:.2f} is not more than the price ({self.price:.2f}); "
                "a threshold at or below the price means the option is always free: "
                "write price: 0 instead"
            )
        return self


class Tracking(Strict):
    provided: bool
    notifications: Annotated[list[Literal[TRACKING_CHANNELS]], AfterValidator(_unique)] = []  # type: ignore[valid-type]


class Shipping(Strict):
    ships_from: Country
    same_day_cutoff: ClockTime  # in the market's time zone, on business days
    options: list[ShippingOption] = Field(min_length=1)
    tracking: Tracking
    # Where a parcel can be collected instead of delivered home (the carrier's network).
    pickup: Annotated[list[Literal[PICKUP_KINDS]], AfterValidator(_unique)] = []  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _one_option_per_service(self) -> Shipping:
        services = [option.service for option in self.options]
        if len(set(services)) != len(services):
            raise ValueError("options: each service may appear only once")
        return self


class Tax(Strict):
    kind: Literal["vat", "gst_hst", "sales_tax"]
    rate: Decimal | None = Field(default=None, ge=0, le=100)  # percent; None: it varies
    included_in_prices: bool
    source: Source


class DeMinimis(Strict):
    applies_to: Literal["duty", "tax", "duty_and_tax"]
    # What the amount is compared with: the order's value (the UK's £135), or the charge
    # itself (Switzerland levies no import VAT of CHF 5 or less, whatever the order's value).
    measured_on: Literal["order_value", "charge"] = "order_value"
    amount: Money
    currency: Currency
    source: Source


class Customs(Strict):
    declaration: bool  # False inside a customs union (EU to EU)
    terms: Literal["DDP", "DAP"] | None = None  # who pays import charges, when declared
    tax: Tax
    de_minimis: list[DeMinimis] = []

    @model_validator(mode="after")
    def _terms_when_declared(self) -> Customs:
        if self.declaration and self.terms is None:
            raise ValueError("terms: required when declaration is true (DDP or DAP)")
        if not self.declaration and self.terms is not None:
            raise ValueError("terms: only for markets with a customs declaration")
        return self


PaymentMethod = Literal[PAYMENT_METHODS]  # type: ignore[valid-type]


class Payment(Strict):
    methods: Annotated[list[PaymentMethod], AfterValidator(_unique)] = Field(min_length=1)


class LegalMinimum(Strict):
    days: int | None = Field(ge=1)  # None: no statutory right of withdrawal
    counted_in: Literal["days", "business_days"] = "days"
    source: Source


class ReturnShipping(Strict):
    paid_by: Literal["shop", "customer"]
    cost: Money | None = None  # what the customer pays, deducted from the refund

    @model_validator(mode="after")
    def _cost_when_customer_pays(self) -> ReturnShipping:
        if (self.paid_by == "customer") != (self.cost is not None):
            raise ValueError("cost: give it exactly when paid_by is customer")
        return self


class Guarantee(Strict):
    """The seller's statutory liability for defects (not a manufacturer's warranty)."""

    amount: int | None = Field(ge=1)  # None: the law sets no fixed period
    unit: Literal["days", "months", "years"] = "years"
    source: Source


class Returns(Strict):
    window_days: int = Field(ge=1)
    legal_minimum: LegalMinimum
    legal_guarantee: Guarantee
    return_shipping: ReturnShipping
    refund_days: dict[PaymentMethod, DayRange] = Field(min_length=1)  # after the return arrives

    @model_validator(mode="after")
    def _window_covers_the_law(self) -> Returns:
        minimum = self.legal_minimum
        if minimum.days and minimum.counted_in == "days" and self.window_days < minimum.days:
            raise ValueError(
                f"window_days: {self.window_days} days is shorter than the legal minimum "
                f"({minimum.days} days)"
            )
        return self


class Authority(Strict):
    name: Localizable
    url: HttpsUrl


class Deadline(Strict):
    amount: int = Field(ge=1)
    unit: Literal["days", "months"]
    source: Source


class DoNotSell(Strict):
    required: bool
    source: Source


class Privacy(Strict):
    regime: Text  # a key of data/privacy-regimes.yml
    authority: Authority
    response_deadline: Deadline
    do_not_sell_link: DoNotSell


class OpeningHours(Strict):
    days: Annotated[list[Weekday], AfterValidator(_unique)] = Field(min_length=1)
    opens: ClockTime
    closes: ClockTime

    @model_validator(mode="after")
    def _opens_before_closing(self) -> OpeningHours:
        if self.opens >= self.closes:
            raise ValueError(f"opens: {self.opens:%H:%M} must be before closes")
        return self


class Support(Strict):
    channels: Annotated[list[Literal[SUPPORT_CHANNELS]], AfterValidator(_unique)] = Field(  # type: ignore[valid-type]
        min_length=1
    )
    phone: Phone | None = None
    hours: list[OpeningHours] = Field(min_length=1)  # in the market's time zone
    holidays_closed: Annotated[list[date], AfterValidator(_unique)] = []

    @model_validator(mode="after")
    def _phone_when_offered(self) -> Support:
        if ("phone" in self.channels) != (self.phone is not None):
            raise ValueError("phone: give a number exactly when 'phone' is one of the channels")
        return self


class Market(Strict):
    country: Country
    currency: Currency
    timezone: TimeZone
    locales: Annotated[list[Text], AfterValidator(_unique)] = Field(min_length=1)
    default_locale: Text
    shipping: Shipping
    customs: Customs
    payment: Payment
    returns: Returns
    privacy: Privacy
    support: Support

    @model_validator(mode="after")
    def _consistent(self) -> Market:
        if self.default_locale not in self.locales:
            raise ValueError(f"default_locale: '{self.default_locale}' is not one of locales")
        unknown = sorted(set(self.returns.refund_days) - set(self.payment.methods))
        if unknown:
            raise ValueError(
                f"returns.refund_days.{unknown[0]}: {', '.join(unknown)} is not one of "
                f"payment.methods ({', '.join(self.payment.methods)})"
            )
        return self


class Right(Strict):
    right: Literal[PRIVACY_RIGHTS]  # type: ignore[valid-type]
    source: Source


class Regime(Strict):
    name: LocalizedText  # "General Data Protection Regulation (GDPR)", per locale
    law: Localizable  # the official reference: "Regulation (EU) 2016/679"
    policy_page: PageName  # the shop's full privacy policy for this regime, under docs/<default>/
    rights: list[Right] = Field(min_length=1)


class Announcement(Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    markets: Annotated[list[Text], AfterValidator(_unique)] = Field(min_length=1)
    starts: date
    ends: date  # the last day it shows
    text: LocalizedText

    @model_validator(mode="after")
    def _ordered(self) -> Announcement:
        if self.ends < self.starts:
            raise ValueError(f"ends: {self.ends} is before starts ({self.starts})")
        return self
