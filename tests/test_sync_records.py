"""Customer rows become validated records, or problems that name the line, the field and value."""

from pathlib import Path

import pytest
from pydantic import ValidationError
from stdnum.co import nit as co_nit

from sync.records import (
    CLEAR,
    STAKEHOLDER_GROUPS,
    CustomerRecord,
    RowProblem,
    is_clear,
    validate_customer,
)
from sync.sources import SourceError, SourceRow, read_rows

CORPUS = Path(__file__).parent / "data" / "sync" / "customers"
EXAMPLES = Path(__file__).parent.parent / "examples"
BASE = {"source_system": "erp", "key": "C-1", "name": "Acme S.A.S."}

Outcome = CustomerRecord | list[RowProblem] | SourceError


def validated(**values: object) -> CustomerRecord | list[RowProblem]:
    return validate_customer(SourceRow("customers.csv", 7, {**BASE, **values}))


def record(**values: object) -> CustomerRecord:
    result = validated(**values)
    assert isinstance(result, CustomerRecord), result
    return result


def problems(**values: object) -> dict[str | None, str]:
    result = validated(**values)
    assert isinstance(result, list), result
    assert all((problem.file, problem.line) == ("customers.csv", 7) for problem in result)
    return {problem.field: problem.reason for problem in result}


def reason(**values: object) -> str:
    (only,) = problems(**values).values()
    return only


def outcomes(path: Path) -> dict[int, Outcome]:
    return {
        row.line: validate_customer(row) if isinstance(row, SourceRow) else row
        for row in read_rows(path)
    }


# The bad-input corpus: each bad row is named precisely, its neighbours go through ------------

BAD_VALUES = {
    3: ("nit", "nit '900.412.337-9': check digit should be 1"),
    6: ("phones", "phones '12345': not a valid phone number in CO"),
    7: ("key", "key is required"),
    8: (
        "is_company",
        "is_company 'maybe': not a yes/no value (use true/false, yes/no, sí/no or 1/0)",
    ),
    9: ("country", "country 'ZZ': not an ISO 3166-1 alpha-2 country code (such as CO)"),
    10: (
        "department",
        "department 'Antioqia': no such department in CO (give a code such as ANT or a name)",
    ),
    12: ("company_key", "company_key 'C-06': a company cannot belong to another company"),
    13: (
        "stakeholder_group",
        (
            "stakeholder_group 'client': must be one of customer, distributor, supplier, "
            "employee, shareholder, community, authority"
        ),
    ),
}


@pytest.mark.parametrize("line", sorted(BAD_VALUES))
def test_each_bad_row_gets_one_problem_naming_its_line_field_and_value(line):
    field, expected = BAD_VALUES[line]
    path = CORPUS / "bad_values.csv"
    assert outcomes(path)[line] == [RowProblem(str(path), line, field, expected)]


def test_a_malformed_email_is_named_with_the_validators_reason():
    (problem,) = outcomes(CORPUS / "bad_values.csv")[5]
    assert (problem.line, problem.field) == (5, "emails")
    assert problem.reason.startswith("emails 'jcortiz@@valledorado.example.com': ")


def test_a_row_with_several_bad_fields_gets_one_problem_per_field():
    found = outcomes(CORPUS / "bad_values.csv")[14]
    assert [(problem.line, problem.field) for problem in found] == [
        (14, "source_system"),
        (14, "name"),
    ]
    assert found[0].reason.startswith("source_system 'ERP': must be a lowercase letter")
    assert found[1].reason == "name is required"


def test_the_valid_rows_beside_the_bad_ones_come_out_valid():
    results = outcomes(CORPUS / "bad_values.csv")
    valid = {line for line, result in results.items() if isinstance(result, CustomerRecord)}
    assert valid == {2, 4, 11, 15}
    assert results[11].nit == "802019743-7"
    assert results[11].department == "ATL"


