# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The gate on text messages: SMS mailings, the mass SMS of a list, and SMS tests."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.sms.tests.common import MockSMS

from .common import EscMassCommunicationCase


@tagged("post_install", "-at_install")
class TestMassSmsGate(EscMassCommunicationCase, MockSMS):
    def _sms_mailing(self, partners, user=None):
        return self._mailing(
            partners, user=user, mailing_type="sms", body_plaintext="New prices on 1 February."
        )

    def test_an_sms_mailing_to_customers_waits_for_approval(self):
        mailing = self._sms_mailing(self.customer_contact)
        with self.assertRefused(UserError, "reaches customers"):
            mailing.with_user(self.service).action_launch()

    def test_customer_service_sends_an_approved_sms_mailing_through_the_queue(self):
        request = self._approved_request(medium="sms")
        mailing = self._mailing_of(request)
        self.assertEqual(mailing.mailing_type, "sms")
        with self.assertRaises(UserError):
            mailing.with_user(self.marketer).action_launch()
        mailing.with_user(self.service).action_launch()
        queue = self.env["mailing.mailing"].with_user(self.env.ref("base.user_root"))
        with self.mockSMSGateway():
            queue._process_mass_mailing_queue()  # sends
            queue._process_mass_mailing_queue()  # nobody left: done
        self.assertEqual(mailing.state, "done")
        sms = self.env["sms.sms"].sudo().search([("mailing_id", "=", mailing.id)])
        self.assertEqual(sms.partner_id, self.customer_contact)
        self.assertEqual(request.state, "sent")

    def test_an_sms_changed_after_approval_is_not_sent(self):
        request = self._approved_request(user=self.marketer, medium="sms")
        mailing = self._mailing_of(request)
        mailing.with_user(self.marketer).write({"body_plaintext": "Prices go down!"})
        self.assertEqual(request.state, "submitted")
        with self.assertRaises(UserError):
            mailing.with_user(self.service).action_launch()

    def test_the_mass_sms_of_a_customer_list_is_refused(self):
        composer = (
            self.env["sms.composer"]
            .with_user(self.marketer)
            .create(
                {
                    "composition_mode": "mass",
                    "res_model": "res.partner",
                    "res_ids": repr(self.customer_contact.ids),
                    "body": "Hello",
                }
            )
        )
        with self.mockSMSGateway(), self.assertRefused(UserError, "reaches customers"):
            composer.action_send_sms()
        self.assertFalse(self.env["sms.sms"].sudo().search([("body", "=", "Hello")]))

    def test_an_sms_posted_on_many_customer_records_is_refused(self):
        second = self.customer_contact.copy({"mobile": "+57 310 555 0102"})
        composer = (
            self.env["sms.composer"]
            .with_user(self.marketer)
            .create(
                {
                    "composition_mode": "comment",
                    "res_model": "res.partner",
                    "res_ids": repr((self.customer_contact | second).ids),
                    "body": "Hello",
                }
            )
        )
        with self.mockSMSGateway(), self.assertRefused(UserError, "reaches customers"):
            composer.action_send_sms()

    def test_an_sms_test_to_a_customers_number_is_refused(self):
        mailing = self._sms_mailing(self.customer_contact)
        wizard = (
            self.env["mailing.sms.test"]
            .with_user(self.marketer)
            .create({"mailing_id": mailing.id, "numbers": "+57 310 555 0101"})
        )
        with self.mockSMSGateway(), self.assertRefused(UserError, "reaches customers"):
            wizard.action_send_sms()
