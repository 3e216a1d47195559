"""People: list, detail, create, edit, transfer, deactivate, export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from exports.views import export_response
from units import exporters, selectors, services
from units.forms import DeactivateForm, PersonFilterForm, PersonForm, TransferForm, add_service_errors
from units.models import Person
from units.views.shared import paginate, require, wants_fragment


def _filters(request) -> tuple[PersonFilterForm, dict]:
    """The filters that are valid; a unit outside the scope or matching nothing is left out, said at its field."""
    form = PersonFilterForm(request.GET or None, user=request.user)
    if form.is_bound:
        form.is_valid()
        data = form.cleaned_data
        return form, {"query": data.get("q") or "", "unit": data.get("unit"), "role": data.get("role") or ""}
    return form, {}


def _scoped_people(user):
    return Person.objects.filter(selectors.unit_scope_q(user, prefix="unit__"))


@login_required
def person_list(request):
    form, filters = _filters(request)
    page = paginate(request, selectors.person_list(request.user, **filters))
    context = {"form": form, "page": page, "chosen_unit": filters.get("unit")}
    if wants_fragment(request):
        return render(request, "units/_person_table.html", context)
    return render(request, "units/person_list.html", context)


@login_required
def person_export(request):
    _form, filters = _filters(request)
    unit = filters.get("unit")
    params = {"query": filters.get("query", ""), "unit": unit.pk if unit else None, "role": filters.get("role", "")}
    rows = exporters.people_count(request.user, params)
    if request.user.has_perm("units.export_national_ids"):
        # Every export that carries national ID numbers is on record (NĐ 13/2023), inline or by a worker.
        services.log_action(
            request.user,
            "person.national_ids_exported",
            actor=request.user,
            unit=request.user.unit,
            data={"rows": rows, "query": filters.get("query", ""), "unit": unit.pk if unit else None},
        )
    # A Sở's tens of thousands of people go to a worker past EXPORT_INLINE_ROWS.
    return export_response(request, kind=exporters.PEOPLE_EXPORT, params=params, estimated_rows=rows)


@login_required
def person_detail(request, pk):
    user = request.user
    person = get_object_or_404(_scoped_people(user).select_related("unit"), pk=pk)
    show_national_id = user.has_perm("units.view_national_id", person)
    if show_national_id and person.national_id:
        # Every view of a national ID number is on record (NĐ 13/2023).
        services.log_action(person, "person.national_id_viewed", actor=user, unit=person.unit)
    context = {
        "person": person,
        "transfers": selectors.person_transfers(person),
        "audit_log": selectors.audit_log_for(person)[:20],
        "show_national_id": show_national_id,
        "show_personal_details": user.has_perm("units.view_personal_details", person),
        "can_change": user.has_perm("units.change_person", person),
        "can_transfer": user.has_perm("units.transfer_person", person),
    }
    return render(request, "units/person_detail.html", context)


def _form_page(request, *, person=None, unit=None, form, title, submit):
    return render(
        request,
        "units/form_page.html",
        {
            "person": person,
            "unit": unit or (person.unit if person else None),
            "form": form,
            "title": title,
            "submit": submit,
        },
    )


@login_required
def person_create(request, pk):
    unit = get_object_or_404(selectors.visible_units(request.user), pk=pk)
    require(request.user, "units.add_person", unit)
    form = PersonForm(request.POST or None, show_national_id=request.user.has_perm("units.export_national_ids"))
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(unit=unit, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": person.full_name})
            return redirect("units:person-detail", pk=person.pk)
    return _form_page(request, unit=unit, form=form, title=_("New person at %s") % unit.name, submit=_("Create"))


@login_required
def person_edit(request, pk):
    person = get_object_or_404(_scoped_people(request.user).select_related("unit"), pk=pk)
    require(request.user, "units.change_person", person)
    form = PersonForm(
        request.POST or None,
        instance=person,
        show_national_id=request.user.has_perm("units.view_national_id", person),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(person=person, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("units:person-detail", pk=person.pk)
    return _form_page(request, person=person, form=form, title=_("Edit %s") % person.full_name, submit=_("Save"))


@login_required
def person_transfer(request, pk):
    person = get_object_or_404(_scoped_people(request.user).select_related("unit"), pk=pk)
    require(request.user, "units.transfer_person", person)
    form = TransferForm(request.POST or None, user=request.user, person=person)
    if request.method == "POST" and form.is_valid():
        to_unit = form.cleaned_data["to_unit"]
        if not request.user.has_perm("units.add_person", to_unit):
            form.add_error("to_unit", _("You may not record people of %s.") % to_unit.name)
        else:
            try:
                services.person_transfer(person=person, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The transfer to %s was recorded.") % to_unit.name)
                return redirect("units:person-detail", pk=person.pk)
    return _form_page(
        request, person=person, form=form, title=_("Transfer %s") % person.full_name, submit=_("Transfer")
    )


@login_required
def person_deactivate(request, pk):
    person = get_object_or_404(_scoped_people(request.user).select_related("unit"), pk=pk)
    require(request.user, "units.change_person", person)
    form = DeactivateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.person_deactivate(person=person, actor=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("%(name)s no longer works in the sector.") % {"name": person.full_name})
        return redirect("units:person-detail", pk=person.pk)
    return _form_page(
        request,
        person=person,
        form=form,
        title=_("Mark %s as no longer working") % person.full_name,
        submit=_("Confirm"),
    )
