"""Spreadsheet cells the public downloads (CSV, .xlsx): the one defence against formula
injection (OWASP "CSV Injection"), shared by every export of the site."""

# A cell starting with one of these is read as a formula (or shifts into one) by Excel,
# LibreOffice or Google Sheets: = + - @, tab and carriage return (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard(value):
    """Text for a spreadsheet cell that no spreadsheet program runs as a formula."""
    value = "" if value is None else str(value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value