def test_bad_values_in_json_lines_and_yaml_are_named_by_line_and_field_too():
    jsonl = outcomes(CORPUS / "bad_lines.jsonl")
    assert [(p.line, p.field) for p in jsonl[7]] == [(7, "phones")]
    assert {line for line, r in jsonl.items() if isinstance(r, CustomerRecord)} == {1, 5, 9, 11}
    yaml = outcomes(CORPUS / "bad_items.yaml")
    assert [(p.line, p.field, p.reason) for p in yaml[8]] == [
        (8, "nit", "nit '830.114.985-1': check digit should be 0")
    ]
    assert [(p.line, p.field) for p in yaml[23]] == [(23, "emial")]
    assert {line for line, r in yaml.items() if isinstance(r, CustomerRecord)} == {1, 13}


def test_an_unknown_column_is_a_problem_on_every_row_even_where_it_is_empty():
    path = CORPUS / "unknown_column.csv"
    expected = "unknown column 'email' (did you mean 'emails'?)"
    assert outcomes(path) == {
        2: [RowProblem(str(path), 2, "email", expected)],
        3: [RowProblem(str(path), 3, "email", expected)],
    }


def test_reasons_are_plain_english_never_a_pydantic_dump():
    reasons = [
        problem.reason
        for path in CORPUS.iterdir()
        for result in outcomes(path).values()
        if isinstance(result, list)
        for problem in result
    ]
    assert len(reasons) > 10
    for text in reasons:
        assert "Value error" not in text and "Input should" not in text
        assert "pydantic" not in text and "type=" not in text


# Required fields, source system and key ------------------------------------------------------


def test_each_missing_required_field_is_its_own_problem():
    assert problems(source_system=None, key="", name="   ") == {
        "source_system": "source_system is required",
        "key": "key is required",
        "name": "name is required",
    }


@pytest.mark.parametrize("system", ["ERP", "1erp", "erp-co", "_erp", "a" * 33, "call centre"])
def test_source_system_must_be_a_lowercase_slug(system):
    assert reason(source_system=system).startswith(f"source_system '{system}': must be")


@pytest.mark.parametrize("system", ["erp", "call_centre", "crm2", "a" * 32])
def test_source_system_slugs_are_accepted(system):
    assert record(source_system=system).source_system == system


def test_key_is_kept_as_given_apart_from_surrounding_spaces():
    assert record(key="  Cliente 001/Norte #7 ").key == "Cliente 001/Norte #7"


def test_key_may_have_64_characters_and_no_more():
    assert record(key="k" * 64).key == "k" * 64
    assert reason(key="k" * 65).endswith("65 characters; at most 64 allowed")


def test_a_key_given_as_a_json_number_is_read_as_text():
    assert record(key=20102).key == "20102"


def test_name_may_have_256_characters_and_no_more():
    assert record(name="n" * 256).name == "n" * 256
    assert reason(name="n" * 257).endswith("257 characters; at most 256 allowed")


def test_a_text_field_given_a_list_says_so():
    assert (
        reason(name=["Acme", "S.A.S."]) == 'name \'["Acme", "S.A.S."]\': expected text, got a list'
    )


def test_a_very_long_value_is_shortened_in_the_reason():
    text = reason(key="k" * 500)
    assert len(text) < 120 and "…" in text


# Yes/no fields -------------------------------------------------------------------------------

YES = ["true", "TRUE", "yes", "Yes", "sí", "SÍ", "si", "1", True, 1]
NO = ["false", "False", "no", "NO", "0", False, 0]


@pytest.mark.parametrize("value", YES)
def test_yes_spellings_read_as_true(value):
    assert record(is_company=value, active=value).is_company is True


@pytest.mark.parametrize("value", NO)
def test_no_spellings_read_as_false(value):
    assert record(is_company=value, active=value).active is False


@pytest.mark.parametrize("value", ["maybe", "y", "2", 2, "verdadero"])
def test_anything_else_is_not_a_yes_no_value(value):
    assert reason(active=value) == (
        f"active '{value}': not a yes/no value (use true/false, yes/no, sí/no or 1/0)"
    )


def test_yes_no_fields_left_out_leave_odoo_as_it_is():
    customer = record()
    assert customer.is_company is None and customer.active is None


# Companies and contacts ----------------------------------------------------------------------


def test_a_contact_may_stand_alone():
    assert record(is_company="no").company_key is None


def test_a_contact_names_its_company_by_key():
    assert record(is_company="no", company_key=" C-9 ").company_key == "C-9"


