# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A Customer Service agent registers a PQRS: radicado, filing date and deadline lines."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import EscPqrsCalendarCase, bogota


@tagged("post_install", "-at_install")
class EscPqrsCaseCase(EscPqrsCalendarCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.claim = cls.env.ref("esc_pqrs_module.esc_pqrs_type_claim")
        cls.compliment = cls.env.ref("esc_pqrs_module.esc_pqrs_type_compliment")
        cls.email = cls.env.ref("esc_pqrs_module.esc_channel_email")
        cls.gold = cls.env["esc.segment"].create({"name": "Oro", "code": "T-ORO"})
        cls.plain = cls.env["esc.segment"].create({"name": "Base", "code": "T-BASE"})
        cls.env["esc.sla.rule"].create(
            {
                "segment_id": cls.gold.id,
                "type_id": cls.claim.id,
                "first_response_hours": 4,
                "resolution_days": 5,
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Plásticos Andinos S.A.S.", "is_company": True, "esc_segment_id": cls.gold.id}
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Laura Gómez", "parent_id": cls.customer.id}
        )

    def _register(self, received_at, **values):
        return (
            self.env["esc.pqrs"]
            .with_user(self.service_user)
            .create(
                {
                    "subject": "Lote con burbujas",
                    "partner_id": self.contact.id,
                    "type_id": self.claim.id,
                    "channel_id": self.email.id,
                    "received_at": received_at,
                    **values,
                }
            )
        )

    def _lines(self, case):
        return {line.kind: line for line in case.deadline_ids}

    def _answer(self, case, body="<p>Revisamos su caso y esta es nuestra respuesta.</p>", **values):
        """Send the case's official response as the Customer Service user: by e-mail when
        the customer has an address, else by phone with its proof of delivery. A claim
        gets its root cause and outcome first, without which it cannot close."""
        if case.type_id.is_claim and not (case.root_cause_id and case.claim_outcome):
            case.with_user(self.service_user).write(
                {
                    "root_cause_id": self.env.ref(
                        "esc_pqrs_module.esc_claim_root_cause_production"
                    ).id,
                    "claim_outcome": "replacement",
                }
            )
        if not case.partner_id.email_normalized and "delivery_method" not in values:
            values = {
                "delivery_method": "phone",
                "delivered_to": case.partner_id.name,
                "delivered_at": fields.Datetime.now(),
                "delivery_notes": "Llamada al 601 555 0100",
                **values,
            }
        return case.with_user(self.service_user)._esc_send_official_response(body, **values)


class EscPqrsProcedureCase(EscPqrsCaseCase):
    """Legal procedures: their notices reach a customer with an e-mail, signed by Customer
    Service; their wizards are opened and filled by the Customer Service user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.esc_service_signature = "<p>Servicio al Cliente — Plásticos ESC</p>"
        cls.contact.email = "laura.gomez@plasticos-andinos.example"

    def _wizard(self, action, values):
        """The wizard ``action`` opens, as the Customer Service user fills it in."""
        return (
            self.env[action["res_model"]]
            .with_user(self.service_user)
            .with_context(**action["context"])
            .create(values)
        )


@tagged("post_install", "-at_install")
class TestRadicado(EscPqrsCaseCase):
    @freeze_time("2027-01-10 15:00:00")
    def test_radicado_carries_the_year_of_the_filing_date(self):
        case = self._register(bogota(2026, 12, 30, 10, 0))
        self.assertRegex(case.name, r"^PQRS/2026/\d{5}$")

    @freeze_time("2027-01-10 15:00:00")
    def test_receipt_on_new_year_holiday_is_numbered_in_the_new_year(self):
        case = self._register(bogota(2027, 1, 1, 10, 0))
        self.assertEqual(case.filing_date, date(2027, 1, 4))
        self.assertRegex(case.name, r"^PQRS/2027/\d{5}$")

    def test_this_and_next_years_ranges_exist_before_anyone_files(self):
        """Parallel first filings of a year would each make the year's range and number from
        1: the ranges are made ahead, with the company and by the yearly job."""
        company = self.env["res.company"].create({"name": "Filial Radicados (test)"})
        sequence = self.env["ir.sequence"].search(
            [("code", "=", "esc.pqrs"), ("company_id", "=", company.id)]
        )
        this_year = fields.Date.context_today(sequence).year
        years = {date_range.date_from.year for date_range in sequence.date_range_ids}
        self.assertLessEqual({this_year, this_year + 1}, years)
        self.env["resource.calendar"]._cron_esc_load_holidays()
        self.assertEqual(len(sequence.date_range_ids), len(years))

    @freeze_time("2027-01-10 15:00:00")
    def test_numbering_restarts_every_year(self):
        last_year = self._register(bogota(2026, 12, 30, 10, 0))
        first = self._register(bogota(2027, 1, 5, 10, 0))
        second = self._register(bogota(2027, 1, 6, 10, 0))
        self.assertEqual(int(second.name[-5:]), int(first.name[-5:]) + 1)
        self.assertNotEqual(last_year.name[:10], first.name[:10])


@tagged("post_install", "-at_install")
class TestCaseOwner(EscPqrsCaseCase):
    def test_agent_who_registers_a_case_owns_it(self):
        case = self._register(datetime(2026, 11, 20, 15, 0))
        self.assertEqual(case.user_id, self.service_user)

    def test_case_registered_by_the_system_waits_for_an_owner(self):
        case = self.env["esc.pqrs"].create(
            {
                "subject": "Llegó por el buzón",
                "partner_id": self.contact.id,
                "type_id": self.claim.id,
                "received_at": datetime(2026, 11, 20, 15, 0),
            }
        )
        self.assertFalse(case.user_id)


@tagged("post_install", "-at_install")
class TestDeadlineLines(EscPqrsCaseCase):
    @freeze_time("2026-12-23 16:00:00")
    def test_legal_line_for_december_23_ends_january_18_at_midnight_bogota(self):
        case = self._register(bogota(2026, 12, 23, 10, 0))
        self.assertEqual(self._lines(case)["legal"].due_at, datetime(2027, 1, 19, 4, 59, 59))

    @freeze_time("2026-12-23 16:00:00")
    def test_segment_rule_adds_first_response_and_resolution_lines(self):
        lines = self._lines(self._register(bogota(2026, 12, 23, 10, 0)))
        self.assertEqual(lines["sla_first_response"].due_at, bogota(2026, 12, 23, 15, 0))
        self.assertEqual(lines["sla_resolution"].due_at, datetime(2027, 1, 1, 4, 59, 59))

    @freeze_time("2026-12-23 16:00:00")
    def test_case_shows_its_earliest_unmet_deadline(self):
        case = self._register(bogota(2026, 12, 23, 10, 0))
        self.assertEqual(case.next_deadline_id.kind, "sla_first_response")

    @freeze_time("2026-12-23 16:00:00")
    def test_customer_without_a_rule_gets_the_legal_line_only(self):
        self.customer.esc_segment_id = self.plain
        case = self._register(bogota(2026, 12, 23, 10, 0))
        self.assertEqual(set(self._lines(case)), {"legal"})

    @freeze_time("2026-12-23 16:00:00")
    def test_compliment_has_no_legal_line(self):
        self.customer.esc_segment_id = self.plain
        case = self._register(bogota(2026, 12, 23, 10, 0), type_id=self.compliment.id)
        self.assertFalse(case.deadline_ids)

    @freeze_time("2026-12-23 16:00:00")
    def test_later_segment_change_does_not_move_existing_deadlines(self):
        case = self._register(bogota(2026, 12, 23, 10, 0))
        self.customer.esc_segment_id = self.plain
        self.assertEqual(case.segment_id, self.gold)
        self.assertIn("sla_resolution", self._lines(case))

    @freeze_time("2026-12-23 16:00:00")
    def test_type_change_recomputes_the_lines(self):
        case = self._register(bogota(2026, 12, 23, 10, 0))
        case.type_id = self.env.ref("esc_pqrs_module.esc_pqrs_type_consultation")
        self.assertEqual(set(self._lines(case)), {"legal"})
        self.assertEqual(self._lines(case)["legal"].due_at, datetime(2027, 2, 9, 4, 59, 59))

    @freeze_time("2026-12-23 16:00:00")
    def test_stage_that_pauses_sla_pauses_only_sla_lines(self):
        case = self._register(bogota(2026, 12, 23, 10, 0))
        case.stage_id = self.env.ref("esc_pqrs_module.esc_pqrs_stage_waiting_customer")
        states = {kind: line.state for kind, line in self._lines(case).items()}
        self.assertEqual(
            states,
            {"legal": "on_track", "sla_first_response": "paused", "sla_resolution": "paused"},
        )

    @freeze_time("2027-01-20 16:00:00")
    def test_line_past_its_due_date_is_breached(self):
        case = self._register(bogota(2026, 12, 23, 10, 0))
        self.assertEqual(self._lines(case)["legal"].state, "breached")


@tagged("post_install", "-at_install")
class TestCaseBadInput(EscPqrsCaseCase):
    def test_non_official_channel_is_refused_with_its_name(self):
        informal = self.env["esc.channel"].create(
            {"name": "Chat del vendedor", "code": "T-CHAT", "kind": "whatsapp"}
        )
        with self.assertRaisesRegex(ValidationError, "Chat del vendedor"):
            self._register(datetime(2026, 11, 20, 15, 0), channel_id=informal.id)

    @freeze_time("2026-11-20 15:00:00")
    def test_received_date_in_the_future_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "in the future"):
            self._register(datetime(2026, 11, 21, 15, 0))

    def test_case_without_customer_is_refused_naming_the_field(self):
        with self.assertRaisesRegex(ValidationError, "Lote con burbujas.*Customer"):
            self._register(datetime(2026, 11, 20, 15, 0), partner_id=False)

    def test_case_without_type_is_refused_naming_the_field(self):
        with self.assertRaisesRegex(ValidationError, "Lote con burbujas.*Type"):
            self._register(datetime(2026, 11, 20, 15, 0), type_id=False)

    def test_refused_case_in_a_batch_writes_none_of_the_batch(self):
        values = {"partner_id": self.contact.id, "type_id": self.claim.id}
        values.update(channel_id=self.email.id, received_at=datetime(2026, 11, 20, 15, 0))
        batch = [{**values, "subject": "Bien"}, {**values, "subject": "Sin tipo", "type_id": 0}]
        with self.assertRaisesRegex(ValidationError, "Sin tipo"):
            self.env["esc.pqrs"].with_user(self.service_user).create(batch)
        self.assertFalse(self.env["esc.pqrs"].search([("subject", "in", ("Bien", "Sin tipo"))]))
