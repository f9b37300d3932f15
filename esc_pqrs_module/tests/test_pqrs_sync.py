# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Cases another system files through the sync, as the integration user, and what that user
may do: the least it needs, checked on the server."""

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .test_pqrs_case import EscPqrsCaseCase

LOAD_FIELDS = [
    "id",
    "source_system",
    "source_key",
    "partner_id/.id",
    "type_id/.id",
    "channel_id/.id",
    "received_at",
    "subject",
]


@tagged("post_install", "-at_install")
class TestPqrsSync(EscPqrsCaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.integration = new_test_user(
            cls.env, login="esc_sync_test", groups="esc_pqrs_module.group_esc_integration"
        )
        cls.phone = cls.env.ref("esc_pqrs_module.esc_channel_phone")
        cls.contact.email = "laura.gomez@plasticos-andinos.example"

    def _row(self, key, subject="Pedido incompleto"):
        return [
            f"esc_sync.call_centre_pqrs_{key.lower()}",
            "call_centre",
            key,
            str(self.contact.id),
            str(self.claim.id),
            str(self.phone.id),
            "2026-12-01 15:00:00",
            subject,
        ]

    def _load(self, *keys):
        Pqrs = self.env["esc.pqrs"].with_user(self.integration)
        result = Pqrs.load(LOAD_FIELDS, [self._row(key) for key in keys])
        self.assertFalse(result["messages"], result["messages"])
        return Pqrs.browse(result["ids"])

    @freeze_time("2026-12-02 15:00:00")
    def test_the_integration_user_files_cases_through_load_under_their_source_key(self):
        cases = self._load("CC-1", "CC-2")
        self.assertEqual(cases.mapped("source_key"), ["CC-1", "CC-2"])
        self.assertTrue(all(case.name.startswith("PQRS/2026/") for case in cases))
        self.assertTrue(all(cases.sudo().mapped("acknowledgement_queued")))
        self.env["esc.pqrs"]._cron_esc_acknowledge_queued()
        self.assertTrue(all(cases.sudo().mapped("acknowledged_at")))

    @freeze_time("2026-12-02 15:00:00")
    def test_the_legal_due_date_is_the_legal_line_as_a_bogota_date(self):
        case = self._load("CC-1")
        self.assertTrue(case.legal_due_date)
        self.assertEqual(case.legal_due_date, case._esc_legal_due_date())

    @freeze_time("2026-12-02 15:00:00")
    @mute_logger("odoo.sql_db")
    def test_a_second_case_under_the_same_system_and_key_is_refused(self):
        self._load("CC-1")
        with self.assertRaises(IntegrityError):
            self.env["esc.pqrs"].with_user(self.integration).create(
                {
                    "subject": "Otra",
                    "partner_id": self.contact.id,
                    "type_id": self.claim.id,
                    "source_system": "call_centre",
                    "source_key": "CC-1",
                }
            )

    def test_staff_cannot_file_a_case_under_another_systems_key(self):
        with self.assertRaises(AccessError) as caught:
            self.env["esc.pqrs"].with_user(self.service_user).create(
                {
                    "subject": "A mano",
                    "partner_id": self.contact.id,
                    "type_id": self.claim.id,
                    "source_system": "call_centre",
                    "source_key": "CC-9",
                }
            )
        self.assertIn("A mano", str(caught.exception))

    @freeze_time("2026-12-02 15:00:00")
    def test_the_source_of_a_case_never_changes(self):
        case = self._load("CC-1")
        with self.assertRaises(UserError) as caught:
            case.with_user(self.service_admin).write({"source_key": "CC-2"})
        self.assertIn(case.name, str(caught.exception))
        case.with_user(self.service_admin).write({"source_key": "CC-1"})
        self.assertEqual(case.source_key, "CC-1")

    @freeze_time("2026-12-02 15:00:00")
    def test_the_integration_user_changes_no_case_it_filed(self):
        case = self._load("CC-1")
        with self.assertRaises(AccessError):
            case.with_user(self.integration).write({"subject": "Otro asunto"})

    @freeze_time("2026-12-02 15:00:00")
    def test_the_integration_user_reads_the_cases_it_filed_not_the_others(self):
        filed = self._load("CC-1")
        by_hand = self._register(filed.received_at)
        Pqrs = self.env["esc.pqrs"].with_user(self.integration)
        self.assertEqual(Pqrs.search([("source_system", "!=", False)]), filed)
        self.assertFalse(Pqrs.search([("id", "=", by_hand.id)]))

    def test_the_integration_user_reads_only_the_syncs_external_ids_and_places(self):
        self.env["ir.model.data"].create(
            {
                "module": "esc_sync",
                "name": "erp_customer_x",
                "model": "res.partner",
                "res_id": self.customer.id,
            }
        )
        Data = self.env["ir.model.data"].with_user(self.integration)
        self.assertEqual(
            Data.search([("module", "=", "esc_sync")]).mapped("name"), ["erp_customer_x"]
        )
        self.assertTrue(Data.search([("module", "=", "base"), ("name", "=", "co")]))
        self.assertFalse(Data.search([("module", "=", "base"), ("model", "=", "res.users")]))
        with self.assertRaises(AccessError):
            Data.create({"module": "esc_sync", "name": "y", "model": "res.partner", "res_id": 1})

    def test_the_integration_user_creates_and_updates_customers_but_never_deletes_one(self):
        Partner = self.env["res.partner"].with_user(self.integration)
        partner = Partner.create({"name": "Nuevo Cliente S.A.S.", "is_company": True})
        partner.write({"city": "Cali"})
        with self.assertRaises(AccessError):
            partner.unlink()

    def test_the_integration_user_changes_no_configuration(self):
        with self.assertRaises(AccessError):
            self.gold.with_user(self.integration).write({"name": "Platino"})
        with self.assertRaises(AccessError):
            self.phone.with_user(self.integration).write({"name": "Teléfono"})
