from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewKind(models.TextChoices):
    """The campaign's review reports; the values are the slugs of their URLs."""

    MIDTERM = "so-ket", _("mid-term review (sơ kết)")
    FINAL = "tong-ket", _("final review (tổng kết)")
