# Copyright 2026 ESC PQRS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A request to send a mass communication to customers, and Customer Service's decision on it.

Policy: "El único canal autorizado para enviar Comunicaciones Masivas a clientes es Servicio al
Cliente." Any employee asks; only Customer Service approves, and approval is of one content:
its fingerprint (``tools/mass_content.py``) is recorded, and a mailing is sent only while its
own fingerprint is that one (the gate is in ``mailing_mailing.py``).
"""

import re

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import is_html_empty

from ..tools import mass_content

SERVICE_GROUP = "esc_pqrs_module.group_esc_service_user"
#: Written by the request's own actions only (as superuser); refused from anybody else.
BOOKKEEPING_FIELDS = frozenset(
    {
        "reference",
        "state",
        "approved_by_id",
        "approved_at",
        "content_hash",
        "reject_reason",
        "sent_at",
    }
)
#: What the customer reads: a real change of any of them after approval needs a new one.
CONTENT_FIELDS = frozenset({"subject", "preview", "body", "attachment_ids", "medium"})
#: Media sent through Odoo's mailing; the others are recorded, and sent by hand.
MAILING_TYPES = {"email": "mail", "sms": "sms"}
TRACKED_LINK = re.compile(r"^https?://[^/]+/r/(?P<code>[\w-]+)(?:/.*)?$")


class EscMassCommunication(models.Model):
    _name = "esc.mass.communication"
    _description = "Mass Communication Request"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "esc.workflow.mixin",
        "esc.audience.mixin",
    ]
    _order = "create_date desc, id desc"

    name = fields.Char(string="Title", required=True, tracking=True)
    reference = fields.Char(readonly=True, copy=False, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    requested_by_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
    )
    area_id = fields.Many2one(
        "esc.area",
        string="Requesting Area",
        default=lambda self: self._default_area(),
        tracking=True,
    )
    purpose = fields.Text(help="What the communication is for and why it goes to customers.")
    medium = fields.Selection(
        [("email", "E-mail"), ("sms", "SMS"), ("letter", "Letter"), ("whatsapp", "WhatsApp")],
        required=True,
        default="email",
        tracking=True,
        help="E-mail and SMS are sent through Email Marketing; letters and WhatsApp messages "
        "are sent by hand and recorded here.",
    )
    planned_date = fields.Datetime(tracking=True)
    # Audience: customers chosen by their traits (esc.audience.mixin), or mailing lists.
    mailing_list_ids = fields.Many2many("mailing.list", string="Mailing Lists")
    audience_count = fields.Integer(
        string="Audience", compute="_compute_audience_count", help="Contacts the request reaches."
    )
    # Content
    subject = fields.Char(tracking=True)
    preview = fields.Char(help="The line e-mail clients show after the subject.")
    body = fields.Html(string="Content")
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    source_system = fields.Char(help="The system that asked for it, when it came through the sync.")
    source_key = fields.Char(help="Its key in the source system.")
    # Decision
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
            ("sent", "Sent"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    reject_reason = fields.Text(string="Rejection Reason", readonly=True, tracking=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False, tracking=True)
    approved_at = fields.Datetime(string="Approved On", readonly=True, copy=False)
    content_hash = fields.Char(
        string="Approved Content Fingerprint",
        readonly=True,
        copy=False,
        help="SHA-256 of the approved content as a reader gets it; a mailing is sent only "
        "while its own fingerprint is this one.",
    )
    sent_at = fields.Datetime(string="Sent On", readonly=True, copy=False)
    mailing_ids = fields.One2many(
        "mailing.mailing",
        "esc_mass_communication_id",
        string="Mailings",
        groups="mass_mailing.group_mass_mailing_user",
    )
    mailing_count = fields.Integer(compute="_compute_mailing_statistics")
    mailing_sent = fields.Integer(string="Sent", compute="_compute_mailing_statistics")
    mailing_delivered = fields.Integer(string="Delivered", compute="_compute_mailing_statistics")
    mailing_opened = fields.Integer(string="Opened", compute="_compute_mailing_statistics")
    mailing_clicked = fields.Integer(string="Clicked", compute="_compute_mailing_statistics")
    mailing_bounced = fields.Integer(string="Bounced", compute="_compute_mailing_statistics")

    _sql_constraints = [
        (
            "source_key_unique",
            "unique(company_id, source_system, source_key)",
            "Another mass communication request already has this source system and key.",
        )
    ]

    def _default_area(self):
        return self.env["esc.area"].search([("member_ids", "in", self.env.uid)], limit=1)

    @api.depends(
        "segment_ids", "market_names", "stakeholder_group_ids", "partner_domain",
        "mailing_list_ids",
    )  # fmt: skip
    def _compute_audience_count(self):
        for request in self:
            request.audience_count = request._esc_audience_count()

    @api.depends("mailing_ids")
    def _compute_mailing_statistics(self):
        """The requester sees how their communication did, without Email Marketing rights."""
        for request in self:
            mailings = request.sudo().mailing_ids
            request.mailing_count = len(mailings)
            request.mailing_sent = sum(mailings.mapped("sent"))
            request.mailing_delivered = sum(mailings.mapped("delivered"))
            request.mailing_opened = sum(mailings.mapped("opened"))
            request.mailing_clicked = sum(mailings.mapped("clicked"))
            request.mailing_bounced = sum(mailings.mapped("bounced"))

    @api.constrains("mailing_list_ids", "segment_ids", "market_names", "stakeholder_group_ids",
                    "partner_domain")  # fmt: skip
    def _check_audience(self):
        for request in self:
            if request.mailing_list_ids and request._esc_has_partner_filters():
                raise ValidationError(
                    _(
                        "Mass communication %(request)s: its audience is either customers chosen "
                        "by segment, market, stakeholder group or filter, or mailing lists, not "
                        "both (a mailing reaches one kind of recipient).",
                        request=request.display_name,
                    )
                )
            request._esc_partner_filter()

    # CRUD

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._esc_refuse_bookkeeping(
                    [vals.get("name")], self._esc_set_at_creation(vals, BOOKKEEPING_FIELDS)
                )
        sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            vals["reference"] = sequence.next_by_code("esc.mass.communication") or _("New")
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._esc_refuse_bookkeeping(
                self.mapped("display_name"), self._esc_changed_fields(vals, BOOKKEEPING_FIELDS)
            )
        if CONTENT_FIELDS & set(vals):
            self._esc_check_content_editable()
        approved = self.filtered(lambda request: request.state == "approved")
        result = super().write(vals)
        if CONTENT_FIELDS & set(vals):
            approved._esc_reset_changed_approval()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_only_drafts(self):
        """A decision is kept: only requests nobody decided on, with no mailing, go away."""
        for request in self:
            if request.state not in ("draft", "cancelled") or request.sudo().mailing_ids:
                raise UserError(
                    _(
                        "Mass communication %(request)s is %(state)s: its record is kept; "
                        "cancel it instead of deleting it.",
                        request=request.display_name,
                        state=request._esc_state_label(),
                    )
                )

    @api.depends("reference", "name")
    def _compute_display_name(self):
        for request in self:
            request.display_name = (
                f"{request.reference} {request.name}" if request.reference else request.name
            )

    # Actions

    def action_submit(self):
        """The requester asks Customer Service to approve it: audience and content first."""
        for request in self:
            request._esc_check_state(("draft", "rejected"))
            request._esc_check_complete()
        self.sudo().write({"state": "submitted", "reject_reason": False})
        return True

    def action_approve(self):
        """Customer Service approves this content: its signature is stamped into it, and the
        fingerprint of the signed content, the approver and the time are recorded."""
        self._esc_check_service(_("approve"))
        for request in self:
            request._esc_check_state(("submitted",))
            request._esc_check_complete()
            request._esc_stamp_signature()
            request.sudo().write(
                {
                    "state": "approved",
                    "approved_by_id": self.env.uid,
                    "approved_at": fields.Datetime.now(),
                    "content_hash": request._esc_fingerprint(),
                }
            )
            request._esc_refresh_mailings()
        return True

    def action_reject(self):
        """Open the wizard that asks for the reason."""
        self._esc_check_service(_("reject"))
        return {
            "type": "ir.actions.act_window",
            "name": _("Reject the Mass Communication"),
            "res_model": "esc.mass.communication.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_ids": self.ids},
        }

    def action_cancel(self):
        for request in self:
            request._esc_check_state(("draft", "submitted", "approved", "rejected"))
            busy = request.sudo().mailing_ids.filtered(lambda m: m.state in ("in_queue", "sending"))
            if busy:
                raise UserError(
                    _(
                        "Mass communication %(request)s: the mailing %(mailing)s is queued or "
                        "sending; cancel it in Email Marketing first.",
                        request=request.display_name,
                        mailing=busy[0].display_name,
                    )
                )
        self.sudo().write({"state": "cancelled"})
        return True

    def action_draft(self):
        for request in self:
            request._esc_check_state(("rejected", "cancelled"))
        self.sudo().write(
            {"state": "draft", "approved_by_id": False, "approved_at": False, "content_hash": False}
        )
        return True

    def action_mark_sent(self):
        """A letter or a WhatsApp message went out by hand: Customer Service records it."""
        self._esc_check_service(_("record as sent"))
        for request in self:
            request._esc_check_state(("approved",))
            if request.medium in MAILING_TYPES:
                raise UserError(
                    _(
                        "Mass communication %(request)s goes by %(medium)s: it is sent through "
                        "its mailing, which records it as sent.",
                        request=request.display_name,
                        medium=request._esc_medium_label(),
                    )
                )
        self.sudo()._esc_record_sent()
        return True

    def action_create_mailing(self):
        """Prepare the mailing of an approved e-mail or SMS request: its audience and its
        approved content, linked to it."""
        self.ensure_one()
        self._esc_check_state(("approved",))
        if self.medium not in MAILING_TYPES:
            raise UserError(
                _(
                    "Mass communication %(request)s goes by %(medium)s, which is sent by hand: "
                    "there is no mailing to prepare.",
                    request=self.display_name,
                    medium=self._esc_medium_label(),
                )
            )
        mailing = self.env["mailing.mailing"].create(self._esc_mailing_values())
        return {
            "type": "ir.actions.act_window",
            "res_model": "mailing.mailing",
            "res_id": mailing.id,
            "view_mode": "form",
        }

    def action_view_mailings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mass_mailing.mailing_mailing_action_mail"
        )
        action.update(
            {
                "domain": [("esc_mass_communication_id", "=", self.id)],
                "context": {"create": False},
            }
        )
        return action

    # Content

    def _esc_content(self):
        """What its reader gets (see ``tools/mass_content.py``), per medium."""
        self.ensure_one()
        if self.medium == "email":
            html = self.env["mailing.mailing"]._prepend_preview(self.body or "", self.preview)
            return mass_content.html_content(
                self.subject,
                html,
                self.attachment_ids.sudo().mapped("checksum"),
                self._esc_resolve_tracked_link,
            )
        return mass_content.text_content(mass_content.html_to_text(self.body))

    def _esc_fingerprint(self):
        return mass_content.fingerprint(self._esc_content())

    @api.model
    def _esc_resolve_tracked_link(self, url):
        """The target of a tracked link (``/r/<code>``), or ``None`` for any other URL."""
        match = TRACKED_LINK.match(url)
        if not match:
            return None
        code = self.env["link.tracker.code"].sudo().search([("code", "=", match["code"])], limit=1)
        return code.link_id.url or None

    def _esc_stamp_signature(self):
        """Every post-sale communication carries Customer Service's signature (policy)."""
        self.ensure_one()
        signature = self.company_id._esc_signature()
        signed = mass_content.collapse(mass_content.html_to_text(signature))
        if signed in mass_content.collapse(mass_content.html_to_text(self.body)):
            return
        self.sudo().write(
            {"body": Markup("%s<div class='esc-service-signature'>%s</div>") % (
                Markup(self.body or ""), signature
            )}
        )  # fmt: skip

    def _esc_mailing_values(self):
        values = {
            "esc_mass_communication_id": self.id,
            "subject": self.subject or self.name,
            "mailing_type": MAILING_TYPES[self.medium],
            "schedule_date": self.planned_date,
        }
        values.update(self._esc_mailing_content_values())
        if self.mailing_list_ids:
            values.update(
                {
                    "mailing_model_id": self.env["ir.model"]._get_id("mailing.list"),
                    "contact_list_ids": [(6, 0, self.mailing_list_ids.ids)],
                }
            )
        else:
            values.update(
                {
                    "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "mailing_domain": repr(self._esc_partner_filter()),
                }
            )
        return values

    def _esc_mailing_content_values(self):
        if self.medium == "sms":
            return {"body_plaintext": mass_content.html_to_text(self.body)}
        body = self.body or ""
        return {
            "subject": self.subject or self.name,
            "preview": self.preview,
            "body_arch": body,
            "body_html": body,
            "attachment_ids": [(6, 0, self.attachment_ids.ids)],
        }

    def _esc_refresh_mailings(self):
        """At approval, the mailings not yet sent carry the approved content (the signature
        stamped into it, say)."""
        fingerprint = self.content_hash
        for mailing in self.sudo().mailing_ids.filtered(lambda m: m.state == "draft"):
            if mailing._esc_fingerprint() != fingerprint:
                mailing.with_context(esc_from_request=True).write(
                    self._esc_mailing_content_values()
                )

    def _esc_take_mailing_content(self, mailing):
        """A linked mailing was edited: the request now holds what that mailing would send, so
        that Customer Service approves exactly it; an approval of the former content lapses."""
        self.ensure_one()
        if self.state not in ("draft", "submitted", "approved"):
            return
        values = {"body": mailing.body_plaintext if self.medium == "sms" else mailing.body_html}
        if self.medium == "email":
            values.update(
                {
                    "subject": mailing.subject,
                    "preview": mailing.preview,
                    "attachment_ids": [(6, 0, mailing.attachment_ids.ids)],
                }
            )
        self.sudo().with_context(esc_from_mailing=True).write(values)
        self.sudo().message_post(
            body=_(
                "The mailing %(mailing)s was edited: this request now holds its content.",
                mailing=mailing.display_name,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _esc_reset_changed_approval(self):
        """A real change after approval sends the request back to Customer Service."""
        for request in self.filtered(lambda r: r.state == "approved"):
            if request._esc_fingerprint() == request.content_hash:
                continue
            request.sudo().write(
                {
                    "state": "submitted",
                    "approved_by_id": False,
                    "approved_at": False,
                    "content_hash": False,
                }
            )
            request.message_post(
                body=_(
                    "The content changed after its approval: the request goes back to Customer "
                    "Service for a new one."
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _esc_record_sent(self):
        """The request's communication went out (its mailing finished, or Service sent it by
        hand): the mailings' statistics are on the request from now on."""
        self.filtered(lambda r: r.state == "approved").write(
            {"state": "sent", "sent_at": fields.Datetime.now()}
        )

    # Audience

    def _esc_partner_filter(self):
        """The customers it reaches, as a domain on contacts: those its medium can reach, of
        every trait given."""
        self.ensure_one()
        reachable_by = {"email": "email_normalized", "sms": "phone_sanitized"}
        return expression.AND(
            [[(reachable_by.get(self.medium, "id"), "!=", False)], self._esc_trait_domain()]
        )

    def _esc_audience_count(self):
        self.ensure_one()
        if self.mailing_list_ids:
            return self.env["mailing.contact"].search_count(
                [("list_ids", "in", self.mailing_list_ids.ids)]
            )
        if not self._esc_has_partner_filters():
            return 0
        try:
            return self.env["res.partner"].search_count(self._esc_partner_filter())
        except ValidationError:
            return 0

    # Checks

    def _esc_check_complete(self):
        """Nothing goes to customers without an audience and a content."""
        self.ensure_one()
        missing = []
        if not (self.mailing_list_ids or self._esc_has_partner_filters()):
            missing.append(_("an audience (segments, markets, stakeholder groups, a filter or "
                             "mailing lists)"))  # fmt: skip
        if is_html_empty(self.body):
            missing.append(_("a content"))
        if self.medium == "email" and not (self.subject or "").strip():
            missing.append(_("a subject (it goes by e-mail)"))
        if not (self.purpose or "").strip():
            missing.append(_("a purpose"))
        if missing:
            raise ValidationError(
                _(
                    "Mass communication %(request)s lacks %(missing)s.",
                    request=self.display_name,
                    missing=", ".join(missing),
                )
            )

    def _esc_check_service(self, step):
        """Only Customer Service decides on a mass communication (policy)."""
        if not self.env.user.has_group(SERVICE_GROUP):
            raise AccessError(
                _(
                    "Mass communication %(request)s: only Customer Service may %(step)s a mass "
                    "communication, and %(user)s is not in Customer Service.",
                    request=", ".join(self.mapped("display_name")),
                    step=step,
                    user=self.env.user.name,
                )
            )

    def _esc_check_content_editable(self):
        if self.env.context.get("esc_from_mailing"):
            return
        for request in self.filtered(lambda r: r.state in ("sent", "cancelled")):
            raise UserError(
                _(
                    "Mass communication %(request)s is %(state)s: its content is the record of "
                    "what was decided and is not edited.",
                    request=request.display_name,
                    state=request._esc_state_label(),
                )
            )

    def _esc_refuse_bookkeeping(self, names, fields_given):
        if not fields_given:
            return
        labels = ", ".join(
            self._fields[name]._description_string(self.env) for name in sorted(fields_given)
        )
        raise AccessError(
            _(
                "Mass communication %(request)s: %(fields)s is kept by its approval workflow "
                "and cannot be set by hand.",
                request=", ".join(str(name or "") for name in names),
                fields=labels,
            )
        )

    def _esc_medium_label(self):
        return dict(self._fields["medium"]._description_selection(self.env))[self.medium]
