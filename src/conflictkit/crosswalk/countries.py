"""Country numbers the formats use: ISO 3166-1 numeric (ACLED) and Gleditsch–Ward (UCDP GED).

conflictkit stores countries as ISO 3166-1 alpha-2 codes. ACLED's ``iso`` column holds the ISO
numeric code without leading zeros (Afghanistan ``4``); UCDP GED's ``country_id`` holds the
Gleditsch–Ward state number (Afghanistan ``700``), which is *not* an ISO code.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType

from conflictkit.core.errors import ValidationError
from conflictkit.values.countries import _pycountry, country_code

__all__ = [
    "GLEDITSCH_WARD",
    "alpha2_from_gleditsch_ward",
    "alpha2_from_iso_numeric",
    "country_matches",
    "gleditsch_ward_from_alpha2",
    "iso_numeric_from_alpha2",
]


@functools.lru_cache(maxsize=512)
def alpha2_from_iso_numeric(number: int) -> str:
    """The alpha-2 code of an ISO 3166-1 numeric code, as ACLED writes it (no leading zeros).

    >>> from conflictkit.crosswalk.countries import *
    >>> alpha2_from_iso_numeric(4), alpha2_from_iso_numeric(762)
    ('AF', 'TJ')
    >>> alpha2_from_iso_numeric(999)
    Traceback (most recent call last):
    ...
    conflictkit.core.errors.ValidationError: 1 problem:
      $: 999 is not an ISO 3166-1 numeric country code
    """
    found = _pycountry().countries.get(numeric=f"{number:03d}") if 0 <= number <= 999 else None
    if found is None:
        raise ValidationError.at(f"{number} is not an ISO 3166-1 numeric country code")
    return str(found.alpha_2)


@functools.lru_cache(maxsize=512)
def iso_numeric_from_alpha2(code: str) -> int:
    """The ISO 3166-1 numeric code of an alpha-2 code, as a number.

    >>> from conflictkit.crosswalk.countries import *
    >>> iso_numeric_from_alpha2("AF"), iso_numeric_from_alpha2("TJ")
    (4, 762)
    """
    found = _pycountry().countries.get(alpha_2=code)
    if found is None:
        raise ValidationError.at(f"{code!r} is not an ISO 3166-1 alpha-2 country code")
    return int(found.numeric)


@functools.lru_cache(maxsize=1024)
def country_matches(alpha2: str, name: str) -> bool:
    """Whether a country ``name`` as a format writes it may be the country ``alpha2``.

    A name no lookup recognises (the formats have their own spellings) is not held against the code;
    a name that resolves to another country is.

    >>> from conflictkit.crosswalk.countries import *
    >>> country_matches("TJ", "Tajikistan"), country_matches("TJ", "Afghanistan")
    (True, False)
    >>> country_matches("CD", "Democratic Republic of Congo")
    True
    """
    try:
        return country_code(name) == alpha2
    except ValidationError:
        return True


GLEDITSCH_WARD: Mapping[int, str] = MappingProxyType(
    {
        2: "US", 20: "CA", 31: "BS", 40: "CU", 41: "HT", 42: "DO", 51: "JM", 52: "TT", 53: "BB",
        70: "MX", 80: "BZ", 90: "GT", 91: "HN", 92: "SV", 93: "NI", 94: "CR", 95: "PA", 100: "CO",
        101: "VE", 110: "GY", 115: "SR", 130: "EC", 135: "PE", 140: "BR", 145: "BO", 150: "PY",
        155: "CL", 160: "AR", 165: "UY", 200: "GB", 205: "IE", 210: "NL", 211: "BE", 212: "LU",
        220: "FR", 225: "CH", 230: "ES", 235: "PT", 255: "DE", 290: "PL", 305: "AT", 310: "HU",
        316: "CZ", 317: "SK", 325: "IT", 338: "MT", 339: "AL", 340: "RS", 341: "ME", 343: "MK",
        344: "HR", 345: "RS", 346: "BA", 347: "XK", 349: "SI", 350: "GR", 352: "CY", 355: "BG",
        359: "MD", 360: "RO", 365: "RU", 366: "EE", 367: "LV", 368: "LT", 369: "UA", 370: "BY",
        371: "AM", 372: "GE", 373: "AZ", 375: "FI", 380: "SE", 385: "NO", 390: "DK", 395: "IS",
        402: "CV", 403: "ST", 404: "GW", 411: "GQ", 420: "GM", 432: "ML", 433: "SN", 434: "BJ",
        435: "MR", 436: "NE", 437: "CI", 438: "GN", 439: "BF", 450: "LR", 451: "SL", 452: "GH",
        461: "TG", 471: "CM", 475: "NG", 481: "GA", 482: "CF", 483: "TD", 484: "CG", 490: "CD",
        500: "UG", 501: "KE", 510: "TZ", 516: "BI", 517: "RW", 520: "SO", 522: "DJ", 530: "ET",
        531: "ER", 540: "AO", 541: "MZ", 551: "ZM", 552: "ZW", 553: "MW", 560: "ZA", 565: "NA",
        570: "LS", 571: "BW", 572: "SZ", 580: "MG", 581: "KM", 590: "MU", 591: "SC", 600: "MA",
        615: "DZ", 616: "TN", 620: "LY", 625: "SD", 626: "SS", 630: "IR", 640: "TR", 645: "IQ",
        651: "EG", 652: "SY", 660: "LB", 663: "JO", 666: "IL", 670: "SA", 678: "YE", 690: "KW",
        692: "BH", 694: "QA", 696: "AE", 698: "OM", 700: "AF", 701: "TM", 702: "TJ", 703: "KG",
        704: "UZ", 705: "KZ", 710: "CN", 712: "MN", 713: "TW", 731: "KP", 732: "KR", 740: "JP",
        750: "IN", 760: "BT", 770: "PK", 771: "BD", 775: "MM", 780: "LK", 781: "MV", 790: "NP",
        800: "TH", 811: "KH", 812: "LA", 816: "VN", 820: "MY", 830: "SG", 835: "BN", 840: "PH",
        850: "ID", 860: "TL", 900: "AU", 910: "PG", 920: "NZ", 940: "SB", 950: "FJ",
    }
)  # fmt: skip
"""Gleditsch–Ward state numbers of today's states, to ISO 3166-1 alpha-2 codes.

