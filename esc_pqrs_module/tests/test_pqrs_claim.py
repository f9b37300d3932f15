# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Claims (reclamos): the product, lot, quantity and order of a warranty claim, its root cause
and outcome; a claim is not closed on its merits without root cause and outcome."""

import importlib.util
from contextlib import contextmanager
from pathlib import Path

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.modules.module import get_module_path
from odoo.tests import new_test_user, tagged

from .common import bogota
from .test_pqrs_case import EscPqrsProcedureCase

ANSWERED = "esc_pqrs_module.esc_pqrs_stage_answered"
REFUSAL = r"PQRS PQRS/2026/\d+ is a claim and cannot be closed without "


@tagged("post_install", "-at_install")
class TestPqrsClaim(EscPqrsProcedureCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.raw_material = cls.env.ref("esc_pqrs_module.esc_claim_root_cause_raw_material")
        cls.answered = cls.env.ref(ANSWERED)
        cls.film = cls.env["product.product"].create(
            {
                "name": "Película BOPP T",
                "uom_id": cls.env.ref("uom.product_uom_kgm").id,
                "uom_po_id": cls.env.ref("uom.product_uom_kgm").id,
            }
        )
        cls.quality_user = new_test_user(
            cls.env, login="esc_claim_quality", groups="esc_pqrs_module.group_esc_quality"
        )
        with freeze_time(bogota(2026, 12, 23, 11, 0)):
            cls.case = cls._register(cls, bogota(2026, 12, 23, 10, 0))

    @contextmanager
    def assertRefused(self, exception, pattern):
        """Odoo's ``assertRaises`` (its savepoint rolls back what the refused call wrote, as
        the RPC transaction would be), then the message."""
        with self.assertRaises(exception) as refusal:
            yield refusal
        self.assertRegex(str(refusal.exception), pattern)

    def _as(self, user=None):
        return self.case.with_user(user or self.service_user)

    def _settle(self, **values):
        self._as().write(
            {"root_cause_id": self.raw_material.id, "claim_outcome": "replacement", **values}
        )

    def _answer(self, case=None, user=None):
        """Send the official response, the only way a claim closes on its merits."""
        with freeze_time(bogota(2027, 1, 12, 9, 0)):
            (case or self.case).with_user(user or self.service_user)._esc_send_official_response(
                "<p>Reponemos el lote.</p>"
            )

    def _legal(self, case=None):
        return self._lines(case or self.case)["legal"]

    # What a claim records

    def test_the_shipped_claim_type_is_a_claim_and_a_request_is_not(self):
        self.assertTrue(self.claim.is_claim)
        self.assertFalse(self.env.ref("esc_pqrs_module.esc_pqrs_type_petition").is_claim)

    def test_customer_service_records_product_lot_quantity_and_order(self):
        self._as().write(
            {
                "product_id": self.film.id,
                "lot_reference": "L-4471",
                "quantity_affected": 1250.0,
                "order_reference": "SO-1187",
                "corrective_action": "Ajuste del perfil de temperatura de la extrusora.",
            }
        )
        self.assertRecordValues(
            self.case,
            [
                {
                    "product_id": self.film.id,
                    "product_uom_id": self.env.ref("uom.product_uom_kgm").id,
                    "lot_reference": "L-4471",
                    "quantity_affected": 1250.0,
                    "order_reference": "SO-1187",
                    "is_claim": True,
                }
            ],
        )

    def test_rejection_without_reason_is_refused_naming_the_case_and_field(self):
        with self.assertRefused(
            ValidationError, r"PQRS PQRS/2026/\d+: the field Reason for Rejection is required"
        ):
            self._settle(claim_outcome="rejected")
        self.assertFalse(self.case.claim_outcome)

    def test_rejection_with_its_reason_is_recorded(self):
        self._settle(claim_outcome="rejected", claim_outcome_reason="Almacenado a 45 °C.")
        self.assertEqual(self.case.claim_outcome, "rejected")

    # Closing on the merits

    def test_claim_without_root_cause_and_outcome_cannot_be_answered(self):
        with self.assertRefused(UserError, REFUSAL + "Root Cause, Outcome"):
            self._answer()
        self.assertEqual(self.case.stage_id, self.env.ref("esc_pqrs_module.esc_pqrs_stage_new"))
        self.assertFalse(self._legal().met_at)

    def test_claim_with_a_root_cause_but_no_outcome_cannot_be_answered(self):
        self._as().root_cause_id = self.raw_material
        with self.assertRefused(UserError, REFUSAL + "Outcome:"):
            self._answer()
        self.assertFalse(self.case.is_closed)

    def test_closing_check_refuses_an_unsettled_claim_when_called_directly(self):
        with self.assertRefused(UserError, REFUSAL + "Root Cause, Outcome"):
            self._as()._esc_check_closable(self.answered)

    def test_a_settled_claim_lacks_nothing_to_close(self):
        self._settle()
        self.assertEqual(self._as()._esc_claim_missing_fields(), [])

    def test_the_system_cannot_answer_an_unsettled_claim_either(self):
        with self.assertRefused(UserError, REFUSAL), freeze_time(bogota(2027, 1, 12, 9, 0)):
            self.case.sudo().stage_id = self.answered
        self.assertFalse(self.case.is_closed)

    def test_settled_claim_is_answered_and_meets_its_legal_term(self):
        self._settle()
        self._answer()
        self.assertTrue(self.case.is_closed)
        self.assertEqual(self._legal().met_at, bogota(2027, 1, 12, 9, 0))

    def test_closed_claim_keeps_the_root_cause_it_was_closed_with(self):
        self._settle()
        self._answer()
        with self.assertRefused(UserError, r"is a closed claim: Root Cause cannot be emptied"):
            self._as().root_cause_id = False
        self.assertEqual(self.case.root_cause_id, self.raw_material)

    def test_remission_closes_an_unsettled_claim(self):
        competent = self.env["res.partner"].create({"name": "Fabricante T", "email": "f@t.example"})
        with freeze_time(bogota(2026, 12, 24, 9, 0)):
            self._as()._esc_remit(competent, "La garantía la responde el fabricante.")
        self.assertEqual(
            self.case.stage_id, self.env.ref("esc_pqrs_module.esc_pqrs_stage_remitted")
        )

    def test_a_request_is_answered_without_claim_details(self):
        petition = self.env.ref("esc_pqrs_module.esc_pqrs_type_petition")
        with freeze_time(bogota(2026, 12, 23, 11, 0)):
            request = self._register(bogota(2026, 12, 23, 10, 0), type_id=petition.id)
        self._answer(request)
        self.assertTrue(request.is_closed)

    def test_refusal_reads_in_spanish(self):
        self.env["res.lang"]._activate_lang("es_CO")
        self.env["ir.module.module"]._load_module_terms(["esc_pqrs_module"], ["es_CO"])
        self.env.registry.clear_cache()  # field labels are cached per language
        # As the web client calls: in the user's language.
        spanish = self.case.with_user(self.service_user).with_context(lang="es_CO")
        with self.assertRefused(
            UserError,
            r"La PQRS PQRS/2026/\d+ es un reclamo y no se puede cerrar sin Causa raíz, Resultado",
        ):
            spanish.stage_id = self.answered

    # Who reads and who writes

    def test_quality_reads_the_claim(self):
        self._settle(lot_reference="L-4471")
        as_quality = self._as(self.quality_user)
        self.assertEqual(
            (as_quality.root_cause_id, as_quality.claim_outcome, as_quality.lot_reference),
            (self.raw_material, "replacement", "L-4471"),
        )

    def test_quality_changes_no_claim(self):
        with self.assertRaises(AccessError):
            self._as(self.quality_user).write({"root_cause_id": self.raw_material.id})
        self.assertFalse(self.case.root_cause_id)

    def test_only_administrators_configure_root_causes(self):
        causes = self.env["esc.claim.root.cause"]
        with self.assertRaises(AccessError):
            causes.with_user(self.service_user).create({"name": "Humedad T"})
        cause = causes.with_user(self.service_admin).create({"name": "Humedad T"})
        self.assertIn(cause, causes.with_user(self.quality_user).search([]))

    def test_upgrade_marks_the_shipped_claim_type(self):
        self.claim.is_claim = False
        path = Path(get_module_path("esc_pqrs_module"), "migrations/18.0.1.2.0/post-migration.py")
        spec = importlib.util.spec_from_file_location("esc_pqrs_claim_migration", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.1.0")
        self.claim.invalidate_recordset(["is_claim"])
        self.assertTrue(self.claim.is_claim)
