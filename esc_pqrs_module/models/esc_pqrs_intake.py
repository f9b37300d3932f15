# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Intake: a PQRS filed by the customer itself (e-mail, portal, public web form) and the
acknowledgement every case filed that way receives at once, with its radicado and due date.

Decisions:
- An e-mail to the PQRS alias files a case on the *E-mail* channel, received when the message
  was sent (never later than its arrival), of the type *Petition* until an agent changes it.
  The sender is matched to a contact by e-mail; an unknown sender becomes a contact flagged
  *Needs Review*, written to in Spanish.
- A reply by e-mail to a **closed** case files a new case that follows it up: the closed case's
  answer and legal record are final, and reopening would restart a term that was met.
- Auto-replies (``Auto-Submitted``, ``X-Autoreply``, ``Precedence: auto_reply/bulk/junk``) file
  nothing and are acknowledged by nothing; bounces are Odoo's (they never reach the alias).
- Cases filed by a user of the *PQRS Integration* group (other systems' batch jobs, esc-sync) came
  through an external channel too: they are acknowledged by a job started as they are filed,
  moments later, not inside the filing. A feed files thousands of cases in one transaction: an
  acknowledgement costs more than filing the case (its template rendered, the message posted
  and notified), and a failure to write to one customer must not undo the filing of the rest.
- The acknowledgement is sent once per case, by the system in the name of Customer Service, never
  to an address Odoo blacklisted, and by e-mail no more than 3 times in 10 minutes to one address
  (anyone can forge a sender); a staff-registered case sends it when the agent confirms the
  customer. It does not count as the first response: nobody has read the case yet.
"""

import re
from email.utils import getaddresses

from stdnum.co import nit

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import email_normalize, plaintext2html
from odoo.tools.mail import html_to_inner_content

from ..tools import intake_files
from .esc_pqrs import SERVICE_GROUP, STAFF_ONLY

SUBJECT_MAX = 200
DEFAULT_TYPE_XMLID = "esc_pqrs_module.esc_pqrs_type_petition"
EMAIL_CHANNEL_XMLID = "esc_pqrs_module.esc_channel_email"
ACKNOWLEDGEMENT_XMLID = "esc_pqrs_module.mail_template_esc_pqrs_acknowledgement"
ACKNOWLEDGEMENT_CRON_XMLID = "esc_pqrs_module.ir_cron_esc_acknowledge_queued"
#: Cases acknowledged per run of the acknowledgement job (each run is one transaction).
ACKNOWLEDGEMENT_BATCH = 200
#: The user of other systems' batch jobs: what it files came through an external channel.
INTEGRATION_GROUP = "esc_pqrs_module.group_esc_integration"
#: The language a customer unknown to the company is written to.
CUSTOMER_LANG = "es_CO"
DESCRIPTION_MAX = 20000
#: A Colombian ID (cédula) or a NIT without its check digit: digits only.
ID_NUMBER = re.compile(r"^\d{5,15}$")
PHONE_DIGITS = (7, 15)


class EscPqrsIntake(models.Model):
    _inherit = "esc.pqrs"  # pylint: disable=consider-merging-classes-inherited

    acknowledged_at = fields.Datetime(
        string="Acknowledged On",
        readonly=True,
        copy=False,
        groups=STAFF_ONLY,
        help="When the customer was sent the acknowledgement with the radicado and due date.",
    )
    data_consent_at = fields.Datetime(
        string="Personal Data Consent On",
        readonly=True,
        copy=False,
        groups=STAFF_ONLY,
        help="When the customer accepted the processing of its personal data (Ley 1581 de "
        "2012) on the web form it filed the case with.",
    )
    data_consent_text = fields.Text(
        string="Personal Data Consent", readonly=True, copy=False, groups=STAFF_ONLY
    )
    previous_id = fields.Many2one(
        "esc.pqrs",
        string="Follows Up",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups=STAFF_ONLY,
        help="The closed case the customer replied to: a reply to a closed case files a new one.",
    )

    acknowledgement_queued = fields.Boolean(
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups=STAFF_ONLY,
        help="Filed by another system's batch job: the acknowledgement goes out with the next "
        "run of the acknowledgement job, started as the case is filed.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        cases = super().create(vals_list)
        if not self.env.su and self.env.user.has_group(INTEGRATION_GROUP):
            cases.sudo().acknowledgement_queued = True
            self.env.ref(ACKNOWLEDGEMENT_CRON_XMLID).sudo()._trigger()
        return cases

    @api.model
    def _cron_esc_acknowledge_queued(self):
        """Acknowledge the cases other systems filed, ``ACKNOWLEDGEMENT_BATCH`` at a time; the
        job runs again at once while some are left."""
        queued = [("acknowledgement_queued", "=", True)]
        batch = self.sudo().search(queued, order="id", limit=ACKNOWLEDGEMENT_BATCH)
        batch._esc_acknowledge()
        batch.acknowledgement_queued = False
        remaining = self.sudo().search_count(queued)
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=remaining)

    def action_esc_acknowledge(self):
        """The agent confirmed the customer of a case registered by staff: send it the
        acknowledgement now."""
        if not self.env.user.has_group(SERVICE_GROUP):
            raise AccessError(_("Only Customer Service acknowledges a PQRS to the customer."))
        for case in self:
            refusal = case._esc_acknowledgement_refusal()
            if refusal:
                raise UserError(
                    _(
                        "PQRS %(case)s cannot be acknowledged: %(reason)s",
                        case=case.display_name,
                        reason=refusal,
                    )
                )
        self._esc_acknowledge()
        return True

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """An e-mail to the PQRS alias files a case (see the module docstring). Its files
        are screened; the ones set aside are listed on the case."""
        if not self.env.su:
            # Odoo's gateway calls this as superuser; a direct call is not an e-mail.
            raise AccessError(_("PQRS are filed from e-mail by Odoo's mail gateway only."))
        sender = self._esc_sender(msg_dict)
        refused = self._esc_screen_mail_attachments(msg_dict)
        values = {
            "subject": self._esc_clean_subject(msg_dict.get("subject")),
            "description": msg_dict.get("body"),
            "received_at": self._esc_received_at(msg_dict.get("date")),
            "channel_id": self.env.ref(EMAIL_CHANNEL_XMLID).id,
            "partner_id": sender.id,
            "type_id": self.env.ref(DEFAULT_TYPE_XMLID).id,
            **(custom_values or {}),
        }
        case = self.create(values)
        case._esc_log_refused_files(refused)
        throttle = self.env["esc.pqrs.intake.throttle"].sudo()
        if throttle._esc_admit("acknowledgement", None, sender.email_normalized):
            case._esc_acknowledge()
        else:
            case._message_log(
                body=_(
                    "No acknowledgement was sent: %(email)s was sent several in the last "
                    "minutes (a forged sender could otherwise use them as a relay).",
                    email=sender.email_normalized,
                )
            )
        return case

    @api.model
    def _esc_web_form_errors(self, form, files, public):
        """What is wrong with a web form, by field, in the visitor's language: required
        fields, the type, the consent, and for the public form the e-mail, the NIT or ID
        (a NIT with its check digit must verify) and the phone. Files are screened too."""
        errors = {}
        for name in ("subject", "description"):
            if not (form.get(name) or "").strip():
                errors[name] = _("This field is required.")
        if len(form.get("description") or "") > DESCRIPTION_MAX:
            errors["description"] = _(
                "Please keep it under %(max)s characters.", max=DESCRIPTION_MAX
            )
        if not self._esc_web_types().filtered(
            lambda kind: str(kind.id) == str(form.get("type_id"))
        ):
            errors["type_id"] = _("Choose the kind of request.")
        if not form.get("consent"):
            errors["consent"] = _("We need your consent to process your personal data.")
        if public:
            errors.update(self._esc_public_identity_errors(form))
        reasons = self._esc_file_refusal_reasons()
        refused = intake_files.screen(files).refused
        if refused:
            errors["attachments"] = "; ".join(
                f"{name}: {reasons[reason]}" for name, reason in refused
            )
        return errors

    @api.model
    def _esc_public_identity_errors(self, form):
        errors = {}
        if not (form.get("name") or "").strip():
            errors["name"] = _("This field is required.")
        if not email_normalize(form.get("email") or ""):
            errors["email"] = _("Write a valid e-mail address: we send your filing number there.")
        id_number = (form.get("id_number") or "").strip()
        if "-" in id_number:
            if not nit.is_valid(id_number):
                errors["id_number"] = _(
                    "The check digit of NIT %(nit)s does not match.", nit=id_number
                )
        elif not ID_NUMBER.match(id_number.replace(".", "")):
            errors["id_number"] = _(
                "Write your NIT (with its check digit after a dash) or ID number."
            )
        digits = re.sub(r"\D", "", form.get("phone") or "")
        if form.get("phone") and not PHONE_DIGITS[0] <= len(digits) <= PHONE_DIGITS[1]:
            errors["phone"] = _("Write a phone number of 7 to 15 digits.")
        return errors

    @api.model
    def _esc_web_types(self):
        """The kinds of PQRS a customer may choose on a web form."""
        return self.env["esc.pqrs.type"].sudo().search([("active", "=", True)])

    @api.model
    def _esc_file_from_web(self, form, files, customer, channel_xmlid, consent_text):
        """File a case from a web form already checked by ``_esc_web_form_errors``, as the
        system (visitors may not create cases), with the files and the consent, and
        acknowledge it. Refuses input that was not checked."""
        if self._esc_web_form_errors(form, files, public=False):
            raise UserError(_("The web form was not checked before filing."))
        now = fields.Datetime.now()
        case = self.sudo().create(
            {
                "subject": self._esc_clean_subject(form["subject"]),
                "description": plaintext2html(form["description"]),
                "type_id": int(form["type_id"]),
                "partner_id": customer.id,
                "channel_id": self.env.ref(channel_xmlid).id,
                "received_at": now,
                "data_consent_at": now,
                "data_consent_text": consent_text,
            }
        )
        self.env["ir.attachment"].sudo().create(
            [
                {"name": name, "raw": content, "res_model": self._name, "res_id": case.id}
                for name, content in intake_files.screen(files).accepted
            ]
        )
        case._esc_acknowledge()
        return case

    @api.model
    def _esc_public_customer(self, form):
        """The contact a public form speaks for: the one with that e-mail, else a new contact
        flagged for review (under the company with that NIT, when the company knows it)."""
        partners = self.env["res.partner"].sudo()
        email = email_normalize(form["email"])
        contact = partners.search([("email_normalized", "=", email)], limit=1)

        if contact:
            return contact
        id_number = form["id_number"].strip()
        company = partners.search(
            [("is_company", "=", True), ("vat", "in", [id_number, nit.compact(id_number)])],
            limit=1,
        )
        return self._esc_new_customer_contact(
            {
                "name": form["name"].strip(),
                "email": email,
                "phone": (form.get("phone") or "").strip() or False,
                "vat": False if company else id_number,
                "parent_id": company.id or False,
            }
        )

    @api.model
    def _esc_consulted_case(self, radicado, email):
        """The case a visitor holding both its radicado and its customer's e-mail may follow,
        or an empty recordset: which of the two did not match is never said."""
        email = email_normalize(email or "")
        if not email or not (radicado or "").strip():
            return self.browse()
        case = (
            self.sudo()
            .with_context(active_test=False)
            .search([("name", "=", radicado.strip().upper())], limit=1)
        )
        contacts = (
            case.partner_id | case.commercial_partner_id.child_ids | case.commercial_partner_id
        )
        return case if email in contacts.mapped("email_normalized") else self.browse()

    # Helpers, shared by the e-mail gateway and the web forms

    def _esc_acknowledge(self):
        """Send each case not yet acknowledged its acknowledgement, as the system in the name
        of Customer Service; a case whose customer cannot be written to says why."""
        template = self.env.ref(ACKNOWLEDGEMENT_XMLID)
        system = self.env["res.users"].browse(SUPERUSER_ID)
        for case in self.with_user(system).filtered(lambda case: not case.acknowledged_at):
            refusal = case._esc_acknowledgement_refusal()
            if refusal:
                case._message_log(body=_("No acknowledgement was sent: %(reason)s", reason=refusal))
                continue
            case.with_context(esc_legal_due=case._esc_legal_due_date()).message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                author_id=case.company_id.partner_id.id,
                email_from=case.company_id.email_formatted or False,
            )
            case.acknowledged_at = fields.Datetime.now()

    def _esc_acknowledgement_refusal(self):
        customer = self.partner_id
        if self.acknowledged_at:
            return _(
                "it was acknowledged on %(date)s", date=self._esc_format_date(self.acknowledged_at)
            )
        if not customer.email_normalized:
            return _("the customer %(customer)s has no e-mail address", customer=customer.name)
        if customer.is_blacklisted:
            return _(
                "the customer's address %(email)s asked not to receive e-mail (blacklist)",
                email=customer.email_normalized,
            )
        return None

    def _esc_legal_due_date(self):
        """The legal due date as the customer reads it (Bogotá), or False (compliments)."""
        legal = self._esc_legal_line()
        calendar = self.company_id.esc_pqrs_calendar_id
        return calendar._esc_local_date(legal.due_at) if legal else False

    @api.model
    def _esc_sender(self, msg_dict):
        """The contact an e-mail comes from: the one Odoo's gateway found by address, else a
        new contact flagged for review. A message without a usable sender files nothing."""
        if msg_dict.get("author_id"):
            return self.env["res.partner"].browse(msg_dict["author_id"])
        name, address = next(iter(getaddresses([msg_dict.get("email_from") or ""])), ("", ""))
        email = email_normalize(address)
        if not email:
            raise UserError(
                _(
                    "An e-mail without a usable sender address cannot be filed as a PQRS "
                    "(From: %(sender)s).",
                    sender=msg_dict.get("email_from") or _("empty"),
                )
            )
        return self._esc_new_customer_contact({"name": name or email, "email": email})

    @api.model
    def _esc_new_customer_contact(self, values):
        """A contact the company did not know, for an agent to review and attach."""
        lang = self.env["res.lang"]._lang_get(CUSTOMER_LANG)
        return (
            self.env["res.partner"]
            .sudo()
            .create({**values, "esc_needs_review": True, "lang": lang.code if lang else False})
        )

    @api.model
    def _esc_received_at(self, sent_on):
        """When the message was sent, as the gateway parsed it; never in the future (a
        sender's clock may run ahead)."""
        now = fields.Datetime.now()
        received = fields.Datetime.to_datetime(sent_on) if sent_on else now
        return min(received, now)

    @api.model
    def _esc_clean_subject(self, subject):
        """A subject as plain text, whatever markup a sender put in it."""
        text = " ".join(html_to_inner_content(subject or "").split())
        return text[:SUBJECT_MAX] or _("(no subject)")

    @api.model
    def _esc_screen_mail_attachments(self, msg_dict):
        """Keep in the message only the files a PQRS may carry; return those set aside."""
        attachments = msg_dict.get("attachments") or []
        screening = intake_files.screen(
            [
                (
                    item.fname,
                    item.content if isinstance(item.content, bytes) else item.content.encode(),
                )
                for item in attachments
            ]
        )
        kept = {name for name, _content in screening.accepted}
        msg_dict["attachments"] = [item for item in attachments if item.fname in kept]
        return screening.refused

    def _esc_log_refused_files(self, refused):
        """Tell the agent which files were set aside and why."""
        if not refused:
            return
        reasons = self._esc_file_refusal_reasons()
        lines = ", ".join(f"{name} ({reasons[reason]})" for name, reason in refused)
        self.sudo()._message_log(body=_("Files set aside: %(files)s", files=lines))

    @api.model
    def _esc_file_refusal_reasons(self):
        return {
            intake_files.TOO_MANY: _("more than %(count)s files", count=intake_files.MAX_FILES),
            intake_files.TOO_LARGE: _(
                "larger than %(size)s MB", size=intake_files.MAX_FILE_BYTES // (1024 * 1024)
            ),
            intake_files.TOTAL_TOO_LARGE: _(
                "the files together pass %(size)s MB",
                size=intake_files.MAX_TOTAL_BYTES // (1024 * 1024),
            ),
            intake_files.NOT_ALLOWED: _("not a photo, PDF, office document, text or table"),
            intake_files.PROGRAM: _("a program"),
            intake_files.EMPTY: _("empty"),
        }
