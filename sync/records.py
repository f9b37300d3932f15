"""Validated records: what a row must hold before anything about it is sent to Odoo.

Columns of a customer row (the same names as CSV headers, JSON keys and YAML keys):

=================  =========================================================================
source_system      required; slug of the sending system: a lowercase letter, then lowercase
                   letters, digits or ``_``, 32 characters at most (``erp``, ``call_centre``)
key                required; the customer's id in that system, kept as given (1 to 64 chars)
name               required; 256 characters at most
is_company         yes/no
company_key        a contact's company, by that company's ``key``; a company has none
nit                Colombian NIT (see below)
country            ISO 3166-1 alpha-2 code (``CO``)
department         ISO 3166-2 subdivision of the country: ``ANT``, ``CO-ANT`` or ``Antioquia``
street, city       text
emails, phones     one or more, separated by ``;`` or ``,`` (or a list in JSON and YAML)
segment_code       text (whether the segment exists is checked against Odoo, not here)
market             text
stakeholder_group  customer, distributor, supplier, employee, shareholder, community, authority
salesperson_login  text
active             yes/no
=================  =========================================================================

Decisions:

- A column that is absent, empty or only spaces means "leave what Odoo has": the field is None.
  Only the exact token ``__CLEAR__`` blanks a field in Odoo; it is read as the sentinel `CLEAR`
  (test with `is_clear`). Required fields, the yes/no fields and ``country`` cannot be cleared.
- Yes/no values: true/false, yes/no, sí/si/no, 1/0, in any case.
- NIT: dots and spaces are ignored. With a dash, the digit after it is the check digit and must
  verify (``stdnum.co.nit.validate``); without a dash the whole value is the number and its check
  digit is computed. Normalised to ``NNNNNNNNN-D``. One case is never guessed: ten digits without
  a dash whose last is the check digit of the first nine (``9004123371``) are almost always a
  company's NIT and check digit written together, but may be a ten-digit identity number; the
  row is set aside, naming both readings and asking for the dash.
- Phones and departments are read in the record's country, Colombia when none is given
  (`CustomerRecord.effective_country`); ``country`` itself stays None when not given, as every
  absent field. Phones are stored in E.164. A Colombian landline written in the numbering plan
  before September 2021 (``+57 1 7451234``, ``(4) 444 5555``: a one-digit area code and seven
  digits) is converted to today's (60 + area code + the seven digits: ``+57 601 7451234``) and
  the conversion is noted on the record (`CustomerRecord.notes`) for the report. Departments
  are stored as the code without the country prefix (``ANT``, ``DC``), the code Odoo's
  ``res.country.state`` uses; "Bogotá", "Bogotá D.C." and a few other everyday Colombian names
  are accepted beside pycountry's.
- E-mails are normalised by email-validator (domain in lower case); repeated e-mails or phones
  are kept once. Text values lose their surrounding spaces; numbers given in JSON are read as
  text (a key ``1234``), booleans are not.
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from difflib import get_close_matches
from functools import lru_cache
from typing import Annotated, Any, Final, Literal, NoReturn, TypeVar, get_args

import phonenumbers
import pycountry
from email_validator import EmailNotValidError, validate_email
from pydantic import (
    BaseModel,
    ConfigDict,
    PlainSerializer,
    PlainValidator,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from stdnum.co import nit as co_nit
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as NumberError

from .sources import SourceRow

CLEAR_TOKEN: Final = "__CLEAR__"
DEFAULT_COUNTRY: Final = "CO"
#: How far in the future a moment may be: another system's clock may run a little ahead.
CLOCK_SKEW: Final = timedelta(minutes=5)

StakeholderGroup = Literal[
    "customer", "distributor", "supplier", "employee", "shareholder", "community", "authority"
]
STAKEHOLDER_GROUPS: Final = get_args(StakeholderGroup)

_SLUG = re.compile(r"[a-z][a-z0-9_]{0,31}")
_DIGITS = re.compile(r"[0-9]+")
#: A Colombian landline of the pre-2021 plan: country code optional, area code 1-8, 7 digits.
_OLD_CO_LANDLINE = re.compile(r"(?:\+?57)?\(?([1-8])\)?([0-9]{7})")
_LIST_SEPARATORS = re.compile(r"[;,]")
_YES = frozenset({"true", "yes", "sí", "si", "1"})
_NO = frozenset({"false", "no", "0"})
_YES_NO_HINT = "not a yes/no value (use true/false, yes/no, sí/no or 1/0)"
# Everyday names pycountry does not carry, by country, in the form `_folded` gives.
_DEPARTMENT_ALIASES: Final = {
    "CO": {"bogota": "DC", "bogota d c": "DC", "bogota dc": "DC", "san andres": "SAP"},
}


class Clear(enum.Enum):
    """Type of `CLEAR`: the value is to be blanked in Odoo."""

    CLEAR = CLEAR_TOKEN


CLEAR: Final = Clear.CLEAR


def is_clear(value: object) -> bool:
    """True for a field whose source said ``__CLEAR__``: blank it in Odoo."""
    return value is CLEAR


@dataclass(frozen=True)
class RowProblem:
    """Why one field of one row was refused, in words meant for the people who sent it."""

    file: str
    line: int
    field: str | None
    reason: str


# Messages ----------------------------------------------------------------------------------


def _shown(value: object, limit: int = 60) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _fail(info: ValidationInfo, value: object, what: str) -> NoReturn:
    raise ValueError(f"{info.field_name} '{_shown(value)}': {what}")


# Building blocks ---------------------------------------------------------------------------

_Validator = Callable[[Any, ValidationInfo], Any]


def _is_token(value: object) -> bool:
    return isinstance(value, str) and value.strip() == CLEAR_TOKEN


def _clearable(validate: _Validator) -> _Validator:
    def validator(value: Any, info: ValidationInfo) -> Any:
        return CLEAR if _is_token(value) else validate(value, info)

    return validator


def _kept(validate: _Validator) -> _Validator:
    """For fields that cannot be blanked: the token is refused with a reason."""

    def validator(value: Any, info: ValidationInfo) -> Any:
        if _is_token(value):
            _fail(info, value, "this field cannot be cleared")
        return validate(value, info)

    return validator


def _text(value: Any, info: ValidationInfo) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        _fail(info, value, f"expected text, got {_kind(value)}")
    return str(value).strip()


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def _bounded_text(max_length: int) -> _Validator:
    def validator(value: Any, info: ValidationInfo) -> str:
        text = _text(value, info)
        if len(text) > max_length:
            _fail(info, value, f"{len(text)} characters; at most {max_length} allowed")
        return text

    return validator


def _items(value: Any, info: ValidationInfo) -> list[str]:
    """The values of a list field: a list, or one text holding several separated by ; or ,."""
    pieces = value if isinstance(value, list | tuple) else [value]
    items: list[str] = []
    for piece in pieces:
        items.extend(part.strip() for part in _LIST_SEPARATORS.split(_text(piece, info)))
    return [item for item in items if item]


def _once(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _folded(text: str) -> str:
    """Lower case, no accents, punctuation as spaces: ``Bogotá, D.C.`` → ``bogota d c``."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in plain if not unicodedata.combining(char)).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def _country_of(info: ValidationInfo) -> str | None:
    """The country to read phones and departments in; None when the country itself failed."""
    if "country" not in info.data:
        return None
    return info.data["country"] or DEFAULT_COUNTRY


