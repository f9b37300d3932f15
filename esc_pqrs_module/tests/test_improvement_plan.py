# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

ACCESS_LOGGERS = ("odoo.addons.base.models.ir_model", "odoo.addons.base.models.ir_rule")


class EscImprovementCase(TransactionCase):
    """Two areas, each with a member; Quality, Customer Service, and a colleague of another
    area who is responsible for one action; none of them superuser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def user(login, groups):
            return new_test_user(cls.env, login=login, groups=groups, email=f"{login}@esc.example")

        cls.quality = user("esc_ip_quality", "esc_pqrs_module.group_esc_quality")
        cls.service = user("esc_ip_service", "esc_pqrs_module.group_esc_service_user")
        cls.producer = user("esc_ip_producer", "esc_pqrs_module.group_esc_area")
        cls.logistician = user("esc_ip_logistics", "esc_pqrs_module.group_esc_area")
        cls.colleague = user("esc_ip_colleague", "base.group_user")
        cls.outsider = user("esc_ip_outsider", "base.group_user")
        Area = cls.env["esc.area"]
        cls.production = Area.create(
            {"name": "Producción (IP)", "member_ids": [Command.link(cls.producer.id)]}
        )
        cls.logistics = Area.create(
            {"name": "Logística (IP)", "member_ids": [Command.link(cls.logistician.id)]}
        )

    def _plan(self, user=None, **values):
        with freeze_time("2026-11-02 15:00:00"):
            return (
                self.env["esc.improvement.plan"]
                .with_user(user or self.quality)
                .create(
                    {
                        "title": "Burbujas en película termoencogible",
                        "area_id": self.production.id,
                        "target": "Cero reclamos por burbujas en el trimestre",
                        "measure": "Reclamos con causa Producción",
                        **values,
                    }
                )
            )

    def _action(self, plan, user=None, **values):
        return (
            self.env["esc.improvement.action"]
            .with_user(user or self.quality)
            .create(
                {
                    "plan_id": plan.id,
                    "name": "Calibrar la extrusora 3",
                    "user_id": self.colleague.id,
                    "due_date": date(2026, 12, 1),
                    **values,
                }
            )
        )

    def _evidence(self):
        return self.env["ir.attachment"].create(
            {"name": "acta.pdf", "datas": base64.b64encode(b"%PDF-1.4 acta")}
        )


@tagged("post_install", "-at_install")
class TestImprovementPlan(EscImprovementCase):
    def test_a_plan_is_numbered_and_opened_today(self):
        plan = self._plan()
        self.assertRegex(plan.name, r"^PM/2026/\d{4}$")
        self.assertEqual(plan.opened_on, date(2026, 11, 2))
        self.assertEqual(plan.state, "open")

    def test_a_plan_without_owner_area_is_refused_naming_it(self):
        with self.assertRaisesRegex(ValidationError, "Burbujas.*Owner Area"):
            self._plan(area_id=False)

    def test_an_action_due_before_the_plan_opened_is_refused(self):
        plan = self._plan()
        with self.assertRaises(ValidationError) as refusal:
            self._action(plan, due_date=date(2026, 11, 1))
        self.assertRegex(str(refusal.exception), "Calibrar la extrusora 3.*before the plan")
        self.assertFalse(self.env["esc.improvement.action"].search([("plan_id", "=", plan.id)]))

    def test_an_action_done_needs_evidence(self):
        action = self._action(self._plan())
        with self.assertRaisesRegex(ValidationError, "without evidence"):
            action.with_user(self.colleague).write({"state": "done"})
        action.with_user(self.colleague).write(
            {"state": "done", "evidence_attachment_ids": [Command.link(self._evidence().id)]}
        )
        self.assertEqual(action.state, "done")
        self.assertTrue(action.done_on)

    def test_progress_is_the_share_of_actions_done(self):
        plan = self._plan()
        self._action(plan, state="done", evidence_note="Acta de calibración 45")
        self._action(plan, name="Capacitar al turno de noche")
        self._action(plan, name="Cambiar proveedor", state="cancelled")
        self.assertEqual(plan.progress, 50.0)

    def test_quality_closes_a_plan_whose_actions_are_done(self):
        plan = self._plan()
        self._action(plan, state="done", evidence_note="Acta de calibración 45")
        plan.with_user(self.quality).result = "<p>Diciembre sin reclamos por burbujas.</p>"
        plan.with_user(self.quality).action_esc_close()
        self.assertEqual(plan.state, "closed")
        self.assertEqual(plan.closed_by_id, self.quality)

    def test_a_plan_with_open_actions_cannot_close(self):
        plan = self._plan(result="<p>Mejoró.</p>")
        self._action(plan)
        with self.assertRaisesRegex(UserError, "Calibrar la extrusora 3"):
            plan.with_user(self.quality).action_esc_close()
        self.assertEqual(plan.state, "open")

    def test_a_plan_closes_with_its_measured_result(self):
        plan = self._plan()
        self._action(plan, state="done", evidence_note="Acta 45")
        with self.assertRaisesRegex(UserError, "Result"):
            plan.with_user(self.quality).action_esc_close()

    def test_a_closed_plan_is_a_record_nobody_changes(self):
        plan = self._plan(result="<p>Mejoró.</p>")
        action = self._action(plan, state="done", evidence_note="Acta 45")
        plan.with_user(self.quality).action_esc_close()
        with self.assertRaisesRegex(UserError, "Closed"):
            plan.with_user(self.quality).write({"target": "Otra meta"})
        with self.assertRaisesRegex(UserError, "Closed"):
            action.with_user(self.quality).write({"state": "cancelled"})
        with self.assertRaisesRegex(UserError, "Closed"):
            self._action(plan, name="Acción tardía")

    def test_a_closed_plan_and_its_actions_are_never_deleted(self):
        plan = self._plan(result="<p>Mejoró.</p>")
        action = self._action(plan, state="done", evidence_note="Acta 45")
        plan.with_user(self.quality).action_esc_close()
        with self.assertRaisesRegex(UserError, "Closed"):
            action.with_user(self.quality).unlink()
        with self.assertRaisesRegex(UserError, "Closed"):
            plan.with_user(self.quality).unlink()
        self.assertTrue(action.exists())

    def test_an_action_stays_in_its_plan(self):
        own = self._plan()
        other = self._plan(area_id=self.logistics.id, title="Despachos")
        action = self._action(own)
        with self.assertRaisesRegex(UserError, "stays in it"):
            action.with_user(self.producer).write({"plan_id": other.id})
        self.assertEqual(action.plan_id, own)

    def test_the_state_is_moved_only_by_its_steps(self):
        plan = self._plan()
        with self.assertRaisesRegex(AccessError, "cannot be set by hand"):
            plan.with_user(self.quality).write({"state": "closed"})
        with self.assertRaisesRegex(AccessError, "cannot be set by hand"):
            self._plan(state="closed")


@tagged("post_install", "-at_install")
class TestImprovementPlanAccess(EscImprovementCase):
    def test_only_quality_closes_or_cancels(self):
        plan = self._plan(result="<p>Mejoró.</p>")
        self._action(plan, state="done", evidence_note="Acta 45")
        for user in (self.service, self.producer):
            with self.assertRaisesRegex(AccessError, "only Quality"):
                plan.with_user(user).action_esc_close()
            with self.assertRaisesRegex(AccessError, "only Quality"):
                plan.with_user(user).action_esc_cancel()
        self.assertEqual(plan.state, "open")

    def test_an_area_sees_its_own_plans_only(self):
        own = self._plan()
        other = self._plan(area_id=self.logistics.id, title="Despachos incompletos")
        Plan = self.env["esc.improvement.plan"].with_user(self.producer)
        self.assertEqual(Plan.search([]), own)
        with self.assertRaises(AccessError), mute_logger(*ACCESS_LOGGERS):
            other.with_user(self.producer).read(["title"])

    def test_an_area_updates_its_plans_actions(self):
        plan = self._plan()
        action = self._action(plan)
        plan.with_user(self.producer).write(
            {
                "action_ids": [
                    Command.create(
                        {
                            "name": "Revisar resina",
                            "user_id": self.producer.id,
                            "due_date": date(2026, 12, 10),
                        }
                    )
                ]
            }
        )
        action.with_user(self.producer).write({"due_date": date(2026, 12, 15)})
        self.assertEqual(len(plan.action_ids), 2)
        self.assertEqual(action.due_date, date(2026, 12, 15))

    def test_an_area_does_not_redefine_the_plan(self):
        plan = self._plan()
        with self.assertRaisesRegex(AccessError, "Owner Area"):
            plan.with_user(self.producer).write({"area_id": self.logistics.id})
        with self.assertRaisesRegex(AccessError, "Goal"):
            plan.with_user(self.producer).write({"target": "Menos reclamos"})
        self.assertEqual(plan.area_id, self.production)

    def test_an_area_cannot_touch_another_areas_actions(self):
        action = self._action(self._plan(area_id=self.logistics.id, title="Despachos"))
        with self.assertRaises(AccessError), mute_logger(*ACCESS_LOGGERS):
            action.with_user(self.producer).write({"state": "in_progress"})

    def test_an_area_posts_nothing_on_another_areas_plan(self):
        other = self._plan(area_id=self.logistics.id, title="Despachos")
        with self.assertRaises(AccessError), mute_logger(*ACCESS_LOGGERS):
            other.with_user(self.producer).message_post(body="Cerrado por el área")
        with self.assertRaises(AccessError), mute_logger(*ACCESS_LOGGERS):
            self.env["mail.message"].with_user(self.producer).create(
                {
                    "model": "esc.improvement.plan",
                    "res_id": other.id,
                    "body": "Cerrado por el área",
                    "message_type": "comment",
                }
            )

    def test_an_area_does_not_open_plans(self):
        with self.assertRaises(AccessError), mute_logger(*ACCESS_LOGGERS):
            self._plan(user=self.producer)

    def test_customer_service_opens_plans(self):
        plan = self._plan(user=self.service)
        self.assertEqual(plan.create_uid, self.service)

    def test_a_responsible_outside_the_area_reports_progress_on_the_action_only(self):
        plan = self._plan()
        action = self._action(plan)
        self._action(plan, name="Auditar turnos", user_id=self.producer.id)
        Action = self.env["esc.improvement.action"].with_user(self.colleague)
        self.assertEqual(Action.search([]), action)
        action.with_user(self.colleague).write(
            {"state": "in_progress", "evidence_note": "Repuesto pedido"}
        )
        with self.assertRaisesRegex(AccessError, "Due Date"):
            action.with_user(self.colleague).write({"due_date": date(2027, 1, 30)})
        with self.assertRaises(AccessError), mute_logger(*ACCESS_LOGGERS):
            plan.with_user(self.colleague).write({"target": "Otra"})
        self.assertEqual(action.due_date, date(2026, 12, 1))

    def test_a_colleague_without_an_action_sees_no_plan(self):
        self._action(self._plan())
        self.assertFalse(self.env["esc.improvement.plan"].with_user(self.outsider).search([]))
        self.assertFalse(self.env["esc.improvement.action"].with_user(self.outsider).search([]))


@tagged("post_install", "-at_install")
class TestImprovementReminders(EscImprovementCase):
    def _run_on(self, day):
        with freeze_time(f"{day} 13:00:00"):
            self.env["esc.improvement.action"]._cron_esc_remind_overdue()

    def _reminders(self, plan):
        return plan.message_ids.filtered(
            lambda message: (
                self.colleague.partner_id in message.partner_ids
                and "overdue" in (message.body or "")
            )
        )

    def test_an_overdue_action_reminds_its_responsible_once_per_threshold(self):
        plan = self._plan()
        self._action(plan)
        counts = []
        for day in (
            "2026-12-01",
            "2026-12-02",
            "2026-12-03",
            "2026-12-08",
            "2026-12-09",
            "2026-12-31",
            "2027-01-15",
        ):
            self._run_on(day)
            counts.append(len(self._reminders(plan)))
        self.assertEqual(counts, [0, 1, 1, 2, 2, 3, 3])

    def test_a_done_action_is_not_reminded(self):
        plan = self._plan()
        self._action(plan, state="done", evidence_note="Acta 45")
        self._run_on("2026-12-10")
        self.assertFalse(self._reminders(plan))

    def test_a_new_due_date_starts_the_reminders_over(self):
        plan = self._plan()
        action = self._action(plan)
        self._run_on("2026-12-08")
        action.with_user(self.producer).due_date = date(2026, 12, 20)
        self._run_on("2026-12-21")
        self.assertEqual(len(self._reminders(plan)), 2)

    def test_a_cancelled_plans_actions_are_not_reminded(self):
        plan = self._plan()
        self._action(plan)
        plan.with_user(self.quality).action_esc_cancel()
        self._run_on("2026-12-10")
        self.assertFalse(self._reminders(plan))


@tagged("post_install", "-at_install")
class TestImprovementPlanFromCases(EscImprovementCase):
    def test_the_case_list_opens_a_plan_linked_to_the_selected_cases(self):
        cases = self.env["esc.pqrs"].search([], limit=2)
        self.assertEqual(len(cases), 2, "demo cases are needed")
        action = (
            self.env.ref("esc_pqrs_module.esc_pqrs_action_create_improvement_plan")
            .with_user(self.service)
            .with_context(active_model="esc.pqrs", active_ids=cases.ids, active_id=cases[0].id)
            .run()
        )
        form = Form(
            self.env["esc.improvement.plan"]
            .with_user(self.service)
            .with_context(**action["context"])
        )
        form.title = "Reclamos repetidos"
        form.area_id = self.production
        plan = form.save()
        self.assertEqual(plan.source, "cases")
        self.assertEqual(plan.pqrs_ids, cases)

    def test_the_case_list_action_is_not_offered_to_areas(self):
        action = self.env.ref("esc_pqrs_module.esc_pqrs_action_create_improvement_plan")
        self.assertTrue(action.groups_id)
        self.assertFalse(action.groups_id & self.producer.groups_id)
