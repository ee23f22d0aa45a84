"""Figures written the Vietnamese way: "1,2" (comma before decimals), "12.500" (dot per thousand)."""

from decimal import Decimal, InvalidOperation


def format_figure(value):
    """ "12", "1,2", "12.500", "3.400,75": no trailing zeros, Vietnamese separators."""
    if value is None:
        return ""
    value = Decimal(value)
    sign = "-" if value < 0 else ""
    text = f"{abs(value):f}"
    whole, _, decimals = text.partition(".")
    decimals = decimals.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    result = ".".join(groups)
    return f"{sign}{result},{decimals}" if decimals else f"{sign}{result}"


def parse_figure(text):
    """A figure as people write it ("1,2", "12.500", "350", "1.234,5") -> Decimal, or None.

    A single comma is the decimal mark; dots are thousands separators when every group after
    one has three digits ("12.500"), otherwise a lone dot is a decimal mark ("1.5")."""
    raw = str(text or "").strip().replace(" ", "").replace("\u00a0", "")
    if not raw:
        return None
    if "," in raw:
        raw = raw.replace(".", "").replace(",", ".", 1)
        if "," in raw:
            return None
    elif raw.count(".") >= 1:
        parts = raw.lstrip("-").split(".")
        if len(parts) > 2 or all(len(part) == 3 for part in parts[1:]) and len(parts[0]) <= 3:
            if not all(len(part) == 3 for part in parts[1:]):
                return None
            raw = raw.replace(".", "")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None