# Field validators --------------------------------------------------------------------------


def _slug(value: Any, info: ValidationInfo) -> str:
    text = _text(value, info)
    if not _SLUG.fullmatch(text):
        _fail(
            info,
            value,
            "must be a lowercase letter, then lowercase letters, digits or _ (32 at most)",
        )
    return text


def _yes_no(value: Any, info: ValidationInfo) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    word = value.strip().casefold() if isinstance(value, str) else None
    if word in _YES:
        return True
    if word in _NO:
        return False
    _fail(info, value, _YES_NO_HINT)


def _nit(value: Any, info: ValidationInfo) -> str:
    text = _text(value, info)
    number, dash, check = (part.strip() for part in text.partition("-"))
    number = number.replace(".", "").replace(" ", "")
    if not _DIGITS.fullmatch(number) or "-" in check:
        _fail(info, value, "a NIT holds digits, dots and spaces, then a dash and its check digit")
    if dash and not re.fullmatch(r"[0-9]", check):
        _fail(info, value, "after the dash comes one check digit")
    if not 7 <= len(number) <= 15:
        _fail(info, value, f"{len(number)} digits before the check digit; a NIT has 7 to 15")
    expected = co_nit.calc_check_digit(number)
    if not dash and len(number) == 10 and number[9] == co_nit.calc_check_digit(number[:9]):
        _fail(
            info,
            value,
            f"NIT {number[:9]} with check digit {number[9]}, or the ten-digit number {number}? "
            f"Write the check digit after a dash: {number[:9]}-{number[9]} or {number}-{expected}",
        )
    if dash:
        try:
            co_nit.validate(number + check)
        except InvalidChecksum:
            _fail(info, value, f"check digit should be {expected}")
        except NumberError as exc:
            _fail(info, value, f"not a NIT ({exc})")
    return f"{number}-{expected}"


