"""The shape of the market data (data/markets/<code>.yml, data/privacy-regimes.yml).

One typed schema instead of checks scattered through the code: pydantic reports every
problem with its place in the data, which polyhelp.markets.load maps back to file and line.
A fact that is a legal rule carries its `source` beside it, cited the way each language the
market shows cites it ("§ 357 Abs. 1 BGB", « art. L221-24 du code de la consommation »): one
citation per locale, checked by the loader. A privacy right names only its `article`; the
regime's `cite` pattern turns it into each language's citation ("Art. 15 DSGVO").
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
HttpsUrl = Annotated[str, AfterValidator(_https_url)]
PageName = Annotated[str, AfterValidator(_page_name)]
Weekday = Literal[WEEKDAYS]  # type: ignore[valid-type]
LocalizedText = dict[str, Text]  # locale -> text
# One text for every language, or one per locale (the market's default locale's is used where
# a locale has none).
Localizable = Text | LocalizedText

# How a citation reads in each language, for examples in error messages.
EXAMPLE_CITATIONS = {
    "en": "GDPR Art. 15",
    "fr": "art. 15 du RGPD",
    "de": "Art. 15 DSGVO",
    "es": "art. 15 del RGPD",
}


def citation_example(locales) -> str:
    """'{de: "Art. 15 DSGVO", fr: "art. 15 du RGPD"}': a correct citation for `locales`."""
    parts = [f'{locale}: "{EXAMPLE_CITATIONS.get(locale, "...")}"' for locale in locales]
    return "{" + ", ".join(parts) + "}"


def _citation(value: object) -> object:
    # One clear message instead of one per member of the union (str | dict).
    if isinstance(value, str):
        if len(value.strip()) < 3:
            raise ValueError(f"'{value}' is too short for a citation; write e.g. 'GDPR Art. 15'")
        return value
    if isinstance(value, dict) and value:
        for locale, text in value.items():
            if not isinstance(text, str) or len(text.strip()) < 3:
                raise ValueError(
                    f"the {locale} citation must be a text, e.g. "
                    f'{locale}: "{EXAMPLE_CITATIONS.get(locale, "GDPR Art. 15")}"'
                )
        return {str(locale): text for locale, text in value.items()}
    raise ValueError(
        "write the citation in each language the market shows, e.g. "
        f"source: {citation_example(('de', 'fr'))} (a single text only for a market with "
        "one locale)"
    )


# A legal citation in the reader's form: "Art. 15 DSGVO", « art. 15 du RGPD ». One text per
# locale the market shows; a plain text only where the market shows a single locale.
Source = Annotated[str | dict[str, str], BeforeValidator(_citation)]


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
    carrier: Localizable  # per locale where the name differs: {de: Die Post, fr: La Poste}
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


class LegalRefund(Strict):
    """When the law says a withdrawing customer gets their money back.

    EU: Directive 2011/83/EU Art. 13(1), 14 days from the day the trader is informed of the
    withdrawal; Art. 13(3), the trader may withhold it until the goods are back or the
    customer has shown that they were sent, whichever is earlier.
    """

    days: int | None = Field(ge=1)  # None: the law orders a refund but sets no deadline
    # From when the days count: the customer's withdrawal notice (EU), or the day the goods
    # are back or the customer has shown they were sent, whichever is earlier (UK: CCR 2013
    # reg. 34(5), where the trader has not offered to collect them).
    counted_from: Literal["withdrawal", "goods_back"] = "withdrawal"
    withhold_until_returned: bool  # may the shop wait for the goods or proof of dispatch?
    source: Source

    @model_validator(mode="after")
    def _withholding_needs_a_notice_count(self) -> LegalRefund:
        if self.counted_from == "goods_back" and self.withhold_until_returned:
            raise ValueError(
                "withhold_until_returned: days counted from the goods' return already wait for "
                "them; write withhold_until_returned: false"
            )
        return self


class Returns(Strict):
    window_days: int = Field(ge=1)
    legal_minimum: LegalMinimum
    # Given exactly where the law gives a right of withdrawal (legal_minimum.days).
    legal_refund: LegalRefund | None = None
    legal_guarantee: Guarantee
    return_shipping: ReturnShipping
    refund_days: dict[PaymentMethod, DayRange] = Field(min_length=1)  # after the return arrives

    @model_validator(mode="after")
    def _window_covers_the_law(self) -> Returns:
        minimum = self.legal_minimum
        if minimum.days and self.legal_refund is None:
            raise ValueError(
                "legal_refund: required where the law gives a right of withdrawal, e.g. "
                "legal_refund: {days: 14, withhold_until_returned: true, "
                "source: 'Directive 2011/83/EU, Art. 13(1) and (3)'}"
            )
        if not minimum.days and self.legal_refund is not None:
            raise ValueError(
                "legal_refund: only where the law gives a right of withdrawal "
                "(legal_minimum.days is null here); remove it"
            )
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
    # Whether the shop sells personal information or shares it for cross-context behavioral
    # advertising; stated wherever the regime gives a right to opt out of it.
    sells_or_shares: bool | None = None
    required: bool  # must the shop show a "Do Not Sell or Share" link?
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
    """A right the law gives and the article granting it, cited through the regime's `cite`."""

    right: Literal[PRIVACY_RIGHTS]  # type: ignore[valid-type]
    # '15', or per locale where the parts of an article read differently:
    # {en: '7(3)', fr: '7, paragraphe 3,', de: '7 Abs. 3', es: '7.3'}
    article: Localizable

    @model_validator(mode="before")
    @classmethod
    def _article_given(cls, data: object) -> object:
        if isinstance(data, dict) and "article" not in data:
            raise ValueError(
                "article: required: the article granting the right, cited in each language "
                "through the regime's cite, e.g. {right: access, article: '15'}"
            )
        return data


