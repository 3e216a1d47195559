from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from reports.enums import ReviewKind
from units.models import RegisterEntry


class ReviewIssue(models.Model):
    """A campaign's sơ kết / tổng kết report issued: the number it took from the issuer's register
    (``units.services.register_take``) and the day it is dated. One per campaign and kind: reprints
    keep the number."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="+", verbose_name=_("campaign"))
    kind = models.CharField(_("kind"), max_length=10, choices=ReviewKind.choices)
    entry = models.OneToOneField(
        RegisterEntry, on_delete=models.PROTECT, related_name="+", verbose_name=_("register entry")
    )
    issued_on = models.DateField(_("issue date"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("issued review report")
        verbose_name_plural = _("issued review reports")
        constraints = [models.UniqueConstraint(fields=["campaign", "kind"], name="one_review_report_per_kind")]

    def __str__(self):
        return self.entry.number_symbol
