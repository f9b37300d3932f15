# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The legal-compliance report: its figures against a hand-made set of cases whose answers are
known, who may run it, its PDF and XLSX, and its queries whatever the number of cases."""

import io
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import bogota
from .test_pqrs_case import EscPqrsProcedureCase

try:
    import openpyxl
except ImportError:  # pragma: no cover - shipped with Odoo 18's requirements
    openpyxl = None

PERIOD = {"date_from": date(2026, 12, 1), "date_to": date(2026, 12, 31)}
#: The report runs on Monday 15 Feb 2027, 09:00 Bogotá.
REPORT_AT = bogota(2027, 2, 15, 9, 0)
ANSWERED = "esc_pqrs_module.esc_pqrs_stage_answered"
REPORT = "esc_pqrs_module.esc_pqrs_compliance_report_pdf"
#: Queries of ``_esc_figures``: 6 grouped reads, the late lines and their cases, customers and
#: types, the calendar's business days, and what the rules and the company need.
FIGURES_QUERIES = 17


class EscComplianceCase(EscPqrsProcedureCase):
    """A company of its own (the demo cases live in the main one), whose Customer Service,
    Quality, area and plain employee users work in it and may also see the main company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.main_company = cls.env.company
        cls.company = cls.env["res.company"].create({"name": "Plásticos ESC Cumplimiento T"})
        cls.company.esc_service_signature = "<p>Servicio al Cliente — Plásticos ESC</p>"
        both = [Command.set([cls.company.id, cls.main_company.id])]
        cls.service_user.write({"company_ids": both, "company_id": cls.company.id})
        users = {}
        for role, group in (
            ("quality", "esc_pqrs_module.group_esc_quality"),
            ("area", "esc_pqrs_module.group_esc_area"),
            ("employee", "base.group_user"),
        ):
            users[role] = new_test_user(
                cls.env,
                login=f"esc_report_{role}",
                groups=group,
                company_id=cls.company.id,
                company_ids=both,
            )
        cls.quality_user, cls.area_user, cls.employee = (
            users["quality"],
            users["area"],
            users["employee"],
        )
        cls.answered = cls.env.ref(ANSWERED)
        cls.petition = cls.env.ref("esc_pqrs_module.esc_pqrs_type_petition")
        cls.phone = cls.env.ref("esc_pqrs_module.esc_channel_phone")
        cls.root_cause = cls.env.ref("esc_pqrs_module.esc_claim_root_cause_production")
        cls.plain_customer = cls.env["res.partner"].create(
            {
                "name": "Envases del Caribe S.A.S.",
                "is_company": True,
                "esc_segment_id": cls.plain.id,
            }
        )
        cls.plain_contact = cls.env["res.partner"].create(
            {
                "name": "Jorge Ruiz",
                "parent_id": cls.plain_customer.id,
                "email": "jorge.ruiz@envases-caribe.example",
            }
        )

    def _report(self, user, **values):
        return (
            self.env["esc.pqrs.compliance.report"]
            .with_user(user)
            .create({"company_id": self.company.id, **PERIOD, **values})
        )

    def _figures(self, user):
        both = [self.company.id, self.main_company.id]
        report = self._report(user).with_context(allowed_company_ids=both)
        with freeze_time(REPORT_AT):
            return report._esc_figures()

    @classmethod
    def _answer(cls, cases, moment):
        """The answer as the add-on records it: Customer Service sends the official response
        (a claim once its root cause and outcome are recorded)."""
        with freeze_time(moment):
            for case in cases.with_user(cls.service_user):
                if case.type_id.is_claim and not case.claim_outcome:
                    case.write({"root_cause_id": cls.root_cause.id, "claim_outcome": "repair"})
                case._esc_send_official_response("<p>Esta es nuestra respuesta.</p>")

    @classmethod
    def _at(cls, moment, case, method, *args):
        with freeze_time(moment):
            return getattr(case.with_user(cls.service_user), method)(*args)


