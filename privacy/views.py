from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from common.excel import XLSX_CONTENT_TYPE
from privacy.exports import person_data_workbook
from units.models import Person
from units.selectors import unit_scope_q
from units.services import log_action


@login_required
def person_data(request, pk):
    """A person's data in one workbook, for them (or handed to them); the export is on record."""
    user = request.user
    people = Person.objects.filter(unit_scope_q(user, prefix="unit__") | Q(pk=user.person_id or 0))
    person = get_object_or_404(people.select_related("unit"), pk=pk)
    if not user.has_perm("privacy.export_person_data", person):
        raise PermissionDenied
    content = person_data_workbook(person)
    log_action(person, "person.data_exported", actor=user, unit=person.unit)
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="du-lieu-ca-nhan-{person.pk}-{timezone.localdate():%Y%m%d}.xlsx"'
    )
    return response
