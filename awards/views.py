"""Pages of the award catalogue, history, eligibility, suggestions and import.

Objects come through scoped selectors (outside the scope → 404); the role is
checked with django-rules against the object (wrong role → 403).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards import excel, imports, selectors, services
from awards.eligibility import judge, suggest_for_unit
from awards.enums import BASE_SALARY, Subject
from awards.forms import (
    AwardRecordForm,
    ConfirmSuggestionsForm,
    EligibilityForm,
    HistoryFilterForm,
    HistoryImportForm,
    InitiativeForm,
    LocalRuleForm,
    RestrictionForm,
    ServicePeriodForm,
    SuggestionYearForm,
    TaskRatingForm,
    default_school_year,
)
from awards.models import Award
from common.dates import school_year_label
from common.numbers import decimal_text, money_text, number_text
from common.views import PAGE_SIZE, CappedPaginator, filters_read, require
from exports.services import inline_limit
from exports.views import export_response
from units.models import Person, Unit


def _person_or_404(request, pk: int) -> Person:
    try:
        return selectors.visible_person(request.user, pk)
    except Person.DoesNotExist as exc:
        raise Http404 from exc


def _unit_or_404(request, pk: int) -> Unit:
    try:
        return selectors.visible_unit(request.user, pk)
    except Unit.DoesNotExist as exc:
        raise Http404 from exc


def _award_or_404(code: str) -> Award:
    try:
        return selectors.award_get(code)
    except Award.DoesNotExist as exc:
        raise Http404 from exc


def _save_form(request, form, save) -> bool:
    """Run ``save(cleaned_data)`` for a valid bound form; service errors land on the form."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    messages.success(request, _("Saved."))
    return True


# --------------------------------------------------------------------------- catalogue


@login_required
def catalogue(request):
    require(request.user, "awards.view_catalogue")
    kind = request.GET.get("kind", "")
    awards = selectors.award_list(kind=kind, query=request.GET.get("q", ""))
    return render(request, "awards/catalogue.html", {"awards": awards, "kind": kind})


@login_required
def award_detail(request, code):
    require(request.user, "awards.view_catalogue")
    award = _award_or_404(code)
    user = request.user
    rules = selectors.visible_rules(user, award)
    context = {
        "award": award,
        "national_rules": [r for r in rules if r.scope_id is None],
        "local_rules": [r for r in rules if r.scope_id is not None],
        "today": timezone.localdate(),
        "cash": _cash_text(award),
        "can_add_rule": user.has_perm("awards.add_local_rule"),
    }
    return render(request, "awards/award_detail.html", context)


_vnd = money_text


def _cash_text(award: Award) -> str:
    """ "0,3 × 2.340.000 đ = 702.000 đ" (lương cơ sở from 01/7/2024)."""
    if award.cash_multiplier is None:
        return ""
    multiplier = decimal_text(award.cash_multiplier)
    return f"{multiplier} × {_vnd(BASE_SALARY)} = {_vnd(award.cash_multiplier * BASE_SALARY)}"


@login_required
def rule_add(request, code):
    award = _award_or_404(code)
    require(request.user, "awards.add_local_rule")
    form = LocalRuleForm(request.POST or None)
    scope = request.user.unit

    def save(data):
        services.rule_create(award=award, scope=scope, actor=request.user, **data)

    if _save_form(request, form, save):
        return redirect("awards:award-detail", code=award.code)
    return render(request, "awards/rule_form.html", {"award": award, "form": form, "scope": scope})


# --------------------------------------------------------------------------- person history


