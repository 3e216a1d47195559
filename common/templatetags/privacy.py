from django import template

from common import privacy

register = template.Library()
register.filter("mask_phone", privacy.mask_phone)
register.filter("mask_birth_date", privacy.mask_birth_date)
register.filter("mask_national_id", privacy.mask_national_id)
