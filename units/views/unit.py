"""Units: list, detail, create, edit and the restructuring actions (rename, merge, split, move)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from exports.views import export_response
from units import exporters, selectors, services
from units.forms import (
    MergeForm,
    MoveForm,
    RenameForm,
    RootUnitForm,
    SplitForm,
    UnitFilterForm,
    UnitForm,
    add_service_errors,
)
from units.views.shared import paginate, require, wants_fragment, with_links


def _filters(request) -> tuple[UnitFilterForm, dict]:
    form = UnitFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, {"query": form.cleaned_data["q"], "kind": form.cleaned_data["kind"]}
    return form, {}


@login_required
def unit_list(request):
    form, filters = _filters(request)
    page = paginate(request, selectors.unit_list(request.user, **filters))
    context = {"form": form, "page": page}
    if wants_fragment(request):
        return render(request, "units/_unit_table.html", context)
    return render(request, "units/unit_list.html", context)


SUGGESTIONS = 20


@login_required
def unit_suggest(request):
    """HTMX: up to 20 units in the user's scope whose name (accents or not) or code holds what was typed."""
    typed = request.GET.get("unit_name", "")[:255]
    units = selectors.unit_picker(request.user, query=typed, limit=SUGGESTIONS)
    return render(request, "units/_unit_suggestions.html", {"units": units, "typed": typed.strip()})


@login_required
def unit_export(request):
    _form, filters = _filters(request)
    # The whole province's units (about a thousand) go to a worker past EXPORT_INLINE_ROWS.
    params = {"query": filters.get("query", ""), "kind": filters.get("kind", "")}
    return export_response(request, kind=exporters.UNITS_EXPORT, params=params)


@login_required
def unit_detail(request, pk):
    user = request.user
    unit = get_object_or_404(selectors.visible_units(user), pk=pk)
    context = {
        "unit": unit,
        "ancestors": with_links(user, selectors.unit_ancestors(unit)),
        "children": selectors.unit_visible_children(user, unit),
        "people": selectors.unit_people(unit)[:50],
        "clusters": selectors.unit_clusters(unit),
        "events": selectors.unit_events(unit),
        "predecessors": with_links(user, selectors.unit_predecessors(unit)),
        "successor_events": selectors.unit_successor_events(unit),
        "audit_log": selectors.audit_log_for(unit)[:20],
        "can_change": user.has_perm("units.change_unit", unit),
        "can_add_child": user.has_perm("units.add_child_unit", unit),
        "can_restructure": user.has_perm("units.restructure_unit", unit),
        "can_add_person": user.has_perm("units.add_person", unit),
    }
    return render(request, "units/unit_detail.html", context)


def _form_page(request, *, unit, form, title, submit, cancel_url=None):
    return render(
        request,
        "units/form_page.html",
        {"unit": unit, "form": form, "title": title, "submit": submit, "cancel_url": cancel_url},
    )


@login_required
def unit_create_child(request, pk):
    parent = get_object_or_404(selectors.visible_units(request.user), pk=pk)
    require(request.user, "units.add_child_unit", parent)
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(parent=parent, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The unit %(name)s was created.") % {"name": unit.name})
            return redirect("units:unit-detail", pk=unit.pk)
    return _form_page(request, unit=parent, form=form, title=_("New unit under %s") % parent.name, submit=_("Create"))


@login_required
def unit_create_root(request):
    """A system administrator adds a unit at the top of the tree (UBND tỉnh, a Sở, a UBND xã)."""
    require(request.user, "units.add_root_unit")
    form = RootUnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(parent=None, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The unit %(name)s was created.") % {"name": unit.name})
            return redirect("units:unit-detail", pk=unit.pk)
    return _form_page(
        request,
        unit=None,
        form=form,
        title=_("New top-level unit"),
        submit=_("Create"),
        cancel_url=reverse("units:unit-list"),
    )


@login_required
def unit_edit(request, pk):
    unit = get_object_or_404(selectors.visible_units(request.user), pk=pk)
    require(request.user, "units.change_unit", unit)
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_update(unit=unit, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("units:unit-detail", pk=unit.pk)
    return _form_page(request, unit=unit, form=form, title=_("Edit unit"), submit=_("Save"))


@login_required
def unit_rename(request, pk):
    unit = get_object_or_404(selectors.visible_units(request.user), pk=pk)
    require(request.user, "units.restructure_unit", unit)
    form = RenameForm(request.POST or None, initial={"new_name": unit.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_rename(unit=unit, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The unit was renamed; the old name stays in its history."))
            return redirect("units:unit-detail", pk=unit.pk)
    return _form_page(request, unit=unit, form=form, title=_("Rename unit"), submit=_("Rename"))


def _check_restructurable(request, form, field, units) -> bool:
    refused = [u.name for u in units if not request.user.has_perm("units.restructure_unit", u)]
    if refused:
        form.add_error(field, _("You may not restructure: %s.") % ", ".join(refused))
    return not refused


@login_required
def unit_merge(request, pk):
    unit = get_object_or_404(selectors.visible_units(request.user), pk=pk)
    require(request.user, "units.restructure_unit", unit)
    form = MergeForm(request.POST or None, user=request.user, unit=unit)
    if (
        request.method == "POST"
        and form.is_valid()
        and _check_restructurable(request, form, "sources", form.cleaned_data["sources"])
    ):
        try:
            services.unit_merge(
                sources=list(form.cleaned_data["sources"]),
                into=unit,
                date=form.cleaned_data["date"],
                decision=form.cleaned_data["decision"],
                move_people=form.cleaned_data["move_people"],
                actor=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The merge was recorded; the merged units stay in this unit's history."))
            return redirect("units:unit-detail", pk=unit.pk)
    return _form_page(request, unit=unit, form=form, title=_("Merge units into this one"), submit=_("Merge"))


@login_required
def unit_split(request, pk):
    unit = get_object_or_404(selectors.visible_units(request.user), pk=pk)
    require(request.user, "units.restructure_unit", unit)
    form = SplitForm(request.POST or None, user=request.user, unit=unit)
    if (
        request.method == "POST"
        and form.is_valid()
        and _check_restructurable(request, form, "parts", form.cleaned_data["parts"])
    ):
        try:
            services.unit_split(
                source=unit,
                parts=list(form.cleaned_data["parts"]),
                date=form.cleaned_data["date"],
                decision=form.cleaned_data["decision"],
                close_source=form.cleaned_data["close_source"],
                actor=request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The split was recorded."))
            return redirect("units:unit-detail", pk=unit.pk)
    return _form_page(request, unit=unit, form=form, title=_("Split this unit"), submit=_("Record the split"))


@login_required
def unit_move(request, pk):
    unit = get_object_or_404(selectors.visible_units(request.user), pk=pk)
    require(request.user, "units.restructure_unit", unit)
    form = MoveForm(request.POST or None, user=request.user, unit=unit)
    if request.method == "POST" and form.is_valid():
        new_parent = form.cleaned_data["new_parent"]
        if not request.user.has_perm("units.add_child_unit", new_parent):
            form.add_error("new_parent", _("You may not add units under %s.") % new_parent.name)
        else:
            try:
                services.unit_move(
                    unit=unit,
                    new_parent=new_parent,
                    date=form.cleaned_data["date"],
                    decision=form.cleaned_data["decision"],
                    actor=request.user,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The unit now belongs to %s.") % new_parent.name)
                return redirect("units:unit-detail", pk=unit.pk)
    return _form_page(request, unit=unit, form=form, title=_("Move under another unit"), submit=_("Move"))