@login_required
def person_history(request, pk):
    person = _person_or_404(request, pk)
    require(request.user, "awards.view_person_history", person)
    form = EligibilityForm(request.GET if "award" in request.GET else None, subject=Subject.INDIVIDUAL)
    judgement = None
    if form.is_bound and form.is_valid():
        year, on_date = form.cleaned_data["nam"], form.cleaned_data["ngay"]
        facts = selectors.person_facts(person)
        unit = selectors.unit_facts(person.unit, school_year=year, with_members=False)
        judgement = judge(
            selectors.load_catalogue(), form.cleaned_data["award"], facts, school_year=year, on_date=on_date, unit=unit
        )
    context = {
        "person": person,
        "history": selectors.person_history(person),
        "form": form,
        "judgement": judgement,
        "can_record": request.user.has_perm("awards.record_person_history", person),
    }
    return render(request, "awards/person_history.html", context)


def _person_record_view(request, pk, *, form_factory, save, title):
    person = _person_or_404(request, pk)
    require(request.user, "awards.record_person_history", person)
    form = form_factory(person, request.POST or None)
    if _save_form(request, form, lambda data: save(person, data, request.user)):
        return redirect("awards:person-history", pk=person.pk)
    context = {"form": form, "title": title, "subject_name": person.full_name, "back": person_url(person)}
    return render(request, "awards/record_form.html", context)


def person_url(person: Person) -> str:
    return reverse("awards:person-history", kwargs={"pk": person.pk})


@login_required
def person_award_add(request, pk):
    def save(person, data, actor):
        services.award_record_create(person=person, actor=actor, **data)

    return _person_record_view(
        request,
        pk,
        form_factory=lambda person, data: AwardRecordForm(
            data, subject=Subject.INDIVIDUAL, initiatives=selectors.initiatives_for(person, free_only=True)
        ),
        save=save,
        title=_("Record a title or award"),
    )


@login_required
def person_rating_add(request, pk):
    def save(person, data, actor):
        services.task_rating_set(person=person, unit=person.unit, actor=actor, **data)

    return _person_record_view(
        request, pk, form_factory=lambda p, data: TaskRatingForm(data), save=save, title=_("Record a task rating")
    )


@login_required
def person_restriction_add(request, pk):
    def save(person, data, actor):
        services.restriction_create(person=person, unit=person.unit, actor=actor, **data)

    return _person_record_view(
        request,
        pk,
        form_factory=lambda p, data: RestrictionForm(data),
        save=save,
        title=_("Record a discipline or pending case"),
    )


@login_required
def person_initiative_add(request, pk):
    def save(person, data, actor):
        services.initiative_create(person=person, actor=actor, **data)

    return _person_record_view(
        request, pk, form_factory=lambda p, data: InitiativeForm(data), save=save, title=_("Record an initiative")
    )


@login_required
def person_period_add(request, pk):
    def save(person, data, actor):
        services.service_period_create(person=person, actor=actor, **data)

    return _person_record_view(
        request,
        pk,
        form_factory=lambda p, data: ServicePeriodForm(data),
        save=save,
        title=_("Record leave or service in a disadvantaged area"),
    )


# --------------------------------------------------------------------------- unit history


@login_required
def unit_history(request, pk):
    unit = _unit_or_404(request, pk)
    require(request.user, "awards.view_unit_history", unit)
    form = EligibilityForm(request.GET if "award" in request.GET else None, subject=Subject.COLLECTIVE)
    judgement = None
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["nam"]
        facts = selectors.unit_facts(unit, school_year=year)
        judgement = judge(
            selectors.load_catalogue(),
            form.cleaned_data["award"],
            facts,
            school_year=year,
            on_date=form.cleaned_data["ngay"],
        )
    context = {
        "unit": unit,
        "history": selectors.unit_history(unit),
        "members": selectors.unit_members(unit),
        "form": form,
        "judgement": judgement,
        "can_record": request.user.has_perm("awards.record_unit_history", unit),
    }
    return render(request, "awards/unit_history.html", context)