def _cite_pattern(patterns: dict[str, str]) -> dict[str, str]:
    for locale, pattern in patterns.items():
        example = EXAMPLE_CITATIONS.get(locale, "GDPR Art. 15")
        if pattern.count("{article}") != 1 or pattern.replace("{article}", "").count("{"):
            raise ValueError(
                f"{locale}: '{pattern}' must contain {{article}} once and no other braces, "
                f'e.g. {locale}: "{example.replace("15", "{article}")}"'
            )
    return patterns


class Scope(Strict):
    """A regime that protects the residents of one part of a market's country only."""

    residents_of: Localizable  # "California"
    # How the shop treats customers elsewhere in the country: it answers the same requests
    # on the same terms, as its own commitment (the law does not oblige it).
    elsewhere: Literal["same_terms"]


class Regime(Strict):
    name: LocalizedText  # "General Data Protection Regulation (GDPR)", per locale
    law: Localizable  # the official reference: "Regulation (EU) 2016/679"
    # How each language cites an article of this law: {en: 'GDPR Art. {article}',
    # de: 'Art. {article} DSGVO', fr: 'art. {article} du RGPD', es: 'art. {article} del RGPD'}
    cite: Annotated[LocalizedText, AfterValidator(_cite_pattern)]
    scope: Scope | None = None  # None: every resident of the market's country
    policy_page: PageName  # the shop's full privacy policy for this regime, under docs/<default>/
    rights: list[Right] = Field(min_length=1)

    def citation(self, right: Right, language: str, fallback: str) -> str:
        """'Art. 15 DSGVO': the right's article in `language`'s citation form."""
        pattern = (
            self.cite.get(language) or self.cite.get(fallback) or next(iter(self.cite.values()))
        )
        article = right.article
        if isinstance(article, dict):
            article = article.get(language) or article.get(fallback) or next(iter(article.values()))
        return pattern.replace("{article}", article)


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
