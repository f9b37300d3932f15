# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The gate: every way Odoo 18 sends a mailing refuses customers until Customer Service approved
exactly that content, and lets only Customer Service send it."""

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.mail.tests.common import MockEmail

from .common import EscMassCommunicationCase


@tagged("post_install", "-at_install")
class TestMassMailingGate(EscMassCommunicationCase, MockEmail):
    def _customers(self):
        return self.customer_company | self.customer_contact

    def _reached(self, mailing):
        """The contacts the mailing was sent to, from its traces (mails are deleted once
        sent)."""
        traces = self.env["mailing.trace"].sudo().search([("mass_mailing_id", "=", mailing.id)])
        return self.env[mailing.mailing_model_real].browse(traces.mapped("res_id"))

    def _mass_composer(self, user, partners, **values):
        """The composer in mass mode on contacts, as the Contacts list's "Send email" opens it."""
        return (
            self.env["mail.compose.message"]
            .with_user(user)
            .create(
                {
                    "composition_mode": "mass_mail",
                    "model": "res.partner",
                    "res_ids": repr(partners.ids),
                    **values,
                }
            )
        )

    def _test_wizard(self, mailing, user, email_to):
        return (
            self.env["mailing.mailing.test"]
            .with_user(user)
            .create({"mass_mailing_id": mailing.id, "email_to": email_to})
        )

    def _test_sent_to(self, wizard):
        with self.mock_mail_gateway():
            wizard.send_mail_test()
        return [address for mail in self._mails for address in mail["email_to"]]

    def _queue_job(self):
        """The queue job as the scheduler runs it: as OdooBot."""
        self.env["mailing.mailing"].with_user(
            self.env.ref("base.user_root")
        )._process_mass_mailing_queue()

    # Unapproved: every path refused, for everyone

    def test_launch_of_an_unlinked_mailing_to_customers_is_refused(self):
        mailing = self._mailing(self._customers())
        for user in (self.marketer, self.service):
            with self.assertRefused(UserError, "reaches customers"):
                mailing.with_user(user).action_launch()
        self.assertEqual(mailing.state, "draft")

    def test_schedule_and_put_in_queue_are_refused(self):
        mailing = self._mailing(self._customers())
        with self.assertRaises(UserError):
            mailing.action_schedule()
        with self.assertRaises(UserError):
            mailing.action_put_in_queue()
        self.assertEqual(mailing.state, "draft")

    def test_writing_the_state_over_rpc_is_refused(self):
        mailing = self._mailing(self._customers())
        with self.assertRefused(UserError, "reaches customers"):
            mailing.with_user(self.marketer).write({"state": "in_queue"})
        with self.assertRaises(UserError):
            mailing.with_user(self.marketer).write({"state": "sending"})
        self.assertEqual(mailing.state, "draft")

    def test_creating_a_queued_mailing_over_rpc_is_refused(self):
        with self.assertRaises(UserError):
            self._mailing(self._customers(), state="in_queue")

    def test_send_now_over_rpc_is_refused_and_nothing_is_sent(self):
        mailing = self._mailing(self._customers())
        with self.assertRaises(UserError):
            mailing.with_user(self.marketer).action_send_mail()
        self.assertFalse(self._reached(mailing))

    def test_an_internal_mailing_sent_now_to_customers_named_over_rpc_is_refused(self):
        mailing = self._mailing(self.colleagues)
        with self.assertRefused(UserError, "reaches customers"):
            mailing.with_user(self.marketer).action_send_mail(res_ids=self._customers().ids)
        self.assertFalse(self._reached(mailing))

    def test_retry_of_failed_mails_is_refused(self):
        mailing = self._mailing(self._customers())
        with self.assertRaises(UserError):
            mailing.with_user(self.marketer).action_retry_failed()

    def test_ab_test_winner_is_refused(self):
        campaign = self.env["utm.campaign"].create({"name": "A/B (test)"})
        mailing = self._mailing(
            self._customers(), ab_testing_enabled=True, ab_testing_pc=50, campaign_id=campaign.id
        )
        with self.assertRaises(UserError):
            mailing.with_user(self.marketer).action_select_as_winner()
        with self.assertRaises(UserError):
            mailing.with_user(self.marketer).action_send_winner_mailing()
        self.assertEqual(
            self.env["mailing.mailing"].search_count([("campaign_id", "=", campaign.id)]), 1
        )

    def test_a_test_to_a_customer_address_is_refused(self):
        mailing = self._mailing(self._customers())
        wizard = self._test_wizard(mailing, self.marketer, "Laura <LAURA@andinos.example>")
        with self.assertRefused(UserError, "reaches customers"):
            wizard.send_mail_test()

    def test_a_test_to_a_colleague_needs_no_approval(self):
        mailing = self._mailing(self._customers())
        wizard = self._test_wizard(mailing, self.marketer, "marketer@esc.example")
        self.assertEqual(self._test_sent_to(wizard), ["marketer@esc.example"])

    # Approved: Customer Service sends, nobody else

    def test_a_marketer_does_not_send_an_approved_mailing(self):
        mailing = self._mailing_of(self._approved_request())
        with self.assertRefused(UserError, "only Customer Service sends it"):
            mailing.with_user(self.marketer).action_launch()
        with self.assertRaises(UserError):
            mailing.with_user(self.marketer).write({"state": "in_queue"})

    def test_customer_service_launches_an_approved_mailing_and_the_queue_sends_it(self):
        request = self._approved_request()
        mailing = self._mailing_of(request)
        mailing.with_user(self.service).action_launch()
        self.assertEqual(mailing.state, "in_queue")
        self._queue_job()
        self.assertEqual(mailing.state, "done")
        self.assertEqual(self._reached(mailing), self._customers())
        self.assertEqual(request.state, "sent")
        self.assertEqual(request.mailing_count, 1)
        self.assertEqual(request.mailing_sent, 2)

    def test_the_queue_skips_an_unapproved_mailing_and_sends_the_approved_one(self):
        approved = self._mailing_of(self._approved_request())
        approved.with_user(self.service).action_launch()
        to_supplier = self._mailing(self.supplier)
        to_supplier.with_user(self.marketer).action_launch()
        # While it waits, the supplier becomes a customer (the ERP says it now buys from us).
        self.supplier.esc_stakeholder_group = "customer"
        self._queue_job()
        self.assertEqual(approved.state, "done")
        self.assertEqual(to_supplier.state, "draft")
        self.assertFalse(self._reached(to_supplier))
        self.assertIn("did not send", to_supplier.message_ids[0].body)

    def test_changing_a_queued_mailings_audience_to_customers_is_refused(self):
        mailing = self._mailing(self.supplier)
        mailing.with_user(self.marketer).action_launch()
        with self.assertRefused(UserError, "reaches customers"):
            mailing.with_user(self.marketer).write(
                {"mailing_domain": repr([("id", "in", self._customers().ids)])}
            )

    def test_content_changed_in_the_mailing_after_approval_is_refused_and_resets_the_request(self):
        request = self._approved_request(user=self.marketer)
        mailing = self._mailing_of(request)
        mailing.with_user(self.marketer).write(
            {"body_html": mailing.body_html.replace("1 February", "1 March"),
             "body_arch": mailing.body_arch.replace("1 February", "1 March")}
        )  # fmt: skip
        self.assertEqual(request.state, "submitted")
        self.assertIn("1 March", request.body)
        with self.assertRefused(UserError, "not approved"):
            mailing.with_user(self.service).action_launch()

    def test_an_edit_by_someone_who_may_not_change_the_request_leaves_the_request_alone(self):
        request = self._approved_request()
        mailing = self._mailing_of(request)
        other_marketer = new_test_user(
            self.env, login="esc_mc_other", groups="mass_mailing.group_mass_mailing_user"
        )
        mailing.with_user(other_marketer).write({"subject": "Mine"})
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.subject, "New price list")
        with self.assertRefused(UserError, "not the one Customer Service approved"):
            mailing.with_user(self.service).action_launch()

    def test_customer_service_approves_the_edited_mailing_and_sends_it(self):
        request = self._approved_request(user=self.marketer)
        mailing = self._mailing_of(request)
        edited = str(mailing.body_html).replace("1 February", "1 March")
        mailing.with_user(self.marketer).write({"body_html": edited, "body_arch": edited})
        request.with_user(self.service).action_approve()
        self.assertEqual(mailing._esc_fingerprint(), request.content_hash)
        mailing.with_user(self.service).action_launch()
        self._queue_job()
        self.assertEqual(self._reached(mailing), self._customers())
        self.assertIn("1 March", str(mailing.body_html))

    def test_a_change_made_while_queued_stops_the_queue_from_sending_it(self):
        request = self._approved_request()
        mailing = self._mailing_of(request)
        mailing.with_user(self.service).action_launch()
        mailing.sudo().write({"subject": "Changed subject"})
        self._queue_job()
        self.assertEqual(mailing.state, "draft")
        self.assertFalse(self._reached(mailing))

    def test_a_cosmetic_re_save_of_the_mailing_keeps_it_sendable(self):
        request = self._approved_request()
        mailing = self._mailing_of(request)
        styled = (
            '<div class="o_layout"><table><tr><td style="padding: 8px">'
            + str(mailing.body_html).replace("<p>", '<p style="margin:0">')
            + "</td></tr></table></div>"
        )
        mailing.with_user(self.marketer).write({"body_html": styled, "body_arch": styled})
        self.assertEqual(request.state, "approved")
        mailing.with_user(self.service).action_launch()
        self.assertEqual(mailing.state, "in_queue")

    def test_an_approval_by_someone_no_longer_in_customer_service_does_not_hold(self):
        request = self._approved_request()
        mailing = self._mailing_of(request)
        mailing.with_user(self.service).action_launch()
        self.service.write(
            {"groups_id": [(3, self.env.ref("esc_pqrs_module.group_esc_service_user").id)]}
        )
        self._queue_job()
        self.assertEqual(mailing.state, "draft")
        self.assertFalse(self._reached(mailing))

    def test_service_sends_an_approved_mailing_now(self):
        mailing = self._mailing_of(self._approved_request())
        mailing.with_user(self.service).action_send_mail()
        self.assertEqual(self._reached(mailing), self._customers())

    def test_a_test_of_an_approved_mailing_to_a_customer_by_service_goes(self):
        mailing = self._mailing_of(self._approved_request())
        wizard = self._test_wizard(mailing, self.service, "laura@andinos.example")
        self.assertEqual(self._test_sent_to(wizard), ["laura@andinos.example"])

    # Who is a customer

    def test_an_internal_mailing_is_not_gated(self):
        mailing = self._mailing(self.colleagues)
        mailing.with_user(self.marketer).action_launch()
        self._queue_job()
        self.assertEqual(mailing.state, "done")
        self.assertEqual(self._reached(mailing), self.colleagues)

    def test_a_supplier_mailing_is_not_gated(self):
        mailing = self._mailing(self.supplier)
        self.assertFalse(mailing.esc_reaches_customers)
        mailing.with_user(self.marketer).action_launch()
        self.assertEqual(mailing.state, "in_queue")

    def test_a_partner_without_stakeholder_group_counts_as_a_customer(self):
        unknown = self.env["res.partner"].create(
            {"name": "Sin grupo", "email": "x@sin.example", "esc_stakeholder_group": False}
        )
        self.assertTrue(self._mailing(unknown).esc_reaches_customers)

    def test_a_mailing_list_contact_with_a_customers_address_is_a_customer(self):
        contacts = self.env["mailing.contact"].create(
            [
                {"name": "Fair visitor", "email": "visitor@fair.example"},
                {"name": "Laura", "email": "Laura@Andinos.example"},
            ]
        )
        fair = self.env["mailing.list"].create(
            {"name": "Fair (test)", "contact_ids": [(6, 0, contacts[:1].ids)]}
        )
        mixed = self.env["mailing.list"].create(
            {"name": "Mixed (test)", "contact_ids": [(6, 0, contacts.ids)]}
        )
        model_id = self.env["ir.model"]._get_id("mailing.list")
        fair_mailing = self._mailing(None, mailing_model_id=model_id, contact_list_ids=fair.ids)
        mixed_mailing = self._mailing(None, mailing_model_id=model_id, contact_list_ids=mixed.ids)
        self.assertFalse(fair_mailing.esc_reaches_customers)
        self.assertTrue(mixed_mailing.esc_reaches_customers)
        with self.assertRaises(UserError):
            mixed_mailing.with_user(self.marketer).action_launch()

    # Outside Email Marketing

    def test_the_contacts_mass_email_to_customers_is_refused(self):
        composer = self._mass_composer(
            self.marketer,
            self._customers(),
            subject="Hello",
            body="<p>Hello</p>",
            mass_mailing_name="Quick one",
        )
        with self.assertRefused(UserError, "reaches customers"):
            composer.action_send_mail()
        self.assertFalse(self.env["mailing.mailing"].search([("subject", "=", "Hello")]))

    def test_the_contacts_mass_email_to_colleagues_goes(self):
        composer = self._mass_composer(
            self.marketer, self.colleagues, subject="Team lunch", body="<p>Friday</p>"
        )
        composer.action_send_mail()
        self.assertEqual(
            self.env["mail.mail"].sudo().search_count([("subject", "=", "Team lunch")]), 3
        )

    def test_a_template_sent_to_one_customer_is_a_message_not_a_mass_communication(self):
        template = self.env["mail.template"].create(
            {
                "name": "Thanks (test)",
                "model_id": self.env["ir.model"]._get_id("res.partner"),
                "subject": "Thanks",
                "body_html": "<p>Thanks for your order</p>",
                "email_to": "{{ object.email }}",
            }
        )
        with self.mock_mail_gateway():
            self.customer_contact.with_user(self.marketer).message_mail_with_source(template)
        self.assertEqual([mail["subject"] for mail in self._mails], ["Thanks"])

    def test_a_composer_borrowing_an_approved_mailing_is_refused_to_a_marketer(self):
        mailing = self._mailing_of(self._approved_request())
        composer = self._mass_composer(
            self.marketer,
            self._customers(),
            subject=mailing.subject,
            body=mailing.body_html,
            mass_mailing_id=mailing.id,
        )
        with self.assertRaises(UserError):
            composer.action_send_mail()

    def test_a_composer_borrowing_an_approved_mailing_with_other_content_is_refused(self):
        mailing = self._mailing_of(self._approved_request())
        composer = self._mass_composer(
            self.service,
            self._customers(),
            subject=mailing.subject,
            body="<p>Something else entirely</p>",
            mass_mailing_id=mailing.id,
        )
        with self.assertRaises(UserError):
            composer.action_send_mail()

    def test_a_message_to_many_customer_records_in_comment_mode_is_refused(self):
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.marketer)
            .create(
                {
                    "composition_mode": "comment",
                    "model": "res.partner",
                    "res_ids": repr(self.colleagues.ids),
                    "partner_ids": [(6, 0, self._customers().ids)],
                    "subject": "Hello",
                    "body": "<p>Hello</p>",
                }
            )
        )
        with self.assertRaises(UserError):
            composer.action_send_mail()
