# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .test_pqrs_case import EscPqrsCaseCase


class EscChannelCase(EscPqrsCaseCase):
    """A proposed channel, the Customer Service administrator who moves it and a Customer
    Service user who may not."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.channel = (
            cls.env["esc.channel"]
            .with_user(cls.service_admin)
            .create({"name": "WhatsApp de Servicio", "code": "T-WA", "kind": "whatsapp"})
        )

    def _move(self, to_state, reason="Evaluado por Servicio al Cliente", user=None):
        wizard = Form(
            self.env["esc.channel.move.wizard"]
            .with_user(user or self.service_admin)
            .with_context(default_channel_id=self.channel.id, default_to_state=to_state)
        )
        wizard.reason = reason
        return wizard.save().action_move()


@tagged("post_install", "-at_install")
class TestChannelLifecycle(EscChannelCase):
    def test_a_new_channel_is_proposed_and_takes_no_case(self):
        self.assertEqual(self.channel.state, "proposed")
        self.assertFalse(self.channel.is_official)
        with self.assertRaisesRegex(ValidationError, "WhatsApp de Servicio"):
            self._register(datetime(2026, 11, 20, 15, 0), channel_id=self.channel.id)

    def test_each_move_records_who_when_from_where_and_why(self):
        self._move("pilot", "Piloto con 20 clientes estratégicos")
        self._move("official", "El piloto cumplió los tiempos")
        moves = self.channel.move_ids.sorted("id")
        self.assertEqual(
            [(move.from_state, move.to_state) for move in moves],
            [("proposed", "pilot"), ("pilot", "official")],
        )
        self.assertEqual(moves.user_id, self.service_admin)
        self.assertEqual(moves[0].reason, "Piloto con 20 clientes estratégicos")
        self.assertTrue(all(moves.mapped("moved_at")))
        self.assertIn("El piloto cumplió los tiempos", self.channel.message_ids[0].body)

    def test_an_official_channel_takes_new_cases(self):
        self._move("official")
        self.assertTrue(self.channel.is_official)
        case = self._register(datetime(2026, 11, 20, 15, 0), channel_id=self.channel.id)
        self.assertEqual(case.channel_id, self.channel)

    def test_a_retired_channel_keeps_its_cases_but_takes_no_new_one(self):
        self._move("official")
        case = self._register(datetime(2026, 11, 20, 15, 0), channel_id=self.channel.id)
        self._move("retired", "Reemplazado por el portal")
        self.assertEqual(case.channel_id, self.channel)
        with self.assertRaisesRegex(ValidationError, "WhatsApp de Servicio"):
            self._register(datetime(2026, 11, 20, 16, 0), channel_id=self.channel.id)

    def test_a_channel_may_skip_the_pilot(self):
        self._move("official", "Canal exigido por la ley")
        self.assertEqual(self.channel.move_ids.from_state, "proposed")

    def test_a_channel_never_moves_backwards(self):
        self._move("official")
        with self.assertRaisesRegex(UserError, "only moves forward"):
            self._move("pilot")
        self.assertEqual(self.channel.state, "official")
        self.assertEqual(len(self.channel.move_ids), 1)

    def test_a_retired_channel_stays_retired(self):
        self._move("retired")
        for state in ("proposed", "pilot", "official"):
            with self.assertRaisesRegex(UserError, "only moves forward"):
                self._move(state)

    def test_a_move_needs_its_reason(self):
        with self.assertRaisesRegex(UserError, "Reason"):
            self.channel.with_user(self.service_admin)._esc_move("pilot", "   ")
        self.assertEqual(self.channel.state, "proposed")


@tagged("post_install", "-at_install")
class TestChannelLifecycleAccess(EscChannelCase):
    def test_a_service_user_cannot_move_a_channel(self):
        with self.assertRaisesRegex(AccessError, "administrator"):
            self.channel.with_user(self.service_user)._esc_move("official", "Porque sí")
        self.assertEqual(self.channel.state, "proposed")

    def test_the_state_cannot_be_written_by_hand(self):
        with self.assertRaisesRegex(AccessError, "cannot be set by hand"):
            self.channel.with_user(self.service_admin).write({"state": "official"})
        self.assertEqual(self.channel.state, "proposed")

    def test_the_official_flag_follows_the_state_only(self):
        with self.assertRaisesRegex(AccessError, "cannot be set by hand"):
            self.channel.with_user(self.service_admin).write({"is_official": True})
        self.assertFalse(self.channel.is_official)

    def test_a_channel_cannot_be_born_official(self):
        with self.assertRaisesRegex(AccessError, "cannot be set by hand"):
            self.env["esc.channel"].with_user(self.service_admin).create(
                {"name": "Línea ética", "code": "T-ETICA", "state": "official"}
            )
        with self.assertRaisesRegex(AccessError, "cannot be set by hand"):
            self.env["esc.channel"].with_user(self.service_admin).with_context(
                default_state="official"
            ).create({"name": "Línea ética", "code": "T-ETICA"})

    def test_the_lifecycle_record_cannot_be_forged_or_erased(self):
        move = self.channel.with_user(self.service_admin)._esc_move("pilot", "Piloto")
        Move = self.env["esc.channel.move"].with_user(self.service_admin)
        with mute_logger("odoo.addons.base.models.ir_model"):
            with self.assertRaises(AccessError):
                move.with_user(self.service_admin).write({"reason": "Otra razón"})
            with self.assertRaises(AccessError):
                move.with_user(self.service_admin).unlink()
            with self.assertRaises(AccessError):
                Move.create(
                    {
                        "channel_id": self.channel.id,
                        "from_state": "pilot",
                        "to_state": "official",
                        "user_id": self.service_admin.id,
                        "reason": "Inventado",
                    }
                )
        self.assertEqual(move.reason, "Piloto")

    def test_a_channel_with_a_history_is_never_deleted(self):
        self._move("official")
        with self.assertRaisesRegex(UserError, "retire it instead"):
            self.channel.with_user(self.service_admin).unlink()
        self.assertTrue(self.channel.exists())

    def test_an_unused_proposal_may_be_deleted(self):
        self.channel.with_user(self.service_admin).unlink()
        self.assertFalse(self.channel.exists())

    def test_the_chatter_is_no_way_around_the_lifecycle(self):
        """A Customer Service user reads the channel but neither posts on it nor forges a
        message saying it moved; the lifecycle lives in its steps, not in messages."""
        with self.assertRaises(AccessError), mute_logger("odoo.addons.base.models.ir_rule"):
            self.channel.with_user(self.service_user).message_post(body="Pasó a Oficial")
        with self.assertRaises(AccessError), mute_logger("odoo.addons.base.models.ir_rule"):
            self.env["mail.message"].with_user(self.service_user).create(
                {
                    "model": "esc.channel",
                    "res_id": self.channel.id,
                    "body": "Pasó a Oficial",
                    "message_type": "comment",
                }
            )
        self.assertEqual(self.channel.state, "proposed")
        self.assertFalse(self.channel.move_ids)

    def test_the_move_wizard_refuses_a_service_user(self):
        with self.assertRaises(AccessError), mute_logger("odoo.addons.base.models.ir_model"):
            self._move("official", user=self.service_user)
        self.assertEqual(self.channel.state, "proposed")