Two numbers name Serbia: 345 (Yugoslavia, Serbia and Montenegro, until 2006, as UCDP still codes
events there) and 340 (Serbia since). Kosovo (347) has no ISO code of its own; ``XK`` is the code
in common use, which pycountry does not know, so a location there keeps no country code.
"""

_PREFERRED = {"RS": 345}  # UCDP GED codes Serbia as 345, Yugoslavia's number


def alpha2_from_gleditsch_ward(number: int) -> str:
    """The ISO alpha-2 code of a Gleditsch–Ward state number.

    >>> from conflictkit.crosswalk.countries import *
    >>> alpha2_from_gleditsch_ward(700), alpha2_from_gleditsch_ward(702)
    ('AF', 'TJ')
    >>> alpha2_from_gleditsch_ward(4)
    Traceback (most recent call last):
    ...
    conflictkit.core.errors.ValidationError: 1 problem:
      $: 4 is not a Gleditsch–Ward state number of a state today (Afghanistan is 700, Tajikistan 702)
    """
    try:
        return GLEDITSCH_WARD[number]
    except KeyError:
        message = f"{number} is not a Gleditsch–Ward state number of a state today"
        raise ValidationError.at(f"{message} (Afghanistan is 700, Tajikistan 702)") from None


_BY_ALPHA2 = {alpha2: number for number, alpha2 in sorted(GLEDITSCH_WARD.items(), reverse=True)}
_BY_ALPHA2.update(_PREFERRED)


def gleditsch_ward_from_alpha2(code: str) -> int:
    """The Gleditsch–Ward number of a country's ISO alpha-2 code.

    >>> from conflictkit.crosswalk.countries import *
    >>> gleditsch_ward_from_alpha2("AF"), gleditsch_ward_from_alpha2("RS")
    (700, 345)
    """
    try:
        return _BY_ALPHA2[code]
    except KeyError:
        raise ValidationError.at(f"{code!r} has no Gleditsch–Ward state number") from None
