# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every role sees and does exactly what it may, each acting as a non-superuser."""

from datetime import datetime

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .test_pqrs_case import EscPqrsCaseCase

RECEIVED = datetime(2026, 11, 20, 15, 0)


@tagged("post_install", "-at_install")
class TestPqrsRoles(EscPqrsCaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.logistics = cls.env["esc.area"].create({"name": "Logística T"})
        cls.quality_area = cls.env["esc.area"].create({"name": "Calidad T"})
        cls.area_user = new_test_user(
            cls.env, login="esc_area_user", groups="esc_pqrs_module.group_esc_area"
        )
        cls.logistics.member_ids = cls.area_user
        cls.quality_user = new_test_user(
            cls.env, login="esc_quality_user", groups="esc_pqrs_module.group_esc_quality"
        )
        cls.employee = new_test_user(cls.env, login="esc_employee", groups="base.group_user")
        cls.salesperson = new_test_user(cls.env, login="esc_salesperson", groups="base.group_user")
        cls.customer.user_id = cls.salesperson
        cls.portal_user = new_test_user(
            cls.env,
            login="esc_portal_user",
            groups="base.group_portal",
            partner_id=cls.contact.id,
        )
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Polímeros del Sur", "is_company": True}
        )
        cls.escalated = cls._case(cls, area_ids=[cls.logistics.id])
        cls.elsewhere = cls._case(
            cls, partner_id=cls.other_customer.id, area_ids=[cls.quality_area.id]
        )

    def _case(self, **values):
        return self.env["esc.pqrs"].create(
            {
                "subject": "Pedido incompleto",
                "partner_id": self.contact.id,
                "type_id": self.claim.id,
                "received_at": RECEIVED,
                **values,
            }
        )

    def _visible(self, user):
        return self.env["esc.pqrs"].with_user(user).search([]) & (self.escalated | self.elsewhere)

    def test_service_user_sees_and_changes_every_case(self):
        self.assertEqual(self._visible(self.service_user), self.escalated | self.elsewhere)
        self.elsewhere.with_user(self.service_user).write({"priority": "1"})

    def test_area_user_sees_only_cases_escalated_to_their_area(self):
        self.assertEqual(self._visible(self.area_user), self.escalated)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_area_user_reading_another_areas_case_is_refused(self):
        with self.assertRaises(AccessError):
            self.elsewhere.with_user(self.area_user).read(["subject"])

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_area_user_may_not_change_a_case(self):
        with self.assertRaises(AccessError):
            self.escalated.with_user(self.area_user).write({"subject": "Otro"})

    def test_area_user_posts_an_internal_note(self):
        message = self.escalated.with_user(self.area_user).message_post(
            body="Revisamos el despacho", subtype_xmlid="mail.mt_note"
        )
        self.assertTrue(message.subtype_id.internal)

    def test_area_user_may_not_write_to_the_customer(self):
        with self.assertRaisesRegex(AccessError, "only Customer Service writes to the customer"):
            self.escalated.with_user(self.area_user).message_post(
                body="Estimado cliente", subtype_xmlid="mail.mt_comment"
            )

    def test_area_user_may_not_mention_the_customer_in_a_note(self):
        with self.assertRaises(AccessError):
            self.escalated.with_user(self.area_user).message_post(
                body="Nota", subtype_xmlid="mail.mt_note", partner_ids=self.contact.ids
            )

    def test_quality_reads_every_case(self):
        self.assertEqual(self._visible(self.quality_user), self.escalated | self.elsewhere)

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_quality_changes_nothing(self):
        with self.assertRaises(AccessError):
            self.escalated.with_user(self.quality_user).write({"priority": "1"})

    def test_employee_registers_a_case_and_sees_it_filed(self):
        case = (
            self.env["esc.pqrs"]
            .with_user(self.employee)
            .create(
                {
                    "subject": "El cliente comentó un retraso",
                    "partner_id": self.other_customer.id,
                    "type_id": self.claim.id,
                    "received_at": RECEIVED,
                }
            )
        )
        self.assertRegex(case.name, r"^PQRS/2026/")
        self.assertTrue(case.deadline_ids)
        self.assertEqual(self.env["esc.pqrs"].with_user(self.employee).search([]), case)

    def test_case_registered_by_an_employee_waits_for_an_owner(self):
        case = (
            self.env["esc.pqrs"]
            .with_user(self.employee)
            .create(
                {
                    "subject": "El cliente pidió una visita",
                    "partner_id": self.other_customer.id,
                    "type_id": self.claim.id,
                    "received_at": RECEIVED,
                }
            )
        )
        self.assertFalse(case.sudo().user_id)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_employee_may_not_read_others_cases(self):
        with self.assertRaises(AccessError):
            self.escalated.with_user(self.employee).read(["subject"])

    def test_being_the_customers_salesperson_shows_no_case(self):
        self.assertFalse(self._visible(self.salesperson))

    def test_employee_made_a_follower_by_customer_service_sees_the_case(self):
        self.escalated.with_user(self.service_user).message_subscribe(
            partner_ids=self.salesperson.partner_id.ids
        )
        self.assertEqual(self._visible(self.salesperson), self.escalated)

    def test_customer_writes_on_their_own_case(self):
        message = self.escalated.with_user(self.portal_user).message_post(
            body="Adjunto fotos del lote", subtype_xmlid="mail.mt_comment"
        )
        self.assertEqual(message.author_id, self.contact)

    def test_portal_user_sees_their_company_cases_only(self):
        self.assertEqual(self._visible(self.portal_user), self.escalated)
