# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Extension of the response term (art. 14 parágrafo): once, before the term ends, up to the
filing date plus twice the term, with the reasons and the new date sent to the customer."""

from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import bogota
from .test_pqrs_case import EscPqrsProcedureCase

# Received 23 Dec 2026: legal term ends 18 Jan 2027, the latest extension is 8 Feb 2027.
LEGAL_DUE = datetime(2027, 1, 19, 4, 59, 59)
REASONS = "El laboratorio externo entrega el análisis del lote el 1 de febrero."


@tagged("post_install", "-at_install")
class TestPqrsExtension(EscPqrsProcedureCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(bogota(2026, 12, 23, 11, 0)):
            cls.case = cls._register(cls, bogota(2026, 12, 23, 10, 0))
        cls.agent_case = cls.case.with_user(cls.service_user)

    def _extend_at(self, moment, new_date, reasons=REASONS, user=None):
        case = self.case.with_user(user or self.service_user)
        with freeze_time(moment):
            return case._esc_extend(new_date, reasons)

    def _legal(self):
        return self._lines(self.case)["legal"]

    def test_extension_moves_the_legal_line_to_the_end_of_the_new_date(self):
        self._extend_at(bogota(2027, 1, 12, 9, 0), date(2027, 2, 1))
        self.assertEqual(self._legal().due_at, datetime(2027, 2, 2, 4, 59, 59))

    def test_extension_leaves_the_sla_lines_where_they_were(self):
        before = {k: line.due_at for k, line in self._lines(self.case).items() if k != "legal"}
        self._extend_at(bogota(2027, 1, 12, 9, 0), date(2027, 2, 1))
        after = {k: line.due_at for k, line in self._lines(self.case).items() if k != "legal"}
        self.assertEqual(after, before)

    def test_extension_is_allowed_until_2359_of_the_due_date(self):
        self._extend_at(bogota(2027, 1, 18, 23, 59), date(2027, 2, 1))
        self.assertTrue(self.case.is_extended)

    def test_extension_after_the_term_ended_is_refused(self):
        with self.assertRaisesRegex(UserError, "ended on 01/18/2027"):
            self._extend_at(bogota(2027, 1, 19, 0, 0, 1), date(2027, 2, 1))

    def test_new_date_at_twice_the_term_is_allowed(self):
        self._extend_at(bogota(2027, 1, 12, 9, 0), date(2027, 2, 8))
        self.assertEqual(self._legal().due_at, datetime(2027, 2, 9, 4, 59, 59))

    def test_new_date_past_twice_the_term_is_refused(self):
        with self.assertRaisesRegex(UserError, "passes 02/08/2027"):
            self._extend_at(bogota(2027, 1, 12, 9, 0), date(2027, 2, 9))

    def test_new_date_not_after_the_current_due_date_is_refused(self):
        with self.assertRaisesRegex(UserError, "not after the current due date"):
            self._extend_at(bogota(2027, 1, 12, 9, 0), date(2027, 1, 18))

    def test_new_date_on_a_holiday_is_refused(self):
        with self.assertRaisesRegex(UserError, "not a business day"):
            self._extend_at(bogota(2027, 1, 12, 9, 0), date(2027, 1, 30))  # a Saturday

    def test_second_extension_is_refused(self):
        self._extend_at(bogota(2027, 1, 12, 9, 0), date(2027, 2, 1))
        with self.assertRaisesRegex(UserError, "already extended once"):
            self._extend_at(bogota(2027, 1, 13, 9, 0), date(2027, 2, 5))

    def test_extension_without_reasons_is_refused_and_writes_nothing(self):
        with self.assertRaisesRegex(UserError, "reasons"):
            self._extend_at(bogota(2027, 1, 12, 9, 0), date(2027, 2, 1), reasons="  ")
        self.assertEqual(self._legal().due_at, LEGAL_DUE)
        self.assertFalse(self.case.procedure_ids)

    def test_extension_is_recorded_with_who_when_why_and_both_dates(self):
        procedure = self._extend_at(bogota(2027, 1, 12, 9, 0), date(2027, 2, 1))
        self.assertRecordValues(
            procedure,
            [
                {
                    "kind": "extension",
                    "user_id": self.service_user.id,
                    "done_at": bogota(2027, 1, 12, 9, 0),
                    "reasons": REASONS,
                    "due_before": LEGAL_DUE,
                    "due_after": datetime(2027, 2, 2, 4, 59, 59),
                }
            ],
        )

    def test_notice_to_the_customer_carries_radicado_dates_reasons_and_signature(self):
        procedure = self._extend_at(bogota(2027, 1, 12, 9, 0), date(2027, 2, 1))
        notice = procedure.notice_id
        self.assertIn(self.contact, notice.partner_ids)
        for expected in (self.case.name, "01/18/2027", "02/01/2027", REASONS, "Plásticos ESC"):
            self.assertIn(expected, notice.body)

    def test_recorded_extension_cannot_be_changed_even_by_an_administrator(self):
        procedure = self._extend_at(bogota(2027, 1, 12, 9, 0), date(2027, 2, 1))
        as_admin = procedure.with_user(self.service_admin)
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            as_admin.write({"reasons": "Otra cosa"})
        with self.assertRaises(AccessError):
            as_admin.unlink()

    def test_recorded_extension_cannot_be_changed_even_as_superuser(self):
        procedure = self._extend_at(bogota(2027, 1, 12, 9, 0), date(2027, 2, 1)).sudo()
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            procedure.write({"due_after": datetime(2027, 2, 8, 4, 59, 59)})
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            procedure.unlink()

    def test_area_user_and_plain_employee_may_not_extend(self):
        area_user = new_test_user(
            self.env, login="esc_ext_area", groups="esc_pqrs_module.group_esc_area"
        )
        employee = new_test_user(self.env, login="esc_ext_employee", groups="base.group_user")
        for user in (area_user, employee):
            with self.assertRaises(AccessError):
                self._extend_at(bogota(2027, 1, 12, 9, 0), date(2027, 2, 1), user=user)

    def test_wizard_extends_and_shows_the_limits(self):
        with freeze_time(bogota(2027, 1, 12, 9, 0)):
            action = self.agent_case.action_esc_extend()
            wizard = self._wizard(action, {"new_date": date(2027, 2, 1), "reasons": REASONS})
            self.assertEqual(
                (wizard.current_due_date, wizard.latest_date),
                (date(2027, 1, 18), date(2027, 2, 8)),
            )
            wizard.action_extend()
        self.assertTrue(self.case.is_extended)

    def test_lines_rebuilt_after_an_extension_keep_the_extended_date(self):
        self._extend_at(bogota(2027, 1, 12, 9, 0), date(2027, 2, 1))
        with freeze_time(bogota(2027, 1, 12, 10, 0)):
            self.agent_case.priority = "1"
        self.assertEqual(self._legal().due_at, datetime(2027, 2, 2, 4, 59, 59))
