"""A market's facts as placeholder values ({{ market.shipping.standard.price }}) for one text.

Values are text formatted for the text's language in the market's country (Babel), Blocks
(a whole Markdown table or list, on a line of their own), Inlines (a Markdown link) or
conditions (True/False, used by a heading's `{: when="..." }`). Data is untrusted text: every
fact inside a Block or an Inline is escaped for Markdown here (plain values are escaped where
placeholders.render inserts them), so a carrier named `**x**` or `<b>` shows as written.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from polyhelp.content.escape import Inline, markdown_link, markdown_text
from polyhelp.content.placeholders import Block
from polyhelp.markets import formatting as fmt
from polyhelp.markets.labels import label
from polyhelp.markets.load import MarketData
from polyhelp.markets.schema import DayRange, Market
from polyhelp.project.urls import e164

TOPICS = ("shipping", "customs", "payment", "returns", "privacy", "contact")


def market_values(data: MarketData, code: str, language: str, today: date) -> dict[str, Any]:
    """The `market` placeholder group of market `code` for a text in `language`."""
    market = data.markets[code]
    locale = fmt.formatting_locale(language, market.country)
    return {
        "code": code,
        "name": fmt.country_name(market.country, language),
        "currency": market.currency,
        "shipping": _shipping(market, language, locale, today),
        "customs": _customs(market, language, locale),
        "payment": {
            "methods": _bullets(label(language, f"method.{m}") for m in market.payment.methods)
        },
        "returns": _returns(market, language, locale),
        "privacy": _privacy(data, market, language, locale),
        "support": _support(market, language, locale, today),
    }


def _days(days: DayRange, language: str) -> str:
    if days.max == 0:
        return label(language, "days.none")
    if days.min == days.max:
        return label(language, "days.one" if days.min == 1 else "days.exact", n=str(days.min))
    return label(language, "days.range", min=str(days.min), max=str(days.max))


def _shipping(market: Market, language: str, locale: str, today: date) -> dict[str, Any]:
    shipping = market.shipping
    values: dict[str, Any] = {
        "ships_from": fmt.country_name(shipping.ships_from, language),
        "cutoff": fmt.clock(shipping.same_day_cutoff, market.timezone, today, locale),
        "tracked": shipping.tracking.provided,
        "tracking_by": fmt.listing(
            [label(language, f"channel.{c}") for c in shipping.tracking.notifications], locale
        ),
        "pickup": fmt.listing(
            [label(language, f"pickup.{kind}") for kind in shipping.pickup], locale
        ),
        "has_pickup": bool(shipping.pickup),
    }
    rows = []
    for option in shipping.options:
        price = fmt.money(option.price, market.currency, locale)
        free = (
            label(
                language, "free_from", amount=fmt.money(option.free_from, market.currency, locale)
            )
            if option.free_from is not None
            else label(language, "never_free")
        )
        name = label(language, f"service.{option.service}")
        delivery = _days(option.delivery_days, language)
        values[option.service] = {
            "name": name,
            "carrier": option.carrier,
            "price": price,
            "free_from": free,
            "delivery": delivery,
        }
        rows.append([name, option.carrier, delivery, price, free])
    heads = ("option", "carrier", "delivery", "price", "free_from")
    values["options"] = _table([label(language, f"head.{h}") for h in heads], rows)
    return values


def _customs(market: Market, language: str, locale: str) -> dict[str, Any]:
    customs = market.customs
    tax = customs.tax
    words = {"tax": label(language, f"tax.{tax.kind}"), "source": tax.source}
    if tax.included_in_prices:
        key = "tax.included"
    elif market.customs.terms == "DAP":  # not at checkout: the carrier collects it
        key = "tax.on_delivery"
    else:
        key = "tax.added"
    if tax.rate is not None:
        key += "_rate"
        words["rate"] = fmt.percent(tax.rate, locale)
    thresholds = [
        label(
            language,
            "de_minimis.item"
            if item.measured_on == "order_value"
            else "de_minimis.item_tax_amount",
            what=label(language, f"de_minimis.{item.applies_to}"),
            amount=fmt.money(item.amount, item.currency, locale),
            source=item.source,
        )
        for item in customs.de_minimis
    ]
    return {
        "declared": customs.declaration,
        "terms": label(language, f"terms.{_terms(market)}"),
        "tax": label(language, key, **words),
        "thresholds": _bullets(thresholds),
        "has_thresholds": bool(thresholds),
    }


def _terms(market: Market) -> str:
    if market.customs.terms:
        return market.customs.terms
    return "domestic" if market.shipping.ships_from == market.country else "none"


def _returns(market: Market, language: str, locale: str) -> dict[str, Any]:
    returns = market.returns
    minimum = returns.legal_minimum
    if minimum.days and minimum.counted_in == "business_days":
        duration = _days(DayRange(min=minimum.days, max=minimum.days), language)
        legal = label(language, "legal_minimum.days", duration=duration, source=minimum.source)
    elif minimum.days:
        duration = fmt.duration(minimum.days, "days", locale)
        legal = label(language, "legal_minimum.days", duration=duration, source=minimum.source)
    else:
        legal = label(language, "legal_minimum.none", source=minimum.source)
    shipping = returns.return_shipping
    if shipping.cost is None:
        paid = label(language, "return_shipping.shop")
    else:
        cost = fmt.money(shipping.cost, market.currency, locale)
        paid = label(language, "return_shipping.customer", cost=cost)
    rows = [
        [label(language, f"method.{method}"), _days(days, language)]
        for method, days in returns.refund_days.items()
    ]
    return {
        "guarantee": guarantee(market, language, locale),
        "window": fmt.duration(returns.window_days, "days", locale),
        "legal_minimum": legal,
        "has_legal_minimum": bool(minimum.days),
        "return_shipping": paid,
        "refunds": _table([label(language, "head.method"), label(language, "head.refund")], rows),
    }


def guarantee(market: Market, language: str, locale: str) -> str:
    """The legal guarantee with its source: '2 years (BGB § 438 ...)'."""
    legal = market.returns.legal_guarantee
    if legal.amount is None:
        return label(language, "guarantee.none", source=legal.source)
    period = fmt.duration(legal.amount, legal.unit, locale)
    return label(language, "guarantee.period", period=period, source=legal.source)


def _privacy(data: MarketData, market: Market, language: str, locale: str) -> dict[str, Any]:
    privacy = market.privacy
    regime = data.regimes[privacy.regime]
    deadline = privacy.response_deadline
    rights = [f"{label(language, f'right.{r.right}')} ({r.source})" for r in regime.rights]
    fallback = market.default_locale
    authority = in_language(privacy.authority.name, language, fallback)
    return {
        "regime": in_language(regime.name, language, fallback),
        "law": in_language(regime.law, language, fallback),
        "authority": markdown_link(authority, privacy.authority.url),
        "authority_name": authority,
        "authority_url": privacy.authority.url,
        "deadline": fmt.duration(deadline.amount, deadline.unit, locale),
        "deadline_source": deadline.source,
        "rights": _bullets(rights),
        "do_not_sell": privacy.do_not_sell_link.required,
        "do_not_sell_source": privacy.do_not_sell_link.source,
        # A whole link: a placeholder is no link target in Markdown. Market pages live two
        # folders below the locale's root: markets/<code>/<topic>.md.
        "policy_link": Inline(
            f"[{markdown_text(label(language, 'privacy_policy'))}](<../../{regime.policy_page}>)"
        ),
    }


def in_language(text: str | dict[str, str], language: str, fallback: str) -> str:
    """A text given once, or per locale: this language's, else the fallback's, else the first."""
    if isinstance(text, str):
        return text
    return text.get(language) or text.get(fallback) or next(iter(text.values()))


def _support(market: Market, language: str, locale: str, today: date) -> dict[str, Any]:
    support = market.support
    rows = [
        [
            fmt.weekdays(hours.days, locale),
            fmt.clock_range(hours.opens, hours.closes, market.timezone, today, locale),
        ]
        for hours in support.hours
    ]
    upcoming = [day for day in support.holidays_closed if day >= today]
    phone = support.phone or ""
    return {
        "channels": fmt.listing(
            [label(language, f"channel.{c}") for c in support.channels], locale
        ),
        "has_phone": bool(phone),
        "phone": markdown_link(phone, f"tel:{e164(phone)}") if phone else "",
        "hours": _table([label(language, "head.days"), label(language, "head.hours")], rows),
        "holidays": _bullets(fmt.long_date(day, locale) for day in upcoming)
        if upcoming
        else Block(markdown_text(label(language, "no_holidays"))),
        "timezone": market.timezone,
    }


def _table(heads: list[str], rows: list[list[str]]) -> Block:
    lines = ["| " + " | ".join(markdown_text(head) for head in heads) + " |"]
    lines.append("|" + "---|" * len(heads))
    lines += ["| " + " | ".join(markdown_text(cell) for cell in row) + " |" for row in rows]
    return Block("\n".join(lines))


def _bullets(items) -> Block:
    return Block("\n".join(f"- {markdown_text(item)}" for item in items))
