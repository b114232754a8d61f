"""Numbers and dates as a reader of the document's language writes them (Babel), and working days."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from digimandate.i18n import Lang, t

_LOCALE = {"nl": "nl_NL", "en": "en_GB"}


def number(value: float, lang: Lang, digits: int = 1) -> str:
    """A number with the decimal mark of the language: "12,3" in Dutch, "12.3" in English."""
    return _number(round(value, digits), lang, digits)


# A document writes the same few numbers and dates many times, and Babel parses its locale and pattern each time.
@lru_cache(maxsize=4096)
def _number(value: float, lang: Lang, digits: int) -> str:
    from babel.numbers import format_decimal  # Babel only on the document path

    return str(format_decimal(value, format=f"#,##0.{'#' * digits}" if digits else "#,##0", locale=_LOCALE[lang]))


def count(value: int, lang: Lang) -> str:
    """A whole number with the thousands separator of the language: "40.000" or "40,000"."""
    return number(value, lang, 0)


@lru_cache(maxsize=1024)
def percent(share: float, lang: Lang) -> str:
    """A share as a whole percentage: "93%"."""
    from babel.numbers import format_percent

    return str(format_percent(share, format="#,##0%", locale=_LOCALE[lang]))


@lru_cache(maxsize=1024)
def long_date(day: date, lang: Lang) -> str:
    """A date in words: "2 mei 2027" or "2 May 2027"."""
    from babel.dates import format_date

    return str(format_date(day, format="d MMMM y", locale=_LOCALE[lang]))


def _easter(year: int) -> date:
    """Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


def holidays(year: int) -> set[date]:
    """Dutch public holidays on which offices are closed."""
    easter = _easter(year)
    kings = date(year, 4, 27)
    if kings.weekday() == 6:  # Koningsdag moves to Saturday when the 27th is a Sunday
        kings = date(year, 4, 26)
    days = {date(year, 1, 1), kings, date(year, 12, 25), date(year, 12, 26),
            easter + timedelta(days=1), easter + timedelta(days=39), easter + timedelta(days=50)}
    if year % 5 == 0:  # Bevrijdingsdag is a day off for government staff once every five years
        days.add(date(year, 5, 5))
    return days


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later (or earlier); the month's last day where it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = (date(year + (month == 11), (month + 1) % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month + 1, min(day.day, last))


def working_day(day: date) -> date:
    """The day itself when it is a working day, else the next working day."""
    while day.weekday() >= 5 or day in holidays(day.year):
        day += timedelta(days=1)
    return day


def spelled(n: int, lang: Lang) -> str:
    """A count in running text: one to twelve in words ("één", "twee", "two"); 0 and from 13 on in figures.

    The one helper for the counts a document's sentence says (Dutch and English style guides alike);
    ``common.counted`` writes a count with its noun through it.
    """
    from digimandate.i18n import t

    words = t("doc_number_words", lang).split("|")
    return words[n - 1] if 1 <= n <= len(words) else count(n, lang)


def duration(days: int, lang: Lang) -> str:
    """An age or a period as a reader says it: "ruim anderhalf jaar", "bijna drie maanden", "12 dagen"."""
    from digimandate.i18n import counted, t

    if days < 45:
        return counted(days, "doc_noun_day", lang)
    if days < 335:  # up to eleven months: in months
        months = days / (365.25 / 12)
        whole = round(months)
        said = t("doc_dur_one_month", lang) if whole == 1 else f"{spelled(whole, lang)} {t('doc_dur_months', lang)}"
        return _roughly(months - whole, 0.25, said, lang)
    years = days / 365.25
    halves = round(years * 2)
    if halves % 2:  # "anderhalf jaar", "tweeënhalf jaar": Dutch has words of their own
        forms = t("doc_dur_halves", lang).split("|")
        said = forms[halves // 2] if halves // 2 < len(forms) else _half(halves, lang)
    else:
        whole = halves // 2
        said = t("doc_dur_one_year", lang) if whole == 1 else f"{spelled(whole, lang)} {t('doc_dur_years', lang)}"
    return _roughly(years - halves / 2, 0.08, said, lang)


def _half(halves: int, lang: Lang) -> str:
    """"7,5 jaar" where no word is at hand."""
    from digimandate.i18n import t

    return f"{number(halves / 2, lang)} {t('doc_dur_years', lang)}"


def _roughly(diff: float, margin: float, said: str, lang: Lang) -> str:
    """"ruim ..." when clearly more, "bijna ..." when clearly less."""
    from digimandate.i18n import t

    if diff > margin:
        return t("doc_dur_over", lang, period=said)
    if diff < -margin:
        return t("doc_dur_under", lang, period=said)
    return said


EVERY = ((7, "doc_every_week"), (30, "doc_every_month"), (31, "doc_every_month"), (90, "doc_every_quarter"),
         (91, "doc_every_quarter"), (92, "doc_every_quarter"), (180, "doc_every_half_year"),
         (182, "doc_every_half_year"), (183, "doc_every_half_year"), (365, "doc_every_year"), (366, "doc_every_year"))


def every(days: int, lang: Lang) -> str:
    """How often, for a norm given in days: "jaarlijks", "eens per twee jaar", "eens per 45 dagen"."""
    from digimandate.i18n import t

    named = dict(EVERY).get(days)
    if named:
        return t(named, lang)
    if days >= 365 and days % 365 in (0, 1, 2):
        return t("doc_every_years", lang, n=spelled(days // 365, lang))
    return t("doc_every_days", lang, n=count(days, lang))


def joined(parts: list[str], lang: Lang) -> str:
    """"a, b en c" / "a, b and c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {t('doc_and', lang)} " + parts[-1]