def _unit_record_view(request, pk, *, form, save, title):
    unit = _unit_or_404(request, pk)
    require(request.user, "awards.record_unit_history", unit)
    bound = form(request.POST or None)
    if _save_form(request, bound, lambda data: save(unit, data, request.user)):
        return redirect("awards:unit-history", pk=unit.pk)
    back = reverse("awards:unit-history", kwargs={"pk": unit.pk})
    return render(
        request, "awards/record_form.html", {"form": bound, "title": title, "subject_name": unit.name, "back": back}
    )


@login_required
def unit_award_add(request, pk):
    def save(unit, data, actor):
        data.pop("initiatives", None)
        services.award_record_create(unit=unit, actor=actor, **data)

    return _unit_record_view(
        request,
        pk,
        form=lambda data: AwardRecordForm(data, subject=Subject.COLLECTIVE),
        save=save,
        title=_("Record a collective title or award"),
    )


@login_required
def unit_rating_add(request, pk):
    def save(unit, data, actor):
        services.task_rating_set(unit=unit, actor=actor, **data)

    return _unit_record_view(request, pk, form=TaskRatingForm, save=save, title=_("Record the unit's task rating"))


@login_required
def unit_restriction_add(request, pk):
    def save(unit, data, actor):
        services.restriction_create(unit=unit, actor=actor, **data)

    return _unit_record_view(
        request, pk, form=RestrictionForm, save=save, title=_("Record an inspection or complaint about the unit")
    )


# --------------------------------------------------------------------------- suggestions


@login_required
def suggestions(request, pk):
    unit = _unit_or_404(request, pk)
    require(request.user, "awards.view_unit_history", unit)
    year, on_date = default_school_year(), timezone.localdate()
    # The selector shows the year the heading names, before any choice too.
    year_form = SuggestionYearForm(request.GET or None, initial={"nam": year})
    if year_form.is_bound and year_form.is_valid():
        year = year_form.cleaned_data["nam"]
        on_date = year_form.cleaned_data["ngay"] or on_date
    can_confirm = request.user.has_perm("awards.record_unit_history", unit)
    confirm_form = None
    if request.method == "POST":
        if not can_confirm:
            raise PermissionDenied
        confirm_form = ConfirmSuggestionsForm(request.POST, people_choices=selectors.unit_member_choices(unit))

        def save(data):
            services.award_records_confirm(
                award=data["award"],
                people=selectors.unit_members_by_pk(unit, data["people"]),
                school_year=data["nam"],
                decision_number=data["decision_number"],
                decision_date=data["decision_date"],
                issuer=data["issuer"],
                actor=request.user,
            )

        if _save_form(request, confirm_form, save):
            url = reverse("awards:suggestions", kwargs={"pk": unit.pk})
            return redirect(f"{url}?nam={confirm_form.cleaned_data['nam']}")
    facts = selectors.unit_facts(unit, school_year=year)
    result = suggest_for_unit(selectors.load_catalogue(), facts, school_year=year, on_date=on_date)
    context = {
        "unit": unit,
        "year_form": year_form,
        "year": year,
        "year_label": school_year_label(year),
        "on_date": on_date,
        "result": result,
        "can_confirm": can_confirm,
        "confirm_form": confirm_form,
    }
    return render(request, "awards/suggestions.html", context)


@login_required
def suggestions_export(request, pk):
    """The suggestions for the year (and nomination date) chosen on the page, as an .xlsx."""
    unit = _unit_or_404(request, pk)
    require(request.user, "awards.view_unit_history", unit)
    year, on_date = default_school_year(), timezone.localdate()
    year_form = SuggestionYearForm(request.GET or None)
    filters_read(request, year_form)  # a value that cannot be read: said, and the page's defaults kept
    if year_form.is_bound and year_form.is_valid():
        year = year_form.cleaned_data["nam"]
        on_date = year_form.cleaned_data["ngay"] or on_date
    params = {"unit": unit.pk, "nam": year, "ngay": on_date.isoformat()}
    rows = selectors.unit_staff_count(unit)
    return export_response(request, kind=excel.SUGGESTIONS_EXPORT, params=params, estimated_rows=rows)