def test_a_company_cannot_have_a_company_key():
    assert reason(is_company="yes", company_key="C-9") == (
        "company_key 'C-9': a company cannot belong to another company"
    )


def test_a_contact_cannot_be_its_own_company():
    assert reason(company_key="C-1") == "company_key 'C-1': a contact cannot be its own company"


def test_a_company_may_clear_a_company_key_left_from_when_it_was_a_contact():
    assert record(is_company="yes", company_key="__CLEAR__").company_key is CLEAR


# NIT -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["900.412.337-1", "900412337-1", "900 412 337 - 1", "900412337"])
def test_nit_is_normalised_to_number_dash_check_digit(value):
    assert record(nit=value).nit == "900412337-1"


def test_without_a_dash_the_whole_nit_is_the_number_and_its_check_digit_is_computed():
    # 900412337's check digit is 1: ending in 2, these ten digits can only be a number.
    expected = co_nit.calc_check_digit("9004123372")
    assert record(nit="9004123372").nit == f"9004123372-{expected}"


def test_ten_digits_ending_in_the_check_digit_of_the_first_nine_are_set_aside_not_guessed():
    other = co_nit.calc_check_digit("9004123371")
    assert reason(nit="900.412.337.1") == (
        "nit '900.412.337.1': NIT 900412337 with check digit 1, or the ten-digit number "
        f"9004123371? Write the check digit after a dash: 900412337-1 or 9004123371-{other}"
    )


def test_ten_digits_with_the_dash_are_read_as_written():
    assert record(nit="900412337-1").nit == "900412337-1"
    other = co_nit.calc_check_digit("9004123371")
    assert record(nit=f"9004123371-{other}").nit == f"9004123371-{other}"


def test_a_wrong_check_digit_names_the_expected_one():
    assert reason(nit="900.412.337-9") == "nit '900.412.337-9': check digit should be 1"


def test_a_nit_given_as_a_json_number_is_read_as_the_number():
    assert record(nit=900412337).nit == "900412337-1"


def test_a_personal_nit_of_eight_digits_is_accepted():
    assert record(nit="79.456.123-2").nit == "79456123-2"


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("90041233A", "a NIT holds digits, dots and spaces, then a dash and its check digit"),
        ("900-412-337", "a NIT holds digits, dots and spaces, then a dash and its check digit"),
        ("900412337-12", "after the dash comes one check digit"),
        ("900412337-", "after the dash comes one check digit"),
        ("12345", "5 digits before the check digit; a NIT has 7 to 15"),
        ("1234567890123456", "16 digits before the check digit; a NIT has 7 to 15"),
    ],
)
def test_a_nit_that_is_not_one_says_why(value, why):
    assert reason(nit=value) == f"nit '{value}': {why}"


# E-mails and phones --------------------------------------------------------------------------


def test_emails_in_one_cell_are_split_on_semicolons_and_commas():
    customer = record(emails="ana@acme.example.com; luis@acme.example.com,pagos@acme.example.com")
    assert customer.emails == (
        "ana@acme.example.com",
        "luis@acme.example.com",
        "pagos@acme.example.com",
    )


def test_emails_are_normalised_and_kept_once():
    customer = record(emails=["Ana.Perez@ACME.Example.com", "Ana.Perez@acme.example.com;"])
    assert customer.emails == ("Ana.Perez@acme.example.com",)


def test_one_problem_names_every_bad_email_and_only_them():
    text = reason(emails="ana@acme.example.com; luis(at)acme; pagos@@acme.example.com")
    assert text.startswith("emails 'luis(at)acme': ")
    assert "; 'pagos@@acme.example.com': " in text
    assert "ana@acme" not in text


def test_phones_are_normalised_to_e164_and_split_like_emails():
    customer = record(phones="310 555 0123; (601) 742-1190, +57 310 555 0123")
    assert customer.phones == ("+573105550123", "+576017421190")


@pytest.mark.parametrize(
    ("value", "today"),
    [
        ("+57 1 7451234", "+576017451234"),
        ("(4) 444 5555", "+576044445555"),
        ("(1) 745-1234", "+576017451234"),
        ("57 2 555 1234", "+576025551234"),
    ],
)
def test_a_colombian_landline_of_the_pre_2021_plan_is_converted_to_todays(value, today):
    assert record(phones=value).phones == (today,)