def _emails(value: Any, info: ValidationInfo) -> tuple[str, ...] | None:
    found, wrong = [], []
    for item in _items(value, info):
        try:
            found.append(validate_email(item, check_deliverability=False).normalized)
        except EmailNotValidError as exc:
            wrong.append(f"'{_shown(item)}': {exc}")
    if wrong:
        raise ValueError(f"{info.field_name} " + "; ".join(wrong))
    return _once(found) or None


def _phones(value: Any, info: ValidationInfo) -> tuple[str, ...] | None:
    region = _country_of(info)
    items = _items(value, info)
    if region is None:
        return tuple(items)
    found, wrong = [], []
    for item in items:
        number = _phone(item, region)
        if number is None and (region == "CO" or item.lstrip().startswith("+57")):
            number = _old_colombian_landline(item)
            if number is not None:
                _note(info, f"'{_shown(item)}' is a landline of the pre-2021 plan, now {number}")
        if number is None:
            wrong.append(f"'{_shown(item)}': not a valid phone number in {region}")
        else:
            found.append(number)
    if wrong:
        raise ValueError(f"{info.field_name} " + "; ".join(wrong))
    return _once(found) or None


def _phone(text: str, region: str) -> str | None:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _old_colombian_landline(text: str) -> str | None:
    """Today's number (E.164) of a Colombian landline written in the plan before September 2021,
    where 60 was put before the one-digit area code (CRC, Resolución 5826 de 2019); None when
    the text is not one."""
    match = _OLD_CO_LANDLINE.fullmatch(re.sub(r"[\s.\-]", "", text))
    return _phone(f"60{match[1]}{match[2]}", "CO") if match else None


def _note(info: ValidationInfo, text: str) -> None:
    """Keep a note of a value changed on the way in, for the report (see `validate_customer`)."""
    if isinstance(info.context, dict):
        info.context.setdefault("notes", []).append((info.field_name, text))


def _country(value: Any, info: ValidationInfo) -> str:
    code = _text(value, info).upper()
    if not re.fullmatch(r"[A-Z]{2}", code) or pycountry.countries.get(alpha_2=code) is None:
        _fail(info, value, "not an ISO 3166-1 alpha-2 country code (such as CO)")
    return code


def _department(value: Any, info: ValidationInfo) -> str:
    text = _text(value, info)
    country = _country_of(info)
    if country is None:
        return text
    code = _subdivisions(country).get(_folded(text))
    if code is None:
        _fail(info, value, f"no such department in {country} (give a code such as ANT or a name)")
    return code


@lru_cache(maxsize=32)
def _subdivisions(country: str) -> dict[str, str]:
    """Folded code, prefixed code and name of each subdivision → its code without prefix."""
    lookup: dict[str, str] = {}
    for subdivision in pycountry.subdivisions.get(country_code=country) or ():
        short = subdivision.code.split("-", 1)[1]
        for spelling in (short, subdivision.code, subdivision.name):
            lookup[_folded(spelling)] = short
    lookup.update(_DEPARTMENT_ALIASES.get(country, {}))
    return lookup