# --------------------------------------------------------------------------- search

# Past this many matches the search says "more than 1.000" and asks for a narrower query.
SEARCH_COUNT_CAP = 1000


@login_required
def search(request):
    require(request.user, "awards.search_history")
    form = HistoryFilterForm(request.GET or None)
    page = None
    if form.is_bound and form.is_valid() and any(form.cleaned_data.values()):
        data = form.cleaned_data
        unit = None
        if data["don_vi"]:
            unit = selectors.visible_units_by_code(request.user, data["don_vi"])
            if unit is None:
                form.add_error("don_vi", _("No unit with this code in your scope."))
        if not form.errors:
            ids = selectors.history_search_ids(
                request.user,
                query=data["q"],
                unit=unit,
                award=data["award"],
                year=data["nam"],
                decision=data["so_qd"],
            )
            page = CappedPaginator(ids, PAGE_SIZE, cap=SEARCH_COUNT_CAP).get_page(request.GET.get("page"))
            page.object_list = selectors.award_records_in_order(list(page.object_list))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "cap": number_text(SEARCH_COUNT_CAP)}
    return render(request, "awards/search.html", context)


@login_required
def search_export(request):
    """The search's records, every page, as an .xlsx: the same filters and scope as the screen. A
    filter that cannot be read is left out with a message; a unit code outside the scope answers 404."""
    require(request.user, "awards.search_history")
    data = filters_read(request, HistoryFilterForm(request.GET or None))
    params = {
        "q": data.get("q") or "",
        "don_vi": data.get("don_vi") or "",
        "award": data.get("award") or "",
        "nam": data.get("nam"),
        "so_qd": data.get("so_qd") or "",
    }
    if params["don_vi"] and selectors.visible_units_by_code(request.user, params["don_vi"]) is None:
        raise Http404
    # A search over a province may hold tens of thousands of records: past EXPORT_INLINE_ROWS a worker writes it.
    rows = excel.history_count(request.user, params, cap=inline_limit() + 1)
    return export_response(request, kind=excel.HISTORY_EXPORT, params=params, estimated_rows=rows)


# --------------------------------------------------------------------------- import


# The upload is read and checked with no transaction open: no write lock while a file is parsed.
@transaction.non_atomic_requests
@login_required
def history_import(request):
    """Upload → preview with per-row errors → confirm (all or nothing), on one page.

    The checked file waits in an import batch (``awards.imports``); the confirm
    button names it.
    """
    require(request.user, "awards.import_history")
    form = HistoryImportForm()
    context = {"form": form, "errors": None, "rows": None, "batch": None}
    if request.method == "POST" and "confirm" in request.POST:
        batch_id = request.POST.get("batch", "")
        if not batch_id.isdigit():
            messages.error(request, _("The uploaded file has expired; upload it again."))
            return redirect("awards:import")
        batch = get_object_or_404(selectors.history_import_batches(request.user), pk=int(batch_id))
        try:
            batch, created = imports.history_batch_commit(batch=batch, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("awards:import")
        if batch.errors:
            context["errors"] = imports.errors_by_row(batch)
            return render(request, "awards/import.html", context)
        messages.success(request, _("%(count)s records imported.") % {"count": len(created)})
        return redirect("awards:import")
    if request.method == "POST":
        form = HistoryImportForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            batch = imports.history_batch_create(
                user=request.user, file_name=form.cleaned_data["file"].name, rows=form.rows
            )
            if batch.errors:
                context["errors"] = imports.errors_by_row(batch)
            else:
                context["rows"] = imports.preview_rows(batch)
                context["batch"] = batch
    return render(request, "awards/import.html", context)


@login_required
def import_template(request):
    require(request.user, "awards.import_history")
    response = HttpResponse(
        excel.build_template(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-lich-su-khen-thuong.xlsx"'
    return response
