"""Tracking codes: short, unguessable, easy to read out over the phone.

Ten characters from an alphabet without look-alikes (no 0/O, 1/I/L, U/V), shown in groups
"K7MX-Q4RT-9B"; about 48 bits, so guessing one among a million stored codes takes ~2^28 tries
per hit, against lookups limited per address and a contact that must match as well.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
LENGTH = 10
_NOT_CODE = re.compile(r"[^0-9A-Z]")


def new_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display(code):
    """ "K7MXQ4RT9B" -> "K7MX-Q4RT-9B"."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalize(typed):
    """What a citizen typed ("k7mx q4rt-9b", "K7MX–Q4RT–9B") -> "K7MXQ4RT9B"; "" when it
    cannot be a code (wrong length, letters outside the alphabet)."""
    value = _NOT_CODE.sub("", str(typed or "").upper())
    if len(value) != LENGTH or any(char not in ALPHABET for char in value):
        return ""
    return value


def normalize_phone(value):
    """Digits only, "+84 912 345 678" and "0912.345.678" alike -> "0912345678"."""
    digits = re.sub(r"\D", "", str(value or ""))
    if digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    return digits


def normalize_contact(value):
    """A phone number or an e-mail address as the lookup compares it."""
    value = str(value or "").strip()
    if "@" in value:
        return value.casefold()
    return normalize_phone(value)
