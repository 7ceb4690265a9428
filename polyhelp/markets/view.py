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
from polyhelp.locales.digits import number
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
        return label(language, "days.exact", days.min, n=number(days.min, language))
    return label(
        language,
        "days.range",
        min=number(days.min, language),
        max=number(days.max, language),
    )


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
        carrier = in_language(option.carrier, language, market.default_locale)
        values[option.service] = {
            "name": name,
            "carrier": carrier,
            "price": price,
            "free_from": free,
            "delivery": delivery,
        }
        rows.append([name, carrier, delivery, price, free])
    heads = ("option", "carrier", "delivery", "price", "free_from")
    values["options"] = table([label(language, f"head.{h}") for h in heads], rows)
    return values


# How a customs threshold is worded: on the order's value, or on the charge itself.
_THRESHOLD_WORDS = {"order_value": "de_minimis.item", "charge": "de_minimis.item_tax_amount"}


def _customs(market: Market, language: str, locale: str) -> dict[str, Any]:
    customs = market.customs
    tax = customs.tax
    words = {
        "tax": label(language, f"tax.{tax.kind}"),
        "source": in_language(tax.source, language, market.default_locale),
    }
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
            _THRESHOLD_WORDS[item.measured_on],
            what=label(language, f"de_minimis.{item.applies_to}"),
            amount=fmt.money(item.amount, item.currency, locale),
            source=in_language(item.source, language, market.default_locale),
        )
        for item in customs.de_minimis
    ]
    return {
        "declared": customs.declaration,
        "terms": label(language, f"terms.{customs_terms(market)}"),
        "tax": label(language, key, **words),
        "thresholds": _bullets(thresholds),
        "has_thresholds": bool(thresholds),
    }


def customs_terms(market: Market) -> str:
    """DDP or DAP where declared; else 'domestic' (shipped within the country) or 'none'."""
    if market.customs.terms:
        return market.customs.terms
    return "domestic" if market.shipping.ships_from == market.country else "none"


def _returns(market: Market, language: str, locale: str) -> dict[str, Any]:
    returns = market.returns
    minimum = returns.legal_minimum
    source = in_language(minimum.source, language, market.default_locale)
    if minimum.days and minimum.counted_in == "business_days":
        duration = _days(DayRange(min=minimum.days, max=minimum.days), language)
        legal = label(language, "legal_minimum.days", duration=duration, source=source)
    elif minimum.days:
        duration = fmt.duration(minimum.days, "days", locale)
        legal = label(language, "legal_minimum.days", duration=duration, source=source)
    else:
        legal = label(language, "legal_minimum.none", source=source)
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
        "legal_refund": legal_refund(market, language, locale),
        "has_legal_refund": returns.legal_refund is not None,
        "return_shipping": paid,
        "refunds": table([label(language, "head.method"), label(language, "head.refund")], rows),
    }


def guarantee(market: Market, language: str, locale: str) -> str:
    """The legal guarantee with its source: '2 Jahre (§ 438 Abs. 1 Nr. 3 BGB ...)'."""
    legal = market.returns.legal_guarantee
    source = in_language(legal.source, language, market.default_locale)
    if legal.amount is None:
        return label(language, "guarantee.none", source=source)
    period = fmt.duration(legal.amount, legal.unit, locale)
    return label(language, "guarantee.period", period=period, source=source)


def legal_refund(market: Market, language: str, locale: str) -> str:
    """When the law says a customer who withdraws gets their money back, as a sentence.

    'By law, we must refund you within 14 days of the day you tell us you are withdrawing
    ...', or the 'none' sentence where the law gives no right of withdrawal.
    """
    refund = market.returns.legal_refund
    if refund is None:
        source = in_language(market.returns.legal_minimum.source, language, market.default_locale)
        return label(language, "legal_refund.none", source=source)
    source = in_language(refund.source, language, market.default_locale)
    if refund.days is None:
        return label(language, "legal_refund.no_deadline", source=source)
    duration = fmt.duration(refund.days, "days", locale)
    if refund.counted_from == "goods_back":
        key = "legal_refund.days_after_return"
    elif refund.withhold_until_returned:
        key = "legal_refund.days_withhold"
    else:
        key = "legal_refund.days"
    return label(language, key, duration=duration, source=source)


def _privacy(data: MarketData, market: Market, language: str, locale: str) -> dict[str, Any]:
    privacy = market.privacy
    regime = data.regimes[privacy.regime]
    deadline = privacy.response_deadline
    fallback = market.default_locale
    rights = [
        f"{label(language, f'right.{r.right}')} ({regime.citation(r, language, fallback)})"
        for r in regime.rights
    ]
    authority = in_language(privacy.authority.name, language, fallback)
    link = privacy.do_not_sell_link
    scope = regime.scope
    if scope is None:
        scoped = ""
    else:
        region = in_language(scope.residents_of, language, fallback)
        country = fmt.country_name(market.country, language)
        scoped = label(language, f"privacy_scope.{scope.elsewhere}", region=region, country=country)
    return {
        "regime": in_language(regime.name, language, fallback),
        "law": in_language(regime.law, language, fallback),
        "authority": markdown_link(authority, privacy.authority.url),
        "authority_name": authority,
        "authority_url": privacy.authority.url,
        "deadline": fmt.duration(deadline.amount, deadline.unit, locale),
        "deadline_source": in_language(deadline.source, language, fallback),
        "rights": _bullets(rights),
        "is_regional": scope is not None,
        "scope": scoped,
        "do_not_sell": link.required,
        "sells_or_shares": bool(link.sells_or_shares),
        "do_not_sell_source": in_language(link.source, language, fallback),
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
        "hours": table([label(language, "head.days"), label(language, "head.hours")], rows),
        "holidays": _bullets(fmt.long_date(day, locale) for day in upcoming)
        if upcoming
        else Block(markdown_text(label(language, "no_holidays"))),
        "timezone": market.timezone,
    }


def table(heads: list[str], rows: list[list[str]]) -> Block:
    """A Markdown table; every cell is data made literal, except an Inline (a link built
    from escaped parts), which stands as it is."""

    def cell(value: str) -> str:
        return value if isinstance(value, Inline) else markdown_text(value)

    lines = ["| " + " | ".join(markdown_text(head) for head in heads) + " |"]
    lines.append("|" + "---|" * len(heads))
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    return Block("\n".join(lines))


def _bullets(items) -> Block:
    return Block("\n".join(f"- {markdown_text(item)}" for item in items))
