"""Vietnamese numbers: "," for decimals, "." for thousands (99,5; 1.500; 2.340.000 đ)."""

from decimal import Decimal


def number_text(value: Decimal) -> str:
    """Vietnamese number: "," for decimals, "." for thousands, no trailing zeros (99,5; 1.500; 344)."""
    value = Decimal(value).normalize()
    sign = "-" if value < 0 else ""
    whole, _, fraction = f"{abs(value):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def money_text(amount) -> str:
    """ "2.340.000 đ": whole đồng with thousands grouped by dots."""
    return f"{number_text(Decimal(int(amount)))} đ"


def decimal_text(value) -> str:
    """ "99,5", "1500", "": a decimal comma and no grouping, as typed into a form field and read back."""
    if value in (None, ""):
        return ""
    return f"{Decimal(str(value)).normalize():f}".replace(".", ",")


def count_text(count: int) -> str:
    """A count as official documents write it: "01", "05", "12", "1.500" (below ten with a leading zero)."""
    return f"{count:02d}" if 0 <= count < 10 else number_text(Decimal(count))