def _stakeholder_group(value: Any, info: ValidationInfo) -> str:
    group = _text(value, info).casefold()
    if group not in STAKEHOLDER_GROUPS:
        _fail(info, value, "must be one of " + ", ".join(STAKEHOLDER_GROUPS))
    return group


def _one_email(value: Any, info: ValidationInfo) -> str:
    found = _emails(value, info) or ()
    if len(found) != 1:
        _fail(info, value, "one e-mail address, not a list")
    return found[0]


def _timestamp(value: Any, info: ValidationInfo) -> datetime:
    """An ISO 8601 moment with its offset (``2026-11-30T14:05:00-05:00``, ``…Z``), in UTC. A
    time without a zone is refused: whether it is Bogotá's or UTC moves it five hours, and the
    legal term may count from the wrong day. So is a moment later than now (beyond a clock's
    few minutes of drift)."""
    if isinstance(value, datetime):
        moment = value
    else:
        text = _text(value, info)
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            _fail(info, value, "not a date and time (ISO 8601: 2026-11-30T14:05:00-05:00)")
    if moment.tzinfo is None or moment.utcoffset() is None:
        _fail(info, value, "has no time zone: write its offset (-05:00 for Bogotá) or Z for UTC")
    moment = moment.astimezone(timezone.utc)
    if moment > datetime.now(timezone.utc) + CLOCK_SKEW:
        _fail(info, value, "is in the future")
    return moment


def _company_key(value: Any, info: ValidationInfo) -> str:
    key = _bounded_text(64)(value, info)
    if info.data.get("is_company") is True:
        _fail(info, value, "a company cannot belong to another company")
    if key == info.data.get("key"):
        _fail(info, value, "a contact cannot be its own company")
    return key


Name = Annotated[str, PlainValidator(_kept(_bounded_text(256)))]
Key = Annotated[str, PlainValidator(_kept(_bounded_text(64)))]
Slug = Annotated[str, PlainValidator(_kept(_slug))]
YesNo = Annotated[bool | None, PlainValidator(_kept(_yes_no))]
ClearableText = Annotated[str | Clear | None, PlainValidator(_clearable(_text))]
Nit = Annotated[str | None, PlainValidator(_kept(_nit))]
Code = Annotated[str, PlainValidator(_kept(_bounded_text(32)))]
OptionalKey = Annotated[str | None, PlainValidator(_kept(_bounded_text(64)))]
OptionalSlug = Annotated[str | None, PlainValidator(_kept(_slug))]
Subject = Annotated[str, PlainValidator(_kept(_bounded_text(200)))]
LongText = Annotated[str | None, PlainValidator(_kept(_bounded_text(20000)))]
Timestamp = Annotated[datetime, PlainValidator(_kept(_timestamp))]
OneEmail = Annotated[str | None, PlainValidator(_kept(_one_email))]


def _json_list(value: object) -> object:
    """JSON form of a list field, set explicitly: pydantic's own trips on the tuple/CLEAR union."""
    if value is CLEAR:
        return CLEAR_TOKEN
    return list(value) if isinstance(value, tuple) else value


_LIST_AS_JSON = PlainSerializer(_json_list, when_used="json")
Emails = Annotated[
    tuple[str, ...] | Clear | None, PlainValidator(_clearable(_emails)), _LIST_AS_JSON
]
Phones = Annotated[
    tuple[str, ...] | Clear | None, PlainValidator(_clearable(_phones)), _LIST_AS_JSON
]


# The record --------------------------------------------------------------------------------


