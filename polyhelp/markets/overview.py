"""Market facts on general pages: one table row per market that offers the page's language.

A general page (shipping, returns, contact...) is read by customers of every market that
offers its language, so a market-dependent fact (a cut-off time, a phone number, a legal
guarantee) is never written there as if it held for everyone: the page places a table,
`{{ markets.dispatch }}`, whose rows come from data/markets/ and whose first cell links
to that market's own page on the topic. Texts are formatted for the language of the text
shown, in each market's country, exactly as on the market pages (polyhelp.markets.view).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from polyhelp.content.escape import markdown_link
from polyhelp.content.placeholders import Block
from polyhelp.locales.digits import number
from polyhelp.markets import formatting as fmt
from polyhelp.markets.labels import label
from polyhelp.markets.load import MarketData
from polyhelp.markets.pages import by_name
from polyhelp.markets.schema import DayRange, Market
from polyhelp.markets.view import customs_terms, guarantee, in_language, market_values, table

# Table name -> (the market topic its rows link to, its column headings after "Country").
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "shipping": ("shipping", ("option", "delivery", "price")),
    "dispatch": ("shipping", ("ships_from", "cutoff")),
    "pickup": ("shipping", ("pickup",)),
    "customs": ("customs", ("customs", "taxes")),
    "payment": ("payment", ("currency", "methods")),
    "returns": ("returns", ("return_label", "withdrawal")),
    "refunds": ("returns", ("money_back",)),
    "guarantee": ("returns", ("guarantee",)),
    "support": ("contact", ("phone", "hours")),
    "privacy": ("privacy", ("law", "deadline", "authority")),
}


def overview_values(
    data: MarketData, locale: str, language: str, today: date, link: Callable[[str, str], str]
) -> dict[str, Block]:
    """Every table of `TABLES` for a page of `locale` whose text is in `language`.

    `link(code, topic)` is the URL of that market's topic page, relative to the page.
    """
    markets = [
        (code, market) for code, market in by_name(data, language) if locale in market.locales
    ]
    tables: dict[str, list[list[str]]] = {name: [] for name in TABLES}
    for code, market in markets:
        values = market_values(data, code, language, today)
        country = {
            topic: markdown_link(values["name"], link(code, topic)) for topic, _ in TABLES.values()
        }
        for name, cells in _rows(data, market, values, language, today):
            tables[name] += [[country[TABLES[name][0]], *row] for row in cells]
    return {
        name: table(
            [label(language, "head.country")] + [label(language, f"head.{h}") for h in heads],
            tables[name],
        )
        for name, (_, heads) in TABLES.items()
    }


def _rows(data: MarketData, market: Market, values: dict, language: str, today: date):
    locale = fmt.formatting_locale(language, market.country)
    shipping = values["shipping"]
    yield (
        "shipping",
        [
            [
                shipping[option.service]["name"],
                shipping[option.service]["delivery"],
                _price(shipping[option.service], language),
            ]
            for option in market.shipping.options
        ],
    )
    yield "dispatch", [[shipping["ships_from"], shipping["cutoff"]]]
    yield "pickup", [[fmt.capital(shipping["pickup"] or label(language, "pickup.none"))]]
    customs = label(language, f"customs.{customs_terms(market)}")
    yield "customs", [[customs, fmt.capital(values["customs"]["tax"])]]
    methods = fmt.listing([label(language, f"method.{m}") for m in market.payment.methods], locale)
    yield "payment", [[fmt.currency_name(market.currency, locale), methods]]
    returns = values["returns"]
    yield (
        "returns",
        [[fmt.capital(returns["return_shipping"]), fmt.capital(returns["legal_minimum"])]],
    )
    slowest = max(market.returns.refund_days.values(), key=lambda days: days.max)
    longest = _working_days(slowest, language)
    yield "refunds", [[fmt.capital(label(language, "refunds.up_to", max=longest))]]
    yield "guarantee", [[fmt.capital(guarantee(market, language, locale))]]
    support = market.support
    hours = "; ".join(
        f"{fmt.weekdays(h.days, locale)}: "
        f"{fmt.clock_range(h.opens, h.closes, market.timezone, today, locale)}"
        for h in support.hours
    )
    yield "support", [[values["support"]["phone"] or "—", hours]]
    privacy = values["privacy"]
    regime = data.regimes[market.privacy.regime]
    law = in_language(regime.name, language, market.default_locale)
    yield "privacy", [[law, privacy["deadline"], privacy["authority"]]]


def _price(option: dict, language: str) -> str:
    if option["free_from"] == label(language, "never_free"):
        return option["price"]
    return f"{option['price']}, {option['free_from']}"


def _working_days(days: DayRange, language: str) -> str:
    return label(language, "working_days", days.max, n=number(days.max, language))