def test_a_converted_landline_is_noted_for_the_report():
    customer = record(phones="310 555 0123; (4) 444 5555")
    assert customer.notes == (
        ("phones", "'(4) 444 5555' is a landline of the pre-2021 plan, now +576044445555"),
    )
    assert record(phones="310 555 0123").notes == ()


def test_an_old_landline_is_not_read_as_colombian_in_another_country():
    assert reason(country="US", phones="(4) 444 5555") == (
        "phones '(4) 444 5555': not a valid phone number in US"
    )


def test_phones_are_read_in_the_records_country():
    assert record(country="EC", phones="02 234 5678").phones == ("+59322345678",)
    assert reason(phones="02 234 5678") == "phones '02 234 5678': not a valid phone number in CO"


def test_a_phone_in_international_form_is_valid_whatever_the_country():
    assert record(phones="+593 2 234 5678").phones == ("+59322345678",)


@pytest.mark.parametrize("value", ["12345", "call me", "300 123 45678"])
def test_a_phone_that_is_not_a_valid_number_names_the_value(value):
    assert reason(phones=value) == f"phones '{value}': not a valid phone number in CO"


def test_phones_and_department_are_not_judged_in_an_unknown_country():
    assert problems(country="ZZ", phones="12345", department="Nowhere") == {
        "country": "country 'ZZ': not an ISO 3166-1 alpha-2 country code (such as CO)"
    }


# Country and department ----------------------------------------------------------------------


def test_country_is_an_alpha2_code_in_any_case():
    assert record(country=" co ").country == "CO"


@pytest.mark.parametrize("value", ["Colombia", "COL", "ZZ", "C"])
def test_a_country_that_is_not_an_alpha2_code_is_refused(value):
    assert reason(country=value).startswith(f"country '{value}': not an ISO 3166-1 alpha-2")


def test_country_left_out_stays_unset_but_phones_and_departments_are_read_as_colombian():
    customer = record(department="Antioquia")
    assert customer.country is None
    assert customer.effective_country == "CO"
    assert record(country="EC").effective_country == "EC"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("ANT", "ANT"),
        ("co-ant", "ANT"),
        ("CO-ANT", "ANT"),
        ("Antioquia", "ANT"),
        ("ANTIOQUIA", "ANT"),
        ("Atlantico", "ATL"),
        ("atlántico", "ATL"),
        ("Distrito Capital de Bogotá", "DC"),
        ("DC", "DC"),
        ("Bogotá", "DC"),
        ("Bogotá, D.C.", "DC"),
        ("bogota dc", "DC"),
        ("Norte de Santander", "NSA"),
        ("Valle del Cauca", "VAC"),
        ("San Andrés", "SAP"),
    ],
)
def test_department_is_accepted_as_code_prefixed_code_or_name(value, code):
    assert record(department=value).department == code


def test_department_is_looked_up_in_the_records_country():
    assert record(country="EC", department="Pichincha").department == "P"
    assert reason(country="EC", department="Antioquia") == (
        "department 'Antioquia': no such department in EC (give a code such as ANT or a name)"
    )


def test_an_unknown_department_names_the_value():
    assert reason(department="Valle del Kauca") == (
        "department 'Valle del Kauca': no such department in CO (give a code such as ANT or a name)"
    )


# Other fields --------------------------------------------------------------------------------


@pytest.mark.parametrize("group", STAKEHOLDER_GROUPS)
def test_every_stakeholder_group_is_accepted(group):
    assert record(stakeholder_group=group.upper()).stakeholder_group == group


def test_free_text_fields_are_kept_without_surrounding_spaces():
    customer = record(
        street=" Calle 15 # 26-101 ",
        city="Yumbo",
        segment_code="PREMIUM",
        market="Alimentos",
        salesperson_login="lgomez",
    )
    assert (customer.street, customer.city, customer.segment_code) == (
        "Calle 15 # 26-101",
        "Yumbo",
        "PREMIUM",
    )
    assert (customer.market, customer.salesperson_login) == ("Alimentos", "lgomez")