class SyncRecord(BaseModel):
    """What every job's record shares: who sent it under which key, blanks as "not given",
    the notes of conversions and a content hash. Subclasses declare their columns."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    source_system: Slug
    key: Key
    _notes: tuple[tuple[str, str], ...] = PrivateAttr(default=())

    @model_validator(mode="before")
    @classmethod
    def _drop_absent(cls, data: Any) -> Any:
        """None and blank values mean "not given": the field keeps its default.

        Unknown columns stay, blank or not, so that they are reported.
        """
        if not isinstance(data, dict):
            return data
        return {
            name: value
            for name, value in data.items()
            if name not in cls.model_fields or not _blank(value)
        }

    @property
    def notes(self) -> tuple[tuple[str, str], ...]:
        """(field, text) of every value changed on the way in beyond plain normalising, such as a
        landline converted from the pre-2021 plan: what the report tells the sender."""
        return self._notes

    def content_hash(self) -> str:
        """SHA-256 of the normalised record; equal for rows that would write the same thing.

        Fields left unset do not count, so an optional field added later keeps old hashes.
        """
        data = self.model_dump(mode="json", exclude_none=True)
        text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


class CustomerRecord(SyncRecord):
    """A company or contact as another system describes it, checked and normalised.

    ``country`` comes before ``department`` and ``phones`` because they are read in it.
    """

    name: Name
    is_company: YesNo = None
    company_key: Annotated[str | Clear | None, PlainValidator(_clearable(_company_key))] = None
    nit: Annotated[str | Clear | None, PlainValidator(_clearable(_nit))] = None
    country: Annotated[str | None, PlainValidator(_kept(_country))] = None
    department: Annotated[str | Clear | None, PlainValidator(_clearable(_department))] = None
    street: ClearableText = None
    city: ClearableText = None
    emails: Emails = None
    phones: Phones = None
    segment_code: ClearableText = None
    market: ClearableText = None
    stakeholder_group: Annotated[
        StakeholderGroup | Clear | None, PlainValidator(_clearable(_stakeholder_group))
    ] = None
    salesperson_login: ClearableText = None
    active: YesNo = None

    @property
    def effective_country(self) -> str:
        """The country phones and the department were read in."""
        return self.country or DEFAULT_COUNTRY


COLUMNS: Final = tuple(CustomerRecord.model_fields)
AnyRecord = TypeVar("AnyRecord", bound=SyncRecord)


# From a row to a record or its problems ------------------------------------------------------


def validate_customer(row: SourceRow) -> CustomerRecord | list[RowProblem]:
    """The row as a customer record, or one problem per failing field."""
    return validate_row(CustomerRecord, row)


def validate_row(model: type[AnyRecord], row: SourceRow) -> AnyRecord | list[RowProblem]:
    """The row as a ``model`` record, or one problem per failing field (never a raw pydantic
    dump). Validators note conversions in the context's ``notes`` (`SyncRecord.notes`)."""
    context: dict[str, list[tuple[str, str]]] = {"notes": []}
    try:
        record = model.model_validate(row.values, context=context)
    except ValidationError as exc:
        return _problems(row, exc, tuple(model.model_fields))
    record._notes = tuple(context["notes"])
    return record


def _problems(row: SourceRow, exc: ValidationError, columns: tuple[str, ...]) -> list[RowProblem]:
    reasons: dict[str | None, list[str]] = {}
    for error in exc.errors(include_url=False):
        field = str(error["loc"][0]) if error["loc"] else None
        reasons.setdefault(field, []).append(_reason(field, error, columns))
    return [
        RowProblem(row.file, row.line, field, "; ".join(texts)) for field, texts in reasons.items()
    ]


def _reason(field: str | None, error: Any, columns: tuple[str, ...]) -> str:
    kind = error["type"]
    if kind == "missing":
        return f"{field} is required"
    if kind == "extra_forbidden":
        return _unknown_column(str(field), columns)
    if kind == "value_error":
        return str(error["ctx"]["error"])
    return f"{field or 'row'} '{_shown(error['input'])}': {error['msg']}"


def _unknown_column(name: str, columns: tuple[str, ...]) -> str:
    guesses = get_close_matches(name, columns, n=1)
    hint = f" (did you mean '{guesses[0]}'?)" if guesses else ""
    return f"unknown column '{name}'{hint}"
