# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The official response (policy: "toda PQRS debe contar con una respuesta oficial", signed by
Customer Service; Ley 1755 de 2015, art. 14): Customer Service writes the answer from its
type's template, the add-on renders it as a PDF on the company's letterhead and sends it by
e-mail, or records the printed letter or phone call that delivered it with its proof.

Sending is what answers a case: it records the answer date, meets every open deadline line at
that moment (the legal one late when after its due moment) and moves the case to *Answered*.
A case of a type that needs an answer reaches a closing stage on its merits only once it has
a sent response, whoever asks and however (users, RPC, ``sudo`` code alike): the check is
the case's ``_esc_check_closable`` hook, which every stage change runs. Reopening an answered
case is a stage change Customer Service may make; the response stays on record and the lines
stay met. A second response corrects the latest one: it names it, and moves no date already
recorded (the answer date, lines met); it closes the case again when it was reopened."""

from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import is_html_empty

from .esc_pqrs_deadline import ALL_DEADLINE_KINDS
from .esc_pqrs_response import PROOF_METHODS, SEAL_CONTEXT_KEY

ANSWERED_STAGE_XMLID = "esc_pqrs_module.esc_pqrs_stage_answered"
RESPONSE_TEMPLATE_XMLID = "esc_pqrs_module.mail_template_esc_pqrs_official_response"
#: The answer template of a type without one of its own.
DEFAULT_ANSWER_TEMPLATE_XMLID = "esc_pqrs_module.mail_template_esc_pqrs_answer_petition"
REPORT_XMLID = "esc_pqrs_module.action_report_esc_pqrs_response"


class EscPqrsOfficialResponse(models.Model):
    _inherit = "esc.pqrs"  # pylint: disable=consider-merging-classes-inherited

    response_ids = fields.One2many(
        "esc.pqrs.response",
        "pqrs_id",
        string="Official Responses",
        readonly=True,
        groups="base.group_user",
    )
    answered_at = fields.Datetime(
        string="Answered On",
        readonly=True,
        copy=False,
        tracking=True,
        help="When the first official response was sent. A correction does not move it.",
        groups="base.group_user",
    )

    def _esc_check_closable(self, stage):
        """A case of a type that needs an answer is closed on its merits by its official
        response only: the response exists before the case enters the stage."""
        if self.type_id.answer_required and not self._esc_sent_responses():
            raise UserError(
                _(
                    "PQRS %(case)s cannot be closed as %(stage)s without an answer: a %(type)s "
                    "is answered only by sending its official response (Official Response).",
                    case=self.display_name or self.subject,
                    stage=stage.display_name,
                    type=self.type_id.display_name,
                )
            )
        return super()._esc_check_closable(stage)

    def action_esc_official_response(self):
        """Open the official response wizard (Customer Service only)."""
        return self._esc_procedure_wizard("esc.pqrs.response.wizard", _("Official Response"))

    def _esc_sent_responses(self):
        """The responses sent on this case, oldest first, read as the system."""
        return self.sudo().response_ids

    def _esc_answer_template(self):
        """The mail template whose body starts the answer: the type's, else the generic one."""
        return self.type_id.sudo().response_template_id or self.env.ref(
            DEFAULT_ANSWER_TEMPLATE_XMLID
        )

    def _esc_draft_answer(self):
        """The answer the type's template proposes, rendered for this case in the customer's
        language (Odoo's template rendering, not a hand-made substitution)."""
        self.ensure_one()
        template = self._esc_answer_template()
        return template._render_field("body_html", self.ids, compute_lang=True)[self.id]

    def _esc_send_official_response(
        self,
        body,
        delivery_method="email",
        attachments=None,
        delivered_to=False,
        delivered_at=False,
        delivery_notes=False,
    ):
        """Send (or, for a printed letter or a phone call, record) the official response as
        the current Customer Service user; return it. Everything happens or nothing does."""
        self.ensure_one()
        self._esc_check_may_run_procedures()
        proof = {
            "delivered_to": delivered_to,
            "delivered_at": delivered_at,
            "delivery_notes": delivery_notes,
        }
        self._esc_check_official_response(body, delivery_method, proof)
        now = fields.Datetime.now()
        if delivery_method not in PROOF_METHODS:
            proof = dict.fromkeys(proof, False)
        response = self._esc_record_response(body, delivery_method, attachments, proof, now)
        document = self._esc_response_document(response)
        message = self._esc_deliver_response(response, document)
        response.with_context(**{SEAL_CONTEXT_KEY: True}).sudo().write(
            {"report_attachment_id": document.id, "message_id": message.id}
        )
        self._esc_record_answer(now)
        return response

    def _esc_check_official_response(self, body, delivery_method, proof):
        """Refuse a response that cannot be sent, naming the case, the field and the reason."""
        response_fields = self.env["esc.pqrs.response"]._fields

        def label(name):
            return response_fields[name]._description_string(self.env)

        refusal = None
        if self.stage_id.closing_procedure:
            refusal = _(
                "it was closed as %(stage)s by its legal procedure",
                stage=self.stage_id.display_name,
            )
        elif self.completion_state == "pending":
            refusal = _(
                "it waits for the customer to complete the petition (art. 17); confirm it "
                "complete or declare the withdrawal first"
            )
        elif is_html_empty(body):
            refusal = _("the field %(field)s is empty", field=label("body"))
        elif delivery_method in PROOF_METHODS:
            refusal = self._esc_proof_refusal(proof, label)
        elif not self.partner_id.email_normalized:
            refusal = _(
                "the customer %(customer)s has no e-mail address; deliver it as a printed "
                "letter or by phone and record the proof of delivery",
                customer=self.partner_id.display_name,
            )
        elif self.partner_id.is_blacklisted:
            refusal = _(
                "the customer's address %(email)s asked not to receive e-mail (blacklist); "
                "deliver it as a printed letter or by phone",
                email=self.partner_id.email_normalized,
            )
        self._esc_refuse(
            refusal, _("PQRS %(case)s: the official response cannot be sent: %(reason)s.")
        )

    def _esc_proof_refusal(self, proof, label):
        """Why the proof of a printed letter or phone response does not hold, or None."""
        for name in ("delivered_to", "delivered_at", "delivery_notes"):
            value = proof[name]
            if not (value.strip() if isinstance(value, str) else value):
                return _("the field %(field)s is required as proof of delivery", field=label(name))
        delivered_at = fields.Datetime.to_datetime(proof["delivered_at"])
        if delivered_at > fields.Datetime.now():
            return _("the field %(field)s is in the future", field=label("delivered_at"))
        if delivered_at < self.received_at:
            return _(
                "the field %(field)s is before the case was received", field=label("delivered_at")
            )
        return None

    def _esc_record_response(self, body, delivery_method, attachments, proof, now):
        """Enter the response in the case's record, as sent now by the current user, with
        copies of the files the user attached (ones the user may read) kept on the case."""
        previous = self._esc_sent_responses()
        sequence = len(previous) + 1
        signature = self.company_id._esc_signature()
        return (
            self.env["esc.pqrs.response"]
            .sudo()
            .create(
                {
                    "name": f"{self.name}-R{sequence}",
                    "pqrs_id": self.id,
                    "sequence": sequence,
                    "sent_at": now,
                    "sent_on": self._esc_local_day(now),
                    "user_id": self.env.user.id,
                    "body": body,
                    "signature": signature,
                    "delivery_method": delivery_method,
                    "attachment_ids": [(6, 0, self._esc_copy_attachments(attachments).ids)],
                    "corrects_id": previous[-1:].id,
                    **proof,
                }
            )
        )

    def _esc_copy_attachments(self, attachments):
        """Copies, on the case, of the files the user attached and may read: the response
        keeps its own, whatever happens to the uploads."""
        attachments = attachments or self.env["ir.attachment"]
        attachments.check_access("read")
        return attachments.sudo().copy({"res_model": self._name, "res_id": self.id})

    def _esc_response_document(self, response):
        """Render the response as a PDF and keep it on the case, where staff and the portal
        page find it. Under Odoo's test mode reports render as HTML unless asked for a PDF
        (``force_report_rendering``): the document then says so by its type and name."""
        content, report_type = (
            self.env["ir.actions.report"].sudo()._render_qweb_pdf(REPORT_XMLID, response.ids)
        )
        extension, mimetype = ("pdf", "application/pdf")
        if report_type != "pdf":
            extension, mimetype = ("html", "text/html")
        return (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{response.name.replace('/', '-')}.{extension}",
                    "raw": content,
                    "mimetype": mimetype,
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )

    def _esc_deliver_response(self, response, document):
        """E-mail the response to the customer, signed by Customer Service, with its PDF and
        files; a printed letter or phone response is logged as an internal note with its
        proof of delivery. The message is the user's, as every message on a case is."""
        attachment_ids = (document | response.attachment_ids).ids
        if response.delivery_method in PROOF_METHODS:
            return self.message_post(
                body=self._esc_delivery_note(response),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
                attachment_ids=attachment_ids,
            )
        return self._esc_send_notice(
            RESPONSE_TEMPLATE_XMLID,
            attachment_ids=attachment_ids,
            esc_answer=response.body,
            esc_signature=response.signature,
            esc_corrects_name=response.corrects_id.name,
            esc_corrects_on=response.corrects_id.sent_on,
        )

    def _esc_delivery_note(self, response):
        methods = dict(response._fields["delivery_method"]._description_selection(self.env))
        return _(
            "Official response %(response)s delivered by %(method)s to %(to)s on %(on)s: %(how)s",
            response=response.name,
            method=methods[response.delivery_method].lower(),
            to=response.delivered_to,
            on=self._esc_format_date(self._esc_local_day(response.delivered_at)),
            how=response.delivery_notes,
        )

    def _esc_record_answer(self, moment):
        """What sending means for the case: answered at ``moment`` (the first response
        only), every line still open met at that moment, and the case Answered."""
        case = self.sudo()
        case._esc_mark_met(ALL_DEADLINE_KINDS, moment)
        if not case.answered_at:
            case.answered_at = moment
        self._esc_move_to_stage(ANSWERED_STAGE_XMLID)
