from django import template

from common.audit import audit_sentence as _audit_sentence

register = template.Library()


@register.filter
def audit_sentence(entry) -> str:
    """ "Thêm tiêu chí “2.1 …”": an audit entry as a sentence, never its action code."""
    return _audit_sentence(entry)