def test_an_unknown_column_is_named_with_a_guess_when_there_is_one():
    assert problems(phone="310 555 0123", colour_of_the_logo="red") == {
        "phone": "unknown column 'phone' (did you mean 'phones'?)",
        "colour_of_the_logo": "unknown column 'colour_of_the_logo'",
    }


# Leaving and clearing ------------------------------------------------------------------------

CLEARABLE = [
    "company_key",
    "nit",
    "emails",
    "phones",
    "street",
    "city",
    "department",
    "segment_code",
    "market",
    "stakeholder_group",
    "salesperson_login",
]


def test_optional_fields_left_out_or_empty_mean_leave_what_odoo_has():
    customer = record(street="", city="   ", nit=None)
    assert all(getattr(customer, name) is None for name in CLEARABLE)


@pytest.mark.parametrize("field", CLEARABLE)
def test_the_clear_token_asks_to_blank_an_optional_field(field):
    value = getattr(record(**{field: " __CLEAR__ "}), field)
    assert value is CLEAR and is_clear(value)


@pytest.mark.parametrize(
    "field", ["source_system", "key", "name", "is_company", "active", "country"]
)
def test_required_yes_no_and_country_fields_cannot_be_cleared(field):
    assert reason(**{field: "__CLEAR__"}) == f"{field} '__CLEAR__': this field cannot be cleared"


def test_a_value_is_not_clear_unless_it_is_the_sentinel():
    assert not is_clear(None) and not is_clear("__CLEAR__") and not is_clear("")


# The record itself ---------------------------------------------------------------------------


def test_a_record_is_frozen():
    customer = record()
    with pytest.raises(ValidationError):
        customer.name = "Other"


@pytest.mark.filterwarnings("error")
def test_content_hash_is_the_same_for_rows_that_say_the_same_thing():
    first = record(nit="900.412.337-1", department="Antioquia", emails="Ana@ACME.example.com")
    second = record(nit="900412337", department="CO-ANT", emails=["Ana@acme.example.com"])
    assert first.content_hash() == second.content_hash()


@pytest.mark.filterwarnings("error")
def test_content_hash_changes_when_a_value_changes_or_is_cleared():
    hashes = {
        record().content_hash(),
        record(city="Cali").content_hash(),
        record(city="Yumbo").content_hash(),
        record(city="__CLEAR__").content_hash(),
        record(phones="__CLEAR__").content_hash(),
    }
    assert len(hashes) == 5


def test_content_hash_is_pinned_so_journals_stay_valid_across_releases():
    customer = record(is_company="yes", nit="900412337", emails="a@acme.example.com")
    assert customer.content_hash() == (
        "14a280cbecbbc3902981818f893427d1c98bdf891895a8fb9a6f936bdf063796"
    )


# Shipped examples ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["customers.csv", "customers.jsonl", "customers.yaml"])
def test_every_row_of_the_example_files_is_valid(name):
    results = outcomes(EXAMPLES / name)
    assert len(results) == 10
    invalid = {line: r for line, r in results.items() if not isinstance(r, CustomerRecord)}
    assert invalid == {}


@pytest.mark.parametrize("name", ["customers.csv", "customers.jsonl", "customers.yaml"])
def test_the_example_contacts_name_companies_of_the_same_file(name):
    records = list(outcomes(EXAMPLES / name).values())
    companies = {r.key for r in records if r.is_company}
    contacts = [r for r in records if r.company_key]
    assert contacts and {r.company_key for r in contacts} <= companies


def test_the_example_with_errors_has_three_bad_rows_among_valid_ones():
    results = outcomes(EXAMPLES / "customers_with_errors.csv")
    bad = {
        line: [(p.field, p.reason) for p in result]
        for line, result in results.items()
        if not isinstance(result, CustomerRecord)
    }
    assert bad.keys() == {3, 6, 9}
    assert bad[3] == [("nit", "nit '890.903.118-4': check digit should be 5")]
    assert bad[6][0][0] == "emails"
    assert bad[9] == [
        (
            "department",
            (
                "department 'Valle del Kauca': no such department in CO "
                "(give a code such as ANT or a name)"
            ),
        )
    ]
    assert len(results) - len(bad) == 6