@tagged("post_install", "-at_install")
class TestComplianceFigures(EscComplianceCase):
    """Nine cases filed in December 2026 whose answers are known, one filed in January and one
    of another company. Received 23 Dec 2026: legal due 18 Jan 2027."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        information = cls.env.ref("esc_pqrs_module.esc_pqrs_type_information")
        compliment = cls.env.ref("esc_pqrs_module.esc_pqrs_type_compliment")
        dec23 = bogota(2026, 12, 23, 10, 0)
        plain = {"partner_id": cls.plain_contact.id}
        phone = {"channel_id": cls.phone.id}
        petition = {"type_id": cls.petition.id}
        settled = {"root_cause_id": cls.root_cause.id, "claim_outcome": "replacement"}
        with freeze_time(bogota(2026, 12, 23, 11, 0)):
            cls.in_term = cls._register(cls, dec23, **settled)
            cls.late = cls._register(cls, dec23, **petition, **phone, **plain)
            cls.extended = cls._register(cls, dec23, **phone, **settled)
            cls.withdrawn = cls._register(cls, dec23, **petition, **plain)
            cls.remitted = cls._register(cls, dec23)
            cls.overdue = cls._register(cls, dec23, **plain)
            cls.thanks = cls._register(cls, dec23, type_id=compliment.id)
        with freeze_time(bogota(2026, 12, 28, 11, 0)):
            cls.suspended = cls._register(cls, bogota(2026, 12, 28, 10, 0), **petition, **phone)
        with freeze_time(bogota(2026, 12, 30, 11, 0)):
            cls.deemed = cls._register(
                cls, bogota(2026, 12, 30, 10, 0), type_id=information.id, **phone, **plain
            )
        with freeze_time(bogota(2027, 1, 5, 11, 0)):
            cls.january = cls._register(cls, bogota(2027, 1, 5, 10, 0), **settled)
            cls.elsewhere = (
                cls.env["esc.pqrs"]
                .with_company(cls.main_company)
                .create(
                    {
                        "subject": "Otra empresa",
                        "partner_id": cls.contact.id,
                        "type_id": cls.petition.id,
                        "received_at": dec23,
                        "company_id": cls.main_company.id,
                    }
                )
            )
        competent = cls.env["res.partner"].create({"name": "Fabricante T", "email": "f@t.example"})
        cls._at(bogota(2026, 12, 24, 9, 0), cls.remitted, "_esc_remit", competent, "No es nuestro.")
        cls._answer(cls.thanks, bogota(2026, 12, 24, 9, 0))
        cls._at(bogota(2026, 12, 30, 9, 0), cls.withdrawn, "_esc_request_completion", "El lote.")
        cls._at(bogota(2027, 1, 4, 9, 0), cls.suspended, "_esc_request_completion", "La factura.")
        cls._at(
            bogota(2027, 1, 12, 9, 0), cls.extended, "_esc_extend", date(2027, 2, 1), "Análisis."
        )
        cls._answer(cls.in_term, bogota(2027, 1, 12, 9, 0))
        with freeze_time(bogota(2027, 1, 16, 0, 0, 1)):
            cls.env["esc.pqrs"]._cron_esc_follow_legal_time()
        cls._answer(cls.deemed, bogota(2027, 1, 19, 9, 0))
        cls._answer(cls.late | cls.elsewhere, bogota(2027, 1, 20, 9, 0))
        cls._answer(cls.extended, bogota(2027, 1, 28, 9, 0))
        cls._at(bogota(2027, 2, 2, 9, 0), cls.withdrawn, "_esc_withdraw", "No completó.")
        cls._answer(cls.january, bogota(2027, 2, 10, 9, 0))

    def test_the_hand_made_cases_are_what_they_claim(self):
        self.assertTrue(self.deemed.is_deemed_accepted)
        self.assertTrue(self.extended.is_extended)
        self.assertEqual(self.suspended.completion_state, "pending")
        self.assertEqual(
            (self.withdrawn.stage_id, self.remitted.stage_id),
            (
                self.env.ref("esc_pqrs_module.esc_pqrs_stage_withdrawn"),
                self.env.ref("esc_pqrs_module.esc_pqrs_stage_remitted"),
            ),
        )

    def test_business_days_to_answer_are_stored_when_the_legal_term_is_met(self):
        # Filed 23 Dec: 12 Jan is the 11th business day after (25 Dec, 1 and 11 Jan are
        # holidays), 20 Jan the 17th, 28 Jan the 23rd; filed 30 Dec: 19 Jan is the 12th.
        cases = self.in_term | self.late | self.extended | self.deemed | self.overdue
        self.assertEqual(cases.mapped("answer_business_days"), [11, 17, 23, 12, 0])

    def test_figures_as_quality(self):
        figures = self._figures(self.quality_user)
        self.assertEqual(
            {key: figures[key] for key in EXPECTED_COUNTS}, EXPECTED_COUNTS, "headline figures"
        )
        self.assertEqual(figures["mean_answer_days"], 15.75)  # (11 + 17 + 23 + 12) / 4

    def test_cases_by_type_channel_and_segment(self):
        figures = self._figures(self.quality_user)
        ref = self.env.ref
        self.assertEqual(
            figures["by_type"],
            {
                self.claim: 4,
                self.petition: 3,
                ref("esc_pqrs_module.esc_pqrs_type_information"): 1,
                ref("esc_pqrs_module.esc_pqrs_type_compliment"): 1,
            },
        )
        self.assertEqual(figures["by_channel"], {self.email: 5, self.phone: 4})
        self.assertEqual(figures["by_segment"], {self.gold: 5, self.plain: 4})

    def test_each_late_case_is_listed_with_its_business_days_late(self):
        late = self._figures(self.quality_user)["late_cases"]
        self.assertEqual(
            [
                (row["name"], row["due_date"], row["answered_on"], row["business_days_late"])
                for row in late
            ],
            [
                (self.deemed.name, date(2027, 1, 15), date(2027, 1, 19), 2),
                (self.late.name, date(2027, 1, 18), date(2027, 1, 20), 2),
                (self.overdue.name, date(2027, 1, 18), False, 20),
            ],
        )
        self.assertEqual(
            (late[1]["customer"], late[1]["type"]),
            (self.plain_contact.display_name, self.petition.display_name),
        )

    def test_customer_service_gets_the_same_figures(self):
        quality, service = self._figures(self.quality_user), self._figures(self.service_user)
        for figures in (quality, service):
            figures.pop("moment")
        self.assertEqual(service, quality)

    def test_area_user_and_plain_employee_may_not_run_it(self):
        for user in (self.area_user, self.employee):
            with self.assertRaises(AccessError, msg=user.login):
                self._report(user)

    def test_period_ending_before_it_starts_is_refused_naming_the_fields(self):
        with self.assertRaises(ValidationError) as refusal:
            self._report(self.service_user, date_from=date(2026, 12, 31), date_to=date(2026, 12, 1))
        self.assertRegex(
            str(refusal.exception),
            r"report of Plásticos ESC Cumplimiento T: the field Filed To \(2026-12-01\) is "
            r"before the field Filed From \(2026-12-31\)",
        )
        self.assertFalse(self.env["esc.pqrs.compliance.report"].search([]))

    def test_period_refusal_reads_in_spanish(self):
        self.env["res.lang"]._activate_lang("es_CO")
        self.env["ir.module.module"]._load_module_terms(["esc_pqrs_module"], ["es_CO"])
        self.env.registry.clear_cache()  # field labels are cached per language
        reports = self.env["esc.pqrs.compliance.report"].with_context(lang="es_CO")
        with self.assertRaises(ValidationError) as refusal:
            reports.with_user(self.service_user).create(
                {"company_id": self.company.id, "date_from": "2026-12-31", "date_to": "2026-12-01"}
            )
        self.assertIn(
            "Informe de cumplimiento legal de Plásticos ESC Cumplimiento T: el campo Radicadas "
            "hasta (2026-12-01) es anterior al campo Radicadas desde (2026-12-31)",
            str(refusal.exception),
        )

    def test_html_shows_the_figures_and_the_late_cases(self):
        report = self._report(self.quality_user)
        with freeze_time(REPORT_AT):
            html, _kind = (
                self.env["ir.actions.report"]
                .with_user(self.quality_user)
                ._render_qweb_html(REPORT, report.ids)
            )
        html = html.decode()
        for expected in (self.deemed.name, self.late.name, self.overdue.name, "15.8"):
            self.assertIn(expected, html)
        self.assertNotIn(self.in_term.name, html)

    def test_xlsx_download_holds_the_figures_and_the_late_cases(self):
        report = self._report(self.quality_user)
        with freeze_time(REPORT_AT):
            action = report.action_export_xlsx()
        attachment_id = int(action["url"].split("/web/content/")[1].split("?")[0])
        content = self.env["ir.attachment"].with_user(self.quality_user).browse(attachment_id).raw
        self.assertTrue(content.startswith(b"PK"))
        if openpyxl is None:
            self.skipTest("openpyxl is not installed: the workbook cannot be read back")
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        figures, late = workbook.worksheets
        values = {row[0]: row[1] for row in figures.iter_rows(values_only=True) if row[0]}
        self.assertEqual(values["Answered late"], 2)
        self.assertEqual(values["Still open and overdue"], 1)
        self.assertEqual(values["Mean business days to answer"], 15.8)
        names = [row[0] for row in late.iter_rows(min_row=2, values_only=True)]
        self.assertEqual(names, [self.deemed.name, self.late.name, self.overdue.name])

    def test_xlsx_of_one_user_is_not_readable_by_another(self):
        with freeze_time(REPORT_AT):
            action = self._report(self.quality_user).action_export_xlsx()
        attachment_id = int(action["url"].split("/web/content/")[1].split("?")[0])
        with self.assertRaises(AccessError):
            self.env["ir.attachment"].with_user(self.service_user).browse(attachment_id).raw  # noqa: B018


EXPECTED_COUNTS = {
    "total": 9,
    "answered_in_term": 2,  # 12 Jan; and 28 Jan within its extension to 1 Feb
    "extended": 1,
    "answered_late": 2,  # 20 Jan, and the documents request deemed accepted, on 19 Jan
    "open_overdue": 1,  # due 18 Jan; the case whose term stands still (art. 17) is not
    "withdrawn": 1,
    "remitted": 1,
    "deemed_accepted": 1,
}


@tagged("post_install", "-at_install")
class TestComplianceQueries(EscComplianceCase):
    def _file(self, count):
        """``count`` requests filed on 23 Dec 2026, every other one answered late."""
        values = {
            "subject": "Volumen",
            "partner_id": self.contact.id,
            "type_id": self.petition.id,
            "channel_id": self.email.id,
            "received_at": bogota(2026, 12, 23, 10, 0),
        }
        with freeze_time(bogota(2026, 12, 23, 11, 0)):
            cases = self.env["esc.pqrs"].with_user(self.service_user).create([values] * count)
        self._answer(cases[::2], bogota(2027, 1, 20, 9, 0))
        return cases

    def _count_figures(self, report):
        """The figures and the number of queries they took, from cold caches."""
        self.env.invalidate_all()
        with freeze_time(REPORT_AT):
            before = self.cr.sql_log_count
            figures = report._esc_figures()
            return figures, self.cr.sql_log_count - before

    def test_figures_take_the_same_queries_for_5_cases_as_for_50(self):
        report = self._report(self.quality_user)
        self._file(5)
        self._count_figures(report)  # the rules and the calendar, once per worker
        few, few_queries = self._count_figures(report)
        self._file(45)
        self.env.invalidate_all()
        with freeze_time(REPORT_AT), self.assertQueryCount(FIGURES_QUERIES):
            many = report._esc_figures()
        self.assertEqual((few["total"], many["total"], len(many["late_cases"])), (5, 50, 50))
        self.assertEqual(few_queries, FIGURES_QUERIES)


@tagged("post_install", "-at_install")
class TestCompliancePdf(HttpCase):
    """wkhtmltopdf asks the running server for the report's assets: an ``HttpCase`` serves
    them from the test's own transaction (from a ``TransactionCase`` the request would wait
    on the test's uncommitted rows)."""

    def test_pdf_is_a_pdf(self):
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() != "ok":
            self.skipTest("wkhtmltopdf is not usable here: the PDF cannot be rendered")
        user = new_test_user(
            self.env, login="esc_pdf_service", groups="esc_pqrs_module.group_esc_service_user"
        )
        report = self.env["esc.pqrs.compliance.report"].with_user(user).create(PERIOD)
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(REPORT, report.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
